import type { AppModule } from '../platform/module.js';
import { analyticsMigrations } from './migrations.js';
import './tables.js';

export const analyticsModule: AppModule = {
  name: 'analytics',
  migrations: analyticsMigrations,
};
