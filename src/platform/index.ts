import type { AppModule } from './module.js';
import { platformMigrations } from './migrations.js';
import './tables.js';
import { registerPlatformRoutes } from './routes.js';
import type { PlatformServices } from './services.js';
import type { StaffShell } from './shell.js';

export const platformModule: AppModule<{ platform: PlatformServices; shell: StaffShell }> = {
  name: 'platform',
  migrations: platformMigrations,
  routes: registerPlatformRoutes,
  nav: [{ label: 'Audit log', href: '/audit', permission: 'audit.read' }],
};
