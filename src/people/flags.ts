import type { Executor } from '../platform/audit/service.js';
import { PeopleRepository } from './repository.js';
import {
  REPEAT_DEFAULTS,
  repeatLocation,
  roleFlags,
  type Place,
  type RepeatFlag,
  type RepeatSettings,
} from './repeats.js';

export interface PersonFlags {
  personId: string;
  flags: RepeatFlag[];
  /** Different reports (or other sources) in the window. */
  sources: number;
  /** The latest record in the window. */
  lastAt: string;
}

/** Repeat flags of every person with records in the window (or of the persons asked about). */
export async function computeFlags(
  db: Executor,
  partnershipId: string,
  now: Date,
  settings: RepeatSettings = REPEAT_DEFAULTS,
  personId?: string | readonly string[],
): Promise<PersonFlags[]> {
  const repo = new PeopleRepository(db);
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000).toISOString();
  const records = await repo.recordsSince(partnershipId, since, personId);
  const reportIds = records
    .filter((r) => (r.source_type === 'report' || r.source_type === 'call') && r.source_id)
    .map((r) => r.source_id!);
  const places = new Map(
    (await repo.reportPlaces(partnershipId, [...new Set(reportIds)])).map((p) => [p.id, p]),
  );
  // A case opened from a report is the same incident: a person's case record counts as that report.
  const caseIds = [
    ...new Set(records.filter((r) => r.source_type === 'case' && r.source_id).map((r) => r.source_id!)),
  ];
  const reportsOfCase = new Map<string, string[]>();
  for (const l of await repo.caseReports(partnershipId, caseIds))
    (reportsOfCase.get(l.case_id) ?? reportsOfCase.set(l.case_id, []).get(l.case_id)!).push(l.report_id);
  const byPerson = new Map<string, typeof records>();
  for (const r of records)
    (byPerson.get(r.person_id) ?? byPerson.set(r.person_id, []).get(r.person_id)!).push(r);
  const out: PersonFlags[] = [];
  for (const [pid, recs] of byPerson) {
    const ownReports = new Set(
      recs.filter((r) => r.source_type === 'report' || r.source_type === 'call').map((r) => r.source_id),
    );
    const keyOf = (r: (typeof recs)[number]) => {
      if (!r.source_id) return r.id;
      if (r.source_type === 'report' || r.source_type === 'call') return `report:${r.source_id}`;
      const same =
        r.source_type === 'case'
          ? reportsOfCase.get(r.source_id)?.find((id) => ownReports.has(id))
          : undefined;
      return same ? `report:${same}` : `${r.source_type}:${r.source_id}`;
    };
    const flags = roleFlags(
      recs.map((r) => ({ role: r.role, sourceKey: keyOf(r) })),
      settings,
    );
    const seen = new Set<string>();
    const reportPlaces: Place[] = [];
    for (const r of recs) {
      const p = r.source_id ? places.get(r.source_id) : undefined;
      if (!p || seen.has(p.id)) continue;
      seen.add(p.id);
      reportPlaces.push({ postcode: p.postcode, address: p.location_text, lat: p.lat, lng: p.lng });
    }
    if (repeatLocation(reportPlaces, settings)) flags.push('repeat-location');
    const sources = new Set(recs.map(keyOf)).size;
    const lastAt = recs
      .map((r) => r.created_at)
      .sort()
      .at(-1)!;
    if (flags.length) out.push({ personId: pid, flags, sources, lastAt });
  }
  return out;
}
