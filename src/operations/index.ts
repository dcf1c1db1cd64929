import type { AppModule, AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import { registerLadderCheck } from '../cases/ladder-checks.js';
import { registerPersonSection } from '../people/person-sections.js';
import { operationsMigrations } from './migrations.js';
import { registerOperationsRoutes } from './routes/index.js';
import { LuscombeService, supportBeforeEnforcement } from './luscombe-service.js';
import { OperationsRepository } from './repository.js';
import { SUPPORT, SIGNPOSTING, labelsOf } from './labels.js';
import { seedOperationsDemo } from './demo.js';
import './tables.js';
import type { OperationsServices } from './services.js';
import { operationsPersonalData } from './personal-data.js';

registerLadderCheck(supportBeforeEnforcement);

/** The person page's "Support and enforcement" section, for users who may see street operations. */
async function personSection(deps: AppDeps, user: CurrentUser, personId: string) {
  if (!can(user.role, 'operations.read')) return null;
  const v = await new LuscombeService(deps).supportAndEnforcement(user, personId);
  if (
    !v.contacts.length &&
    !v.hub.length &&
    !v.supportSteps.length &&
    !v.enforcementSteps.length &&
    !v.hiddenSteps
  )
    return null;
  const parse = (s: string) => JSON.parse(s) as string[];
  return {
    template: 'operations/_person-section.njk',
    data: {
      ...v,
      personId,
      contacts: v.contacts.map((c) => ({
        id: c.id,
        occurred_at: c.occurred_at,
        place_name: c.place_name,
        offered: labelsOf(SUPPORT, parse(c.support_offered)),
        accepted: labelsOf(SUPPORT, parse(c.support_accepted)),
        signposted: labelsOf(SIGNPOSTING, parse(c.signposted)),
      })),
    },
  };
}
registerPersonSection(personSection);

async function operationsHome(deps: AppDeps, user: CurrentUser) {
  if (!can(user.role, 'operations.record')) return null;
  const drafts = await new OperationsRepository(deps.db).drafts(user.partnershipId, user.id);
  return {
    title: 'Street outreach',
    href: '/operations',
    lines: drafts.length
      ? [{ text: `${drafts.length} unfinished contact${drafts.length > 1 ? 's' : ''}`, href: '/operations' }]
      : [{ text: 'Record an outreach contact', href: '/operations' }],
  };
}

export const operationsModule: AppModule<{ operations: OperationsServices }> = {
  name: 'operations',
  personalData: operationsPersonalData,
  home: operationsHome,
  migrations: operationsMigrations,
  routes: registerOperationsRoutes,
  seedDemo: seedOperationsDemo,
  nav: [{ label: 'Street outreach', href: '/operations', permission: 'operations.read' }],
};
