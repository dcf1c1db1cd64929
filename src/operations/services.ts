import type { AppDeps } from '../platform/module.js';
import type { PeopleService } from '../people/service.js';
import type { ReportService } from '../reports/service.js';
import type { CaseServices } from '../cases/services.js';
import { OutreachService } from './contacts-service.js';
import { LuscombeService } from './luscombe-service.js';
import { SafeguardingService } from './safeguarding-service.js';
import { CountsService } from './counts-service.js';
import { PatrolsService } from './patrols-service.js';
import { CampaignsService } from './campaigns-service.js';

/** Street operations' services, built once by the composition root. */
export function createOperationsServices(
  deps: AppDeps,
  uses: { people?: PeopleService; reports?: ReportService; cases?: CaseServices } = {},
) {
  const outreach = new OutreachService(deps, { people: uses.people });
  return {
    outreach,
    luscombe: new LuscombeService(deps, { outreach, cases: uses.cases }),
    safeguarding: new SafeguardingService(deps, { outreach }),
    counts: new CountsService(deps),
    patrols: new PatrolsService(deps, { reports: uses.reports }),
    campaigns: new CampaignsService(deps),
  };
}
export type OperationsServices = ReturnType<typeof createOperationsServices>;
