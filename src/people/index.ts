import type { AppModule } from '../platform/module.js';
import { peopleMigrations } from './migrations.js';
import './tables.js';

export const peopleModule: AppModule = {
  name: 'people',
  migrations: peopleMigrations,
};
