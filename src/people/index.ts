import type { AppModule } from '../platform/module.js';
import { peopleMigrations } from './migrations.js';
import { registerPeopleRoutes } from './routes.js';
import './tables.js';

export const peopleModule: AppModule = {
  name: 'people',
  migrations: peopleMigrations,
  routes: registerPeopleRoutes,
  nav: [
    { label: 'Repeats', href: '/people/repeats', permission: 'people.read' },{ label: 'Possible matches', href: '/people/review', permission: 'people.review' }],
};
