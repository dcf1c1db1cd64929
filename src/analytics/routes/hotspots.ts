import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { CLASS_LABELS, hotspotModel, TREND_LABELS } from '../analysis/hotspot-model.js';
import { hotspotOptions, queryString } from '../query.js';
import { filterContext, filterView, READ } from './context.js';
import { hotspotMapData } from '../analysis/map-data.js';
import type { AnalyticsServices } from '../services.js';

export function registerHotspotRoutes(app: FastifyInstance, deps: AppDeps, s: AnalyticsServices): void {
  /** The filter, the options and the model, shared by the page and its map data. */
  const analyse = async (req: Parameters<typeof filterContext>[1]) => {
    const f = await filterContext(s.analytics, req);
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const { options, errors: optionErrors } = hotspotOptions(raw);
    Object.assign(f.errors, optionErrors);
    if (!f.query) return { f, options, model: null, records: [] };
    const pid = req.user!.partnershipId;
    const [records, cameras] = await Promise.all([
      f.service.records(pid, {
        source: f.query.source.code,
        category: f.query.category,
        monthFrom: f.query.from,
        monthTo: f.query.to,
      }),
      f.service.assets(pid, 'cctv'),
    ]);
    const model = hotspotModel(
      records,
      f.query.months,
      f.areas,
      options,
      cameras.map((c) => ({ x: c.easting, y: c.northing })),
    );
    return { f, options, model, records };
  };

  app.get('/analysis/hotspots', { config: READ }, async (req, reply) => {
    const { f, options, model, records } = await analyse(req);
    const raw = (req.query ?? {}) as Record<string, string>;
    const optionValues = {
      cells: options.cells,
      size: String(options.size),
      resolution: String(options.resolution),
      bandwidth: String(options.bandwidth),
      band: raw.band ?? '',
      confidence: String(options.confidence),
      trendBy: options.trendBy,
      gapDistance: String(options.gapDistance),
    };
    const ranked = model
      ? model.cells
          .filter((c) => c.count > 0 || c.cls !== 'not-significant')
          .sort((a, b) => b.z - a.z || b.count - a.count)
      : [];
    const areaCounts = new Map<string, number>();
    for (const r of records)
      if (r.areaCode) areaCounts.set(r.areaCode, (areaCounts.get(r.areaCode) ?? 0) + 1);
    // The map's camera and street-light layers, counted by area for the table.
    const assetCounts = new Map<string, { cctv: number; streetlight: number }>();
    for (const a of model ? await f.service.assets(req.user!.partnershipId) : []) {
      const code = f.areas.areaAt(a.lon, a.lat)?.code;
      if (!code || (a.kind !== 'cctv' && a.kind !== 'streetlight')) continue;
      const n = assetCounts.get(code) ?? { cctv: 0, streetlight: 0 };
      n[a.kind]++;
      assetCounts.set(code, n);
    }
    const qs = queryString({ ...f.values, ...optionValues });
    reply.code(Object.keys(f.errors).length ? 400 : 200);
    return reply.render('analytics/hotspots.njk', {
      title: 'Hot spots and map',
      tab: 'hotspots',
      filters: filterView(f, '/analysis/hotspots'),
      values: { ...f.values, ...optionValues },
      errors: f.errors,
      query: f.query,
      model,
      ranked,
      byArea: f.areaList.map((a) => ({
        ...a,
        records: areaCounts.get(a.code) ?? 0,
        perKm2:
          (areaCounts.get(a.code) ?? 0) /
          (f.areas.areas.find((x) => x.code === a.code)!.boundary.areaM2 / 1e6),
        cameras: assetCounts.get(a.code)?.cctv ?? 0,
        lights: assetCounts.get(a.code)?.streetlight ?? 0,
      })),
      gaps: model ? model.cells.filter((c) => c.gap).sort((a, b) => b.z - a.z) : [],
      classLabels: CLASS_LABELS,
      trendLabels: TREND_LABELS,
      mapDataUrl: `/analysis/hotspots/map-data?${qs}`,
      profileQuery: queryString(f.values),
      tileUrl: deps.config.mapTileUrl,
    });
  });

  app.get('/analysis/hotspots/map-data', { config: READ }, async (req, reply) => {
    const { f, model, records } = await analyse(req);
    if (!model)
      return reply.code(400).send({ error: Object.values(f.errors)[0] ?? 'No data for this choice' });
    const [cameras, lights] = await Promise.all([
      f.service.assets(req.user!.partnershipId, 'cctv'),
      f.service.assets(req.user!.partnershipId, 'streetlight'),
    ]);
    return reply
      .header('cache-control', 'no-store')
      .send(hotspotMapData(f.areas, model, records, cameras, lights, f.query?.source.kind === 'asb-hub'));
  });
}
