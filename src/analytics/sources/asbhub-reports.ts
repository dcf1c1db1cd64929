import type { ReportService } from '../../reports/service.js';
import type { ReportSummaryRow } from '../../reports/repository.js';
import { toBng } from '../geo/bng.js';
import type { PartnershipAreas } from '../areas.js';
import type { AnalysisRecord } from './record.js';

/**
 * ASB Hub's own reports as analysis records, read through the reports module's service.
 *
 * The service offers reports near a point (`reportsAt`, at most 500 per query), not a listing for
 * analysis, so the partnership's box is covered with circles, and a square is split in four
 * whenever its circle comes back well filled (so that no query reaches the cap). Reports without a
 * location are not included. When ReportService gains a period listing this file is the only
 * thing to change.
 */
export async function loadAsbHubReports(
  service: ReportService,
  partnershipId: string,
  areas: PartnershipAreas,
): Promise<ReportSummaryRow[]> {
  const box = areas.boundary.bboxWgs84;
  const seen = new Map<string, ReportSummaryRow>();
  // Start from squares of about 500 m.
  const midLat = (box.minY + box.maxY) / 2;
  const mPerLat = 111_320;
  const mPerLon = 111_320 * Math.cos((midLat * Math.PI) / 180);
  const step = 500;
  const cols = Math.max(1, Math.ceil(((box.maxX - box.minX) * mPerLon) / step));
  const rows = Math.max(1, Math.ceil(((box.maxY - box.minY) * mPerLat) / step));
  const dLon = (box.maxX - box.minX) / cols;
  const dLat = (box.maxY - box.minY) / rows;
  const visit = async (lon0: number, lat0: number, w: number, h: number, depth: number): Promise<void> => {
    const centre = { lng: lon0 + w / 2, lat: lat0 + h / 2 };
    const radius = Math.hypot((w / 2) * mPerLon, (h / 2) * mPerLat) + 1;
    const found = await service.reportsAt(partnershipId, { ...centre, radiusMetres: radius });
    if (found.length >= 150 && depth < 7) {
      for (const [i, j] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        await visit(lon0 + (i * w) / 2, lat0 + (j * h) / 2, w / 2, h / 2, depth + 1);
      }
      return;
    }
    for (const r of found) seen.set(r.id, r);
  };
  for (let c = 0; c < cols; c++)
    for (let r = 0; r < rows; r++) await visit(box.minX + c * dLon, box.minY + r * dLat, dLon, dLat, 0);
  return [...seen.values()];
}

/** Reports as records: located inside the boundary, month and time from when it happened (else when it was reported). */
export function reportRecords(
  reports: readonly ReportSummaryRow[],
  areas: PartnershipAreas,
  categoryName: (code: string) => string,
): AnalysisRecord[] {
  const out: AnalysisRecord[] = [];
  for (const r of reports) {
    if (r.lat == null || r.lng == null || !areas.boundary.containsLonLat(r.lng, r.lat)) continue;
    const timed = r.occurred_kind === 'at' && r.occurred_at ? r.occurred_at : null;
    const when = timed ?? r.created_at;
    const [x, y] = toBng(r.lng, r.lat);
    out.push({
      category: categoryName(r.category_code),
      month: londonMonth(when),
      at: timed,
      lon: r.lng,
      lat: r.lat,
      x,
      y,
      location: r.location_text,
      areaCode:
        areas.areas.find((a) => a.boundary.containsLonLat(r.lng as number, r.lat as number))?.code ?? null,
      victimId: r.reporter_kind === 'victim' ? r.reporter_person_id : null,
    });
  }
  return out;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
});

/** YYYY-MM of an instant in London. */
export function londonMonth(iso: string): string {
  const parts = monthFormat.formatToParts(new Date(iso));
  const y = parts.find((p) => p.type === 'year')?.value;
  const m = parts.find((p) => p.type === 'month')?.value;
  return `${y}-${m}`;
}
