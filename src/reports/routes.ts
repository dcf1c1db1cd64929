import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { registerJourneyRoutes } from './journey/routes.js';
import { registerTrackRoutes } from './journey/track.js';
import { registerStaffRoutes } from './staff/routes.js';
import { registerIntakeRoutes } from './staff/intake.js';
import { registerOpen311Routes } from './open311/routes.js';
import { registerApiRoutes } from './api/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerEnvironmentRoutes } from './environment/routes.js';

export async function registerReportsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerJourneyRoutes(app, deps);
  registerTrackRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerIntakeRoutes(app, deps);
  await registerOpen311Routes(app, deps);
  registerApiRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerEnvironmentRoutes(app, deps);
}
