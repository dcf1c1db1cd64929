/**
 * Tasking's analysis section: the current hot spots (Getis-Ord Gi* cells significantly hot in the
 * last three months of the partnership's main data source), each with its area and count, linking
 * to the hot spot analysis.
 */
import { AnalyticsService } from '../analytics/service.js';
import { resolveQuery } from '../analytics/query.js';
import { DEFAULT_HOTSPOT_OPTIONS, hotspotModel } from '../analytics/analysis/hotspot-model.js';
import { registerAgendaSectionProvider } from './agenda-sections.js';

const CONFIDENCE: Record<string, number> = { 'hot-99': 99, 'hot-95': 95 };

registerAgendaSectionProvider({
  id: 'tasking.hotspots',
  title: 'Current hot spots',
  types: ['tasking', 'ccm'],
  order: 40,
  async build(ctx) {
    const analytics = new AnalyticsService(ctx.deps);
    const [sources, areas] = await Promise.all([
      analytics.sources(ctx.partnershipId),
      analytics.areas(ctx.partnershipId),
    ]);
    const { query } = resolveQuery(sources, {}, { monthsBack: 3 });
    if (!query) return [];
    const records = await analytics.records(ctx.partnershipId, {
      source: query.source.code,
      category: query.category,
      monthFrom: query.from,
      monthTo: query.to,
    });
    if (!records.length) return [];
    const model = hotspotModel(records, query.months, areas, DEFAULT_HOTSPOT_OPTIONS, []);
    const names = new Map(areas.areas.map((a) => [a.code, a.name]));
    return model.cells
      .filter((c) => c.cls in CONFIDENCE && c.count > 0)
      .sort((a, b) => b.count - a.count || b.z - a.z)
      .slice(0, 5)
      .map((c, i) => ({
        kind: 'hotspot',
        title: `Hot spot ${i + 1} (${names.get(c.areaCode ?? '') ?? 'the area'}, ${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}): ${c.count} records, ${query.from} to ${query.to}`,
        detail: {
          source: query.source.code,
          confidence: CONFIDENCE[c.cls],
          trend: c.trend,
          count: c.count,
        },
        href: `/analysis/hotspots?source=${encodeURIComponent(query.source.code)}&from=${query.from}&to=${query.to}`,
        minutesAllowed: 5,
      }));
  },
});
