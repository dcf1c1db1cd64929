import { z } from 'zod';
import { monthRange } from './predict/evaluate.js';
import { lastMonths } from './months.js';
import type { SourceInfo } from './sources/record.js';
import { DEFAULT_HOTSPOT_OPTIONS, type HotspotOptions } from './analysis/hotspot-model.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What the analysis pages' filter form gives: a source, a category, a period and an area. */
export interface AnalysisQuery {
  source: SourceInfo;
  category: string;
  from: string;
  to: string;
  months: string[];
  areaCode: string;
}

export interface ResolvedQuery {
  query: AnalysisQuery | null;
  errors: Record<string, string>;
  /** What the form shows. */
  values: Record<string, string>;
  /** Months the chosen source's data spans (for the period lists). */
  monthItems: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Reads the filter form. Without a period, the last 12 months of the source's data; without a
 * source, police.uk if imported, else ASB Hub's reports.
 */
export function resolveQuery(
  sources: SourceInfo[],
  raw: Record<string, unknown>,
  defaults: { monthsBack?: number } = {},
): ResolvedQuery {
  const errors: Record<string, string> = {};
  const wanted = str(raw.source);
  const source = sources.find((s) => s.code === wanted) ?? sources.find((s) => s.records > 0) ?? sources[0];
  if (wanted && source?.code !== wanted) errors.source = 'Select a source of data';
  const values: Record<string, string> = {
    source: source?.code ?? '',
    category: str(raw.category),
    from: str(raw.from),
    to: str(raw.to),
    area: str(raw.area),
  };
  if (!source || !source.firstMonth || !source.lastMonth)
    return { query: null, errors, values, monthItems: [] };
  const monthItems = monthRange([source.firstMonth, source.lastMonth]);
  if (values.category && !source.categories.some((c) => c.code === values.category)) {
    errors.category = `${source.name} has no records of "${values.category}": select a category from the list`;
    values.category = '';
  }
  const from =
    values.from ||
    lastMonths(source.lastMonth, defaults.monthsBack ?? 12).find((m) => m >= (source.firstMonth as string)) ||
    source.firstMonth;
  const to = values.to || source.lastMonth;
  if (!MONTH.test(from)) errors.from = 'Enter the start month as YYYY-MM, for example 2024-01';
  if (!MONTH.test(to)) errors.to = 'Enter the end month as YYYY-MM, for example 2024-12';
  if (!errors.from && !errors.to && from > to)
    errors.to = 'The end month must be the same as or after the start month';
  values.from = from;
  values.to = to;
  if (errors.from || errors.to) return { query: null, errors, values, monthItems };
  return {
    query: {
      source,
      category: values.category,
      from,
      to,
      months: monthRange([from, to]),
      areaCode: values.area,
    },
    errors,
    values,
    monthItems,
  };
}

const num = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z.number({ message }).min(min, message).max(max, message).optional(),
  );

export const hotspotOptionsSchema = z.object({
  cells: z.enum(['square', 'hex'], { message: 'Select square cells or hexagons' }).optional(),
  size: num(25, 1000, 'Enter a cell size from 25 to 1,000 metres'),
  resolution: num(7, 11, 'Select a hexagon size'),
  bandwidth: num(25, 2000, 'Enter a bandwidth from 25 to 2,000 metres'),
  band: num(10, 5000, 'Enter a Gi* distance from 10 to 5,000 metres, or leave it empty'),
  confidence: z.enum(['90', '95', '99'], { message: 'Select a confidence level' }).optional(),
  trendBy: z.enum(['month', 'quarter'], { message: 'Select months or quarters' }).optional(),
  gapDistance: num(10, 1000, 'Enter a camera distance from 10 to 1,000 metres'),
});

/** Hot spot options from the form, with defaults for what is left empty. */
export function hotspotOptions(raw: Record<string, unknown>): {
  options: HotspotOptions;
  errors: Record<string, string>;
} {
  const picked = Object.fromEntries(
    Object.keys(hotspotOptionsSchema.shape).map((k) => [k, str(raw[k]) || undefined]),
  );
  const r = hotspotOptionsSchema.safeParse(picked);
  if (!r.success) {
    const errors: Record<string, string> = {};
    for (const issue of r.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { options: DEFAULT_HOTSPOT_OPTIONS, errors };
  }
  const v = r.data;
  return {
    options: {
      cells: v.cells ?? DEFAULT_HOTSPOT_OPTIONS.cells,
      size: v.size ?? DEFAULT_HOTSPOT_OPTIONS.size,
      resolution: v.resolution ?? DEFAULT_HOTSPOT_OPTIONS.resolution,
      bandwidth: v.bandwidth ?? DEFAULT_HOTSPOT_OPTIONS.bandwidth,
      band: v.band ?? null,
      confidence: v.confidence ? (Number(v.confidence) as 90 | 95 | 99) : DEFAULT_HOTSPOT_OPTIONS.confidence,
      trendBy: v.trendBy ?? DEFAULT_HOTSPOT_OPTIONS.trendBy,
      gapDistance: v.gapDistance ?? DEFAULT_HOTSPOT_OPTIONS.gapDistance,
    },
    errors: {},
  };
}

/** The query string that reproduces a page's choices (for links between the pages and the map data). */
export function queryString(values: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}
