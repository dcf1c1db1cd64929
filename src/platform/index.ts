import type { AppModule } from './module.js';
import { platformMigrations } from './migrations.js';
import './tables.js';
import { registerPlatformRoutes } from './routes.js';
import { registerPlatformCli } from './cli.js';

export const platformModule: AppModule = {
  name: 'platform',
  migrations: platformMigrations,
  routes: registerPlatformRoutes,
  cli: registerPlatformCli,
  nav: [{ label: 'Audit log', href: '/audit', permission: 'audit.read' }],
};
