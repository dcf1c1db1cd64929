import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import type { AuditService } from '../platform/audit/service.js';
import type { PersonInfoService } from '../people/person-info.js';
import type { ReportServices } from './services.js';
import { registerJourneyRoutes } from './journey/routes.js';
import { registerTrackRoutes } from './journey/track.js';
import { registerStaffRoutes } from './staff/routes.js';
import { registerIntakeRoutes } from './staff/intake.js';
import { registerOpen311Routes } from './open311/routes.js';
import { registerApiRoutes } from './api/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerEnvironmentRoutes } from './environment/routes.js';

/** What the reports pages use: their own services, the audit log and the person panels. */
export interface ReportsRouteServices {
  reports: ReportServices;
  platform: { audit: AuditService };
  people: { info: PersonInfoService };
}

export async function registerReportsRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: ReportsRouteServices,
): Promise<void> {
  registerJourneyRoutes(app, deps, services.reports);
  registerTrackRoutes(app, services.reports, services.platform.audit);
  registerStaffRoutes(app, deps, services.reports, services.people.info);
  registerIntakeRoutes(app, deps, services.reports, services.people.info);
  registerOpen311Routes(app, deps, services.reports);
  registerApiRoutes(app, deps, services.reports);
  registerAdminRoutes(app, services.reports);
  registerEnvironmentRoutes(app, deps, services.reports);
}
