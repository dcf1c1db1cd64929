import type { AppModule } from './module.js';
import { platformMigrations } from './migrations.js';
import './tables.js';
import { registerPlatformRoutes } from './routes.js';
import type { PlatformServices } from './services.js';
import type { StaffShell } from './shell.js';
import { platformPersonalData } from './personal-data-declaration.js';

export const platformModule: AppModule<{ platform: PlatformServices; shell: StaffShell }> = {
  name: 'platform',
  personalData: platformPersonalData,
  migrations: platformMigrations,
  routes: registerPlatformRoutes,
  nav: [{ label: 'Audit log', href: '/audit', permission: 'audit.read' }],
};
