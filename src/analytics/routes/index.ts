import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { registerHotspotRoutes } from './hotspots.js';
import { registerOverviewRoutes } from './overview.js';
import { registerTimeRoutes } from './time.js';
import { registerRepeatRoutes } from './repeats.js';
import { registerImportRoutes } from './imports.js';
import { registerProfileRoutes } from './profiles.js';
import { registerPredictionRoutes } from './prediction.js';
import { registerPartnerImportRoutes } from './partner-imports.js';

export function registerAnalyticsRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerOverviewRoutes(app, deps);
  registerHotspotRoutes(app, deps);
  registerTimeRoutes(app, deps);
  registerRepeatRoutes(app, deps);
  registerPartnerImportRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerProfileRoutes(app, deps);
  registerPredictionRoutes(app, deps);
}
