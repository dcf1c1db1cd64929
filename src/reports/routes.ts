import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { registerJourneyRoutes } from './journey/routes.js';
import { registerTrackRoutes } from './journey/track.js';
import { registerStaffRoutes } from './staff/routes.js';

export async function registerReportsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerJourneyRoutes(app, deps);
  registerTrackRoutes(app, deps);
  registerStaffRoutes(app, deps);
}
