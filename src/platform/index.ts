import type { AppModule } from './module.js';
import { platformMigrations } from './migrations.js';
import './tables.js';
import { registerPlatformRoutes } from './routes.js';

export const platformModule: AppModule = {
  name: 'platform',
  migrations: platformMigrations,
  routes: registerPlatformRoutes,
  nav: [{ label: 'Audit log', href: '/audit', permission: 'audit.read' }],
};
