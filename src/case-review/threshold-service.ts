/**
 * The threshold: gathers the complaints (the victim's reports through repeat identification,
 * other people's reports about the same place, complaints held elsewhere added by staff), runs the
 * engine, and records the decision with its reasons and the evidence behind it.
 */
import { newId } from '../platform/db/ids.js';
import type { IsoDate } from '../platform/dates/calendar-date.js';
import { addWorkingDays } from '../platform/dates/working-days.js';
import { ReportService } from '../reports/index.js';
import type { ReportSummaryRow } from '../reports/index.js';
import type { Actor } from './context.js';
import type { CaseReviewService, Outcome, Review } from './service.js';
import { assessThreshold, type ComplaintVerdict, type ThresholdResult } from './rules/threshold.js';
import { gatherComplaints, type Gathered } from './gather.js';
import { thresholdLetter } from './letters.js';
import type { CaseReviewSettings } from './settings.js';

export interface Evidence {
  r: Review;
  settings: CaseReviewSettings;
  gathered: Gathered;
  result: ThresholdResult;
  verdicts: Map<string, ComplaintVerdict>;
}

export interface NewComplaint {
  agencyName: string;
  complainedOn: IsoDate;
  behaviourOn: IsoDate | null;
  hate: boolean;
  evidence: string;
  agencyReference: string | null;
  sameIncidentAs: string | null;
}

export class ThresholdService {
  private readonly reports: ReportService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    private readonly s: CaseReviewService,
    uses: { reports?: ReportService } = {},
  ) {
    this.reports = uses.reports ?? new ReportService(s.deps);
  }

  /**
   * Other people's reports about the place. A place the gazetteer cannot find gives none (the
   * community rule then has nothing to count); a database fault is thrown, never read as "no
   * reports", since it would silently decide the threshold against the victim.
   */
  private placeReports(r: Review): Promise<ReportSummaryRow[]> {
    return this.reports.reportsAt(
      r.partnership_id,
      r.location_postcode ? { postcode: r.location_postcode } : { text: r.location_text },
    );
  }

  /** The evidence and the engine's result, without an audit entry (callers audit). */
  async compute(r: Review): Promise<Evidence> {
    const pid = r.partnership_id;
    const settings = await this.s.settings(pid);
    const personIds = [r.victim_person_id, r.applicant_person_id].filter((x): x is string => Boolean(x));
    const [victimReports, placeReports, added, marks, ref] = await Promise.all([
      this.reports.listForPerson(pid, personIds),
      this.placeReports(r),
      this.s.repo.complaints(r.id),
      this.s.repo.marks(r.id),
      this.reports.referenceData(pid),
    ]);
    const categoryNames = new Map(ref.categories.map((c) => [c.code, c.name]));
    // "The same problem": other people's reports about the place count when they are the kind of behaviour the victim reported.
    const kinds = new Set(victimReports.map((x) => x.category_code));
    const sameProblem = placeReports.filter((x) => kinds.has(x.category_code));
    const t = settings.threshold;
    const gathered = gatherComplaints({
      madeOn: r.received_on,
      victimPersonIds: personIds,
      victimReports,
      placeReports: sameProblem,
      placeKey: r.place_key,
      added,
      marks,
      categoryNames,
      lookBackMonths:
        Math.max(t.applicationWindowMonths, t.communityWindowMonths) + t.complaintWindowMonths + 6,
    });
    const result = assessThreshold(
      {
        application: { madeOn: r.received_on, hateRelated: r.hate_related === 1, place: r.place_key },
        complaints: gathered.complaints,
      },
      settings.threshold,
    );
    return {
      r,
      settings,
      gathered,
      result,
      verdicts: new Map(result.complaints.map((v) => [v.complaintId, v])),
    };
  }

  async evidence(actor: Actor, id: string): Promise<Evidence> {
    const r = await this.s.load(actor, id);
    const e = await this.compute(r);
    await this.s.ctx.record(actor, r.partnership_id, 'case-review.threshold-viewed', id, {
      complaints: e.gathered.evidence.length,
      met: e.result.met,
    });
    return e;
  }

  async addComplaint(actor: Actor, id: string, input: NewComplaint): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    if (r.status === 'closed') return { ok: false, errors: { agencyName: 'This application is closed' } };
    if (input.behaviourOn && input.complainedOn < input.behaviourOn) {
      return {
        ok: false,
        errors: {
          complainedOn: `The date of the complaint must be the same as or after the date of the behaviour (${input.behaviourOn})`,
        },
      };
    }
    return this.s.ctx.transaction(async (trx) => {
      const n = (await this.s.repo.complaintCount(trx, id)) + 1;
      const complaintId = newId();
      const now = this.s.deps.clock.iso();
      await this.s.repo.insertComplaint(trx, {
        id: complaintId,
        partnership_id: r.partnership_id,
        case_review_id: id,
        label: `EXT-${n}`,
        agency_name: input.agencyName,
        complained_on: input.complainedOn,
        behaviour_on: input.behaviourOn,
        hate: input.hate ? 1 : 0,
        evidence: input.evidence,
        agency_reference: input.agencyReference,
        added_by: actor.user.id,
        added_at: now,
        removed_at: null,
      });
      if (input.sameIncidentAs) {
        await this.s.repo.saveMark(trx, {
          id: newId(),
          partnership_id: r.partnership_id,
          case_review_id: id,
          complaint_ref: `added:${complaintId}`,
          same_incident_as: input.sameIncidentAs,
          excluded_reason: null,
          updated_by: actor.user.id,
          updated_at: now,
        });
      }
      const summary = `Complaint EXT-${n} added: made to ${input.agencyName} on ${input.complainedOn}`;
      await this.s.event(trx, r, actor, {
        kind: 'threshold',
        action: 'complaint-added',
        on: this.s.ctx.today(),
        summary,
        details: { label: `EXT-${n}` },
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.complaint-added',
        id,
        { label: `EXT-${n}`, agency: input.agencyName },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  async removeComplaint(actor: Actor, id: string, complaintId: string): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    return this.s.ctx.transaction(async (trx) => {
      const res = await this.s.repo.removeComplaint(trx, id, complaintId, this.s.deps.clock.iso());
      if (!Number(res.numUpdatedRows))
        return { ok: false as const, errors: { form: 'That complaint has already been removed' } };
      await this.s.event(trx, r, actor, {
        kind: 'threshold',
        action: 'complaint-removed',
        on: this.s.ctx.today(),
        summary: 'A complaint added by staff was removed',
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.complaint-removed',
        id,
        { complaintId },
        trx,
      );
      return { ok: true as const, banner: 'Complaint removed', state: JSON.parse(r.state) };
    });
  }

  /** Staff judgement on one complaint: same incident as another, a separate incident, or not about this problem. */
  async mark(
    actor: Actor,
    id: string,
    ref: string,
    input: { sameIncidentAs: string | null; excludedReason: string | null },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const e = await this.compute(r);
    const row = e.gathered.evidence.find((x) => x.ref === ref);
    if (!row)
      return { ok: false, errors: { form: 'That complaint is not part of this application’s evidence' } };
    const target =
      input.sameIncidentAs && input.sameIncidentAs !== 'separate'
        ? e.gathered.evidence.find((x) => x.ref === input.sameIncidentAs)
        : null;
    if (input.sameIncidentAs && input.sameIncidentAs !== 'separate' && (!target || target.ref === ref)) {
      return { ok: false, errors: { sameIncidentAs: 'Select another complaint from the list' } };
    }
    return this.s.ctx.transaction(async (trx) => {
      await this.s.repo.saveMark(trx, {
        id: newId(),
        partnership_id: r.partnership_id,
        case_review_id: id,
        complaint_ref: ref,
        same_incident_as: input.sameIncidentAs,
        excluded_reason: input.excludedReason,
        updated_by: actor.user.id,
        updated_at: this.s.deps.clock.iso(),
      });
      const summary = input.excludedReason
        ? `${row.label} left out: ${input.excludedReason}`
        : target
          ? `${row.label} marked as the same incident as ${target.label}`
          : input.sameIncidentAs === 'separate'
            ? `${row.label} marked as a separate incident`
            : `${row.label}: staff marks cleared`;
      await this.s.event(trx, r, actor, {
        kind: 'threshold',
        action: 'complaint-marked',
        on: this.s.ctx.today(),
        summary,
      });
      await this.s.ctx.record(
        actor,
        r.partnership_id,
        'case-review.complaint-marked',
        id,
        { ref, ...input },
        trx,
      );
      return { ok: true as const, banner: summary, state: JSON.parse(r.state) };
    });
  }

  /** Records the decision with its reasons, keeps the evidence used, and writes to the applicant. */
  async decide(
    actor: Actor,
    id: string,
    input: { on: IsoDate; met: boolean; reasons: string; reviewAnyway: boolean },
  ): Promise<Outcome> {
    const r = await this.s.load(actor, id);
    const e = await this.compute(r);
    const d = e.settings.deadlines;
    const counted = e.gathered.evidence
      .filter((x) => e.verdicts.get(x.label)?.counted)
      .map((x) => ({ label: x.label, complainedOn: x.complainedOn, agency: x.agency }));
    return this.s.transition(actor, id, 'decide-threshold', input, {
      details: {
        engineSaid: e.result.met,
        metBy: e.result.metBy,
        counted: counted.length,
        overridden: e.result.met !== input.met,
      },
      summary: (b) => `${b}. Reasons: ${input.reasons}`,
      extra: async (trx, updated) => {
        await this.s.repo.insertAssessment(trx, {
          id: newId(),
          partnership_id: r.partnership_id,
          case_review_id: id,
          assessed_on: input.on,
          settings: JSON.stringify(e.settings.threshold),
          complaints: JSON.stringify(e.gathered.evidence),
          result: JSON.stringify(e.result),
          met: input.met ? 1 : 0,
          user_id: actor.user.id,
          created_at: this.s.deps.clock.iso(),
        });
        const start = updated.clock_starts_on ?? updated.received_on;
        await this.s.sendLetter(
          trx,
          updated,
          thresholdLetter(this.s.letterContext(updated, e.settings), {
            met: input.met,
            reviewAnyway: input.reviewAnyway,
            reasons: input.reasons,
            evidence: { counted, summary: e.result.summary },
            outcomeBy: input.met || input.reviewAnyway ? addWorkingDays(start, d.outcomeWorkingDays) : null,
            appealBy:
              input.met || input.reviewAnyway ? null : addWorkingDays(input.on, d.appealRequestWorkingDays),
          }),
        );
      },
    });
  }

  /** The decision as recorded, with the evidence it was based on. */
  async recorded(id: string) {
    const a = await this.s.repo.latestAssessment(id);
    return a ? { ...a, result: JSON.parse(a.result) as ThresholdResult } : null;
  }
}
