import type { FastifyInstance } from 'fastify';
import type { AnalyticsServices } from '../services.js';
import { READ } from './context.js';

export function registerOverviewRoutes(app: FastifyInstance, s: AnalyticsServices): void {
  app.get('/analysis', { config: READ }, async (req, reply) => {
    const service = s.analytics;
    const pid = req.user!.partnershipId;
    const [sources, areas, assets, imports] = await Promise.all([
      service.sources(pid),
      service.areas(pid),
      service.repo.assetCounts(pid),
      service.repo.listImports(pid, 5),
    ]);
    return reply.render('analytics/overview.njk', {
      title: 'Analysis',
      tab: 'overview',
      sources,
      areas: areas.areas.map((a) => ({ code: a.code, name: a.name, km2: a.boundary.areaM2 / 1e6 })),
      areaKm2: areas.boundary.areaM2 / 1e6,
      bundledAreas: areas.bundled,
      assets,
      imports,
    });
  });
}
