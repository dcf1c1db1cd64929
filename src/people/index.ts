import type { AppModule } from '../platform/module.js';
import { peopleMigrations } from './migrations.js';
import { registerPeopleRoutes } from './routes.js';
import './tables.js';
// Registers the people.relink job handler.
import './relink.js';
import { peopleHome } from './home.js';
import { peoplePersonalData } from './personal-data.js';

export const peopleModule: AppModule = {
  name: 'people',
  personalData: peoplePersonalData,
  home: peopleHome,
  migrations: peopleMigrations,
  routes: registerPeopleRoutes,
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
