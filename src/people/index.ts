import type { AppModule } from '../platform/module.js';
import { peopleMigrations } from './migrations.js';
import { registerPeopleRoutes } from './routes.js';
import './tables.js';
import { RELINK_JOB } from './relink.js';
import { peopleHome } from './home.js';
import type { PeopleServices } from './services.js';
import type { AuditService } from '../platform/audit/service.js';
import { peoplePersonalData } from './personal-data.js';

export const peopleModule: AppModule<{ people: PeopleServices; platform: { audit: AuditService } }> = {
  name: 'people',
  personalData: peoplePersonalData,
  home: peopleHome,
  migrations: peopleMigrations,
  routes: registerPeopleRoutes,
  jobs: {
    [RELINK_JOB]: async (payload, services) => {
      await services.people.relink.run(
        String(payload.partnershipId),
        typeof payload.runId === 'string' ? payload.runId : undefined,
      );
    },
  },
  nav: [
    { label: 'Repeats', href: '/people/repeats', permission: 'people.read' },
    { label: 'Possible matches', href: '/people/review', permission: 'people.review' },
    {
      label: 'Repeat identification',
      href: '/people/admin',
      permission: 'settings.manage',
      admin: true,
      description: 'Re-link every person record and set the repeat-flag thresholds',
    },
  ],
};
