import type { AppModule } from '../platform/module.js';
import { reportsMigrations } from './migrations.js';
import { registerReportsRoutes, type ReportsRouteServices } from './routes.js';
import { seedReportsDemo } from './seed/demo.js';
import './tables.js';
import { reportsHome } from './home.js';
import { reportsPersonalData } from './personal-data.js';

export { ReportService } from './service.js';
export type { NewReport, Actor, CreatedReport } from './service.js';
export type { ReportSummaryRow } from './repository.js';

export const reportsModule: AppModule<ReportsRouteServices> = {
  name: 'reports',
  personalData: reportsPersonalData,
  home: reportsHome,
  migrations: reportsMigrations,
  routes: registerReportsRoutes,
  seedDemo: async (ctx) => {
    await seedReportsDemo(ctx);
  },
  nav: [
    { label: 'Queue', href: '/queue', permission: 'reports.read' },
    { label: 'Take a call', href: '/intake', permission: 'reports.intake' },
    { label: 'Environmental jobs', href: '/environment/jobs', permission: 'environment.manage' },
    {
      label: 'Service map',
      href: '/admin/service-map',
      permission: 'settings.manage',
      admin: true,
      description: 'Which team each kind of report goes to, and its target time',
    },
    {
      label: 'API keys',
      href: '/admin/api-keys',
      permission: 'api.keys',
      admin: true,
      description: 'Keys for partner systems posting reports through the API and Open311',
    },
  ],
};
