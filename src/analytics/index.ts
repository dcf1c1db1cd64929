import type { AppModule } from '../platform/module.js';
import { analyticsMigrations } from './migrations.js';
import { registerAnalyticsRoutes } from './routes/index.js';
import { seedAnalyticsDemo } from './demo.js';
import './tables.js';
import type { AnalyticsServices } from './services.js';
import { analyticsPersonalData } from './personal-data.js';

export const analyticsModule: AppModule<{ analytics: AnalyticsServices }> = {
  name: 'analytics',
  personalData: analyticsPersonalData,
  migrations: analyticsMigrations,
  routes: registerAnalyticsRoutes,
  seedDemo: async (ctx) => {
    await seedAnalyticsDemo(ctx);
  },
  nav: [{ label: 'Analysis', href: '/analysis', permission: 'analytics.read' }],
};
