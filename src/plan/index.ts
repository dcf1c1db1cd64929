import type { AppModule } from '../platform/module.js';
import { planMigrations } from './migrations.js';
import { registerPlanRoutes } from './routes.js';
import { PlanService } from './service.js';
import type { PlanServices } from './services.js';
import './tables.js';
import { planPersonalData } from './personal-data.js';

export const planModule: AppModule<{ plan: PlanServices }> = {
  name: 'plan',
  personalData: planPersonalData,
  migrations: planMigrations,
  routes: registerPlanRoutes,
  nav: [{ label: 'Action plan', href: '/plan', permission: 'plan.manage' }],
  seedDemo: async ({ deps, partnershipId }) => {
    await new PlanService(deps).loadCityPlan(partnershipId);
  },
};
