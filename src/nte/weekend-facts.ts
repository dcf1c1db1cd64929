/**
 * What a weekend pack counts, read once for the whole span of the weekend and the weekends it is
 * compared with, through the other modules' services: ASB Hub reports, imported partner incidents
 * with a time of day (police incident logs, noise complaints), environmental jobs and the premises'
 * Traffic Light records.
 */
import type { AppDeps } from '../platform/module.js';
import { ReportService } from '../reports/service.js';
import { EnvironmentService } from '../reports/environment/service.js';
import { AnalyticsService } from '../analytics/service.js';
import { PremisesService, type RankedPremises } from '../premises/service.js';
import { londonTime } from '../platform/web/views.js';

/** One incident of the night-time economy, whatever its source. */
export interface NteIncident {
  source: 'report' | 'partner';
  /** e.g. "ASB Hub report: Noise" or "Police incident log: Disorder" */
  type: string;
  police: boolean;
  noise: boolean;
  /** UTC instant. */
  at: string;
  /** London hour of the day, 0 to 23. */
  hour: number;
  area: string;
  /** Same place, for repeat locations (null when the place is not known). */
  placeKey: string | null;
  placeLabel: string;
  /** The reporter's person record, for repeat callers (reports only; never shown by name). */
  callerKey: string | null;
  reference: string | null;
}

export interface EnvironmentalJobFact {
  category: string;
  raisedAt: string;
  clearedAt: string | null;
}

export interface WeekendFacts {
  incidents: NteIncident[];
  jobs: EnvironmentalJobFact[];
  /** The premises' colours as they stood on each date asked for. */
  premisesOn: Map<string, RankedPremises[]>;
}

const NOISE = /noise/i;
const POLICE = /police/i;
const NO_AREA = 'Not located';

function placeOf(
  postcode: string | null,
  text: string | null,
  lat: number | null,
  lng: number | null,
): { key: string | null; label: string } {
  if (text?.trim()) return { key: `t:${text.trim().toLowerCase()}`, label: text.trim() };
  if (postcode) return { key: `p:${postcode}`, label: postcode };
  // About 100 m squares when only a point is known.
  if (lat != null && lng != null)
    return {
      key: `g:${lat.toFixed(3)},${lng.toFixed(3)}`,
      label: `Near ${lat.toFixed(4)}, ${lng.toFixed(4)}`,
    };
  return { key: null, label: 'Not located' };
}

export async function loadWeekendFacts(
  deps: AppDeps,
  partnershipId: string,
  span: { from: string; to: string },
  premisesDates: readonly string[],
): Promise<WeekendFacts> {
  const reports = new ReportService(deps);
  const analytics = new AnalyticsService(deps);
  const premises = new PremisesService(deps);
  const [rows, ref, areas, partner, jobs, ...ranked] = await Promise.all([
    reports.reportsInPeriod(partnershipId, span.from, span.to),
    reports.referenceData(partnershipId),
    analytics.areas(partnershipId),
    analytics.timedRecords(partnershipId, span.from, span.to),
    new EnvironmentService(deps).jobsInPeriod(partnershipId, span.from, span.to),
    ...premisesDates.map((d) => premises.ranked(partnershipId, d)),
  ]);
  const areaName = new Map(areas.areas.map((a) => [a.code, a.name]));
  const incidents: NteIncident[] = [];
  for (const r of rows) {
    const at = r.occurred_kind === 'at' && r.occurred_at ? r.occurred_at : r.created_at;
    const category = ref.category.get(r.category_code)?.name ?? r.category_code;
    const place = placeOf(r.postcode, r.location_text, r.lat, r.lng);
    incidents.push({
      source: 'report',
      type: `ASB Hub report: ${category}`,
      police: false,
      noise: NOISE.test(category) || NOISE.test(r.category_code),
      at,
      hour: Number(londonTime(at, 'H')),
      area: (r.lat != null && r.lng != null && areas.areaAt(r.lng, r.lat)?.name) || NO_AREA,
      placeKey: place.key,
      placeLabel: place.label,
      callerKey: r.reporter_person_id,
      reference: r.reference,
    });
  }
  for (const r of partner) {
    const place = placeOf(null, r.location, r.lat, r.lon);
    incidents.push({
      source: 'partner',
      type: `${r.sourceName}: ${r.category}`,
      police: POLICE.test(r.sourceName) || POLICE.test(r.source),
      noise: NOISE.test(r.category) || NOISE.test(r.sourceName),
      at: r.occurred_at,
      hour: Number(londonTime(r.occurred_at, 'H')),
      area: (r.area_code && (areaName.get(r.area_code) ?? r.area_code)) || NO_AREA,
      placeKey: place.key,
      placeLabel: place.label,
      callerKey: null,
      reference: null,
    });
  }
  return {
    incidents,
    jobs: jobs.map((j) => ({
      category: ref.category.get(j.category_code)?.name ?? j.category_code,
      raisedAt: j.raised_at,
      clearedAt: j.cleared_at,
    })),
    premisesOn: new Map(premisesDates.map((d, i) => [d, ranked[i]])),
  };
}
