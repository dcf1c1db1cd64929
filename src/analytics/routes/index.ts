import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { AnalyticsServices } from '../services.js';
import { registerHotspotRoutes } from './hotspots.js';
import { registerOverviewRoutes } from './overview.js';
import { registerTimeRoutes } from './time.js';
import { registerRepeatRoutes } from './repeats.js';
import { registerImportRoutes } from './imports.js';
import { registerProfileRoutes } from './profiles.js';
import { registerPredictionRoutes } from './prediction.js';
import { registerPartnerImportRoutes } from './partner-imports.js';

export function registerAnalyticsRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { analytics: AnalyticsServices },
): void {
  const s = services.analytics;
  registerOverviewRoutes(app, s);
  registerHotspotRoutes(app, deps, s);
  registerTimeRoutes(app, s);
  registerRepeatRoutes(app, s);
  registerPartnerImportRoutes(app, deps);
  registerImportRoutes(app, deps, s);
  registerProfileRoutes(app, deps, s);
  registerPredictionRoutes(app, s);
}
