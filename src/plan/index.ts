import type { AppModule } from '../platform/module.js';
import type { PlanServices } from './services.js';
import { planMigrations } from './migrations.js';
import { registerPlanRoutes } from './routes.js';
import { seedPlanDemo } from './demo.js';
import './tables.js';
import { planPersonalData } from './personal-data.js';

export const planModule: AppModule<{ plan: PlanServices }> = {
  name: 'plan',
  personalData: planPersonalData,
  migrations: planMigrations,
  routes: registerPlanRoutes,
  nav: [{ label: 'Action plan', href: '/plan', permission: 'staff.home' }],
  seedDemo: seedPlanDemo,
};
