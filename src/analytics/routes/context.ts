import type { FastifyRequest } from 'fastify';
import { AnalyticsService } from '../service.js';
import { resolveQuery, type ResolvedQuery } from '../query.js';
import type { PartnershipAreas } from '../areas.js';
import type { SourceInfo } from '../sources/record.js';

export const READ = { access: 'analytics.read' } as const;
export const IMPORT = { access: 'analytics.import' } as const;

export const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });

export interface FilterContext extends ResolvedQuery {
  service: AnalyticsService;
  sources: SourceInfo[];
  chosenSource: SourceInfo | null;
  areas: PartnershipAreas;
  areaList: { code: string; name: string }[];
}

/** The service for one request and the filter form read from the query string. */
export async function filterContext(
  service: AnalyticsService,
  req: FastifyRequest,
  defaults: { monthsBack?: number } = {},
): Promise<FilterContext> {
  const pid = req.user!.partnershipId;
  const [sources, areas] = await Promise.all([service.sources(pid), service.areas(pid)]);
  const resolved = resolveQuery(sources, (req.query ?? {}) as Record<string, unknown>, defaults);
  return {
    ...resolved,
    service,
    sources,
    chosenSource: sources.find((s) => s.code === resolved.values.source) ?? null,
    areas,
    areaList: areas.areas.map((a) => ({ code: a.code, name: a.name })),
  };
}

/** What every analysis page passes to the filter macro. */
export function filterView(f: FilterContext, action: string, showArea = false) {
  return {
    action,
    sources: f.sources,
    chosenSource: f.chosenSource,
    values: f.values,
    errors: f.errors,
    monthItems: f.monthItems,
    areaList: f.areaList,
    showArea,
  };
}
