/**
 * Turns what ASB Hub holds into the complaints the threshold engine weighs: the victim's own reports
 * (found through their person id), other people's reports about the same place (for the community
 * threshold), and complaints held elsewhere that staff added with evidence. Staff marks say when two
 * complaints are one incident, when one is a separate incident, and when one is not about this problem.
 */
import { addCalendarMonths, londonDateOf, type IsoDate } from '../platform/dates/calendar-date.js';
import type { ThresholdComplaint } from './rules/threshold.js';

/** The report columns used (ReportService's summary rows). */
export interface ReportForThreshold {
  id: string;
  reference: string;
  category_code: string;
  hate_incident: number;
  occurred_kind: string;
  occurred_at: string | null;
  channel: string;
  reporter_person_id: string | null;
  created_at: string;
  location_text: string | null;
}

export interface AddedComplaint {
  id: string;
  label: string;
  agency_name: string;
  complained_on: string;
  behaviour_on: string | null;
  hate: number;
  evidence: string;
  agency_reference: string | null;
}

export interface ComplaintMark {
  complaint_ref: string;
  same_incident_as: string | null;
  excluded_reason: string | null;
}

export interface EvidenceRow {
  /** report:<id> or added:<id> */
  ref: string;
  /** What the engine and the pages call it: the report reference, or EXT-n. */
  label: string;
  kind: 'report' | 'added';
  byVictim: boolean;
  complainedOn: IsoDate;
  behaviourOn: IsoDate | null;
  agency: string;
  channel: string;
  hate: boolean;
  category: string | null;
  location: string | null;
  evidence: string | null;
  agencyReference: string | null;
  incidentKey: string;
  /** Staff said this complaint is the same incident as this one (its label), or a separate incident. */
  markedSameAs: string | null;
  markedSeparate: boolean;
  excludedReason: string | null;
}

const CHANNEL_WORDS: Record<string, string> = {
  web: 'online',
  phone: 'by telephone',
  staff: 'in person',
  open311: 'through FixMyStreet',
  api: 'through a partner system',
};

export function behaviourDateOf(
  r: Pick<ReportForThreshold, 'occurred_kind' | 'occurred_at'>,
): IsoDate | null {
  return r.occurred_kind === 'at' && r.occurred_at ? londonDateOf(r.occurred_at) : null;
}

export interface GatherInput {
  madeOn: IsoDate;
  victimPersonIds: readonly string[];
  victimReports: readonly ReportForThreshold[];
  placeReports: readonly ReportForThreshold[];
  placeKey: string;
  added: readonly AddedComplaint[];
  marks: readonly ComplaintMark[];
  categoryNames?: ReadonlyMap<string, string>;
  /** Reports older than this many months before the application are left out as plainly irrelevant. */
  lookBackMonths: number;
}

export interface Gathered {
  evidence: EvidenceRow[];
  /** For the engine: every complaint not excluded by staff, in evidence order. */
  complaints: ThresholdComplaint[];
  /** Reports in ASB Hub made after the application, left out. */
  laterReports: number;
}

export function gatherComplaints(input: GatherInput): Gathered {
  const victims = new Set(input.victimPersonIds);
  const earliest = addCalendarMonths(input.madeOn, -input.lookBackMonths);
  const marks = new Map(input.marks.map((m) => [m.complaint_ref, m]));
  const rows: EvidenceRow[] = [];
  const seen = new Set<string>();
  const placeIds = new Set(input.placeReports.map((r) => r.id));
  let later = 0;

  for (const r of [...input.victimReports, ...input.placeReports]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const complainedOn = londonDateOf(r.created_at);
    if (complainedOn < earliest) continue;
    const byVictim = !!r.reporter_person_id && victims.has(r.reporter_person_id);
    if (!byVictim && !placeIds.has(r.id)) continue;
    if (complainedOn > input.madeOn) {
      if (byVictim) later++; // made after the application: it can never count, so it is left out of the list
      continue;
    }
    const behaviourOn = behaviourDateOf(r);
    rows.push({
      ref: `report:${r.id}`,
      label: r.reference,
      kind: 'report',
      byVictim,
      complainedOn,
      behaviourOn,
      agency: `ASB Hub ${CHANNEL_WORDS[r.channel] ?? r.channel}`,
      channel: r.channel,
      hate: r.hate_incident === 1,
      category: input.categoryNames?.get(r.category_code) ?? r.category_code,
      location: r.location_text,
      evidence: null,
      agencyReference: null,
      // One incident reported twice (say to the police by phone and to the council online) has the same kind and day.
      incidentKey: behaviourOn ? `auto:${r.category_code}|${behaviourOn}` : `own:report:${r.id}`,
      markedSameAs: null,
      markedSeparate: false,
      excludedReason: null,
    });
  }
  for (const a of input.added) {
    rows.push({
      ref: `added:${a.id}`,
      label: a.label,
      kind: 'added',
      byVictim: true,
      complainedOn: a.complained_on,
      behaviourOn: a.behaviour_on,
      agency: a.agency_name,
      channel: 'held elsewhere',
      hate: a.hate === 1,
      category: null,
      location: null,
      evidence: a.evidence,
      agencyReference: a.agency_reference,
      incidentKey: `own:added:${a.id}`,
      markedSameAs: null,
      markedSeparate: false,
      excludedReason: null,
    });
  }

  const byRef = new Map(rows.map((r) => [r.ref, r]));
  const keyOf = (ref: string, visiting: Set<string>): string => {
    const row = byRef.get(ref)!;
    const mark = marks.get(ref);
    if (mark?.same_incident_as === 'separate') return `own:${ref}`;
    const target = mark?.same_incident_as;
    if (target && byRef.has(target) && !visiting.has(target)) {
      visiting.add(ref);
      return keyOf(target, visiting);
    }
    return row.incidentKey;
  };
  for (const row of rows) {
    const mark = marks.get(row.ref);
    row.incidentKey = keyOf(row.ref, new Set());
    row.markedSeparate = mark?.same_incident_as === 'separate';
    row.markedSameAs =
      mark?.same_incident_as && byRef.has(mark.same_incident_as)
        ? byRef.get(mark.same_incident_as)!.label
        : null;
    row.excludedReason = mark?.excluded_reason ?? null;
  }
  rows.sort((a, b) => a.complainedOn.localeCompare(b.complainedOn) || a.label.localeCompare(b.label));

  const complaints: ThresholdComplaint[] = rows
    .filter((r) => !r.excludedReason)
    .map((r) => ({
      id: r.label,
      complainedOn: r.complainedOn,
      behaviourOn: r.behaviourOn,
      agency: r.agency,
      channel: r.channel,
      incidentKey: r.incidentKey,
      hate: r.hate,
      complainantId:
        r.kind === 'added' ? 'victim' : r.byVictim ? 'victim' : (reporterOf(input, r.ref) ?? null),
      place: r.kind === 'report' && placeIds.has(r.ref.slice('report:'.length)) ? input.placeKey : null,
      source: r.kind === 'added' ? 'added-by-staff' : 'internal',
      evidence: r.evidence,
      victimComplaint: r.byVictim,
    }));
  return { evidence: rows, complaints, laterReports: later };
}

function reporterOf(input: GatherInput, ref: string): string | null {
  const id = ref.slice('report:'.length);
  return input.placeReports.find((r) => r.id === id)?.reporter_person_id ?? null;
}
