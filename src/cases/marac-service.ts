/**
 * City Community MARAC referrals: a referral form from a case with its risk assessment attached,
 * the coordinator's inbox (accept, or return for more information) and re-submission. The meetings
 * module hears accepted referrals and marks them heard.
 */
import { newId } from '../platform/db/ids.js';
import { nextReference } from '../platform/db/sequences.js';
import { can } from '../platform/permissions/roles.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import { queueMessage } from '../platform/notifications.js';
import { yearOf } from '../platform/dates/calendar-date.js';
import type { Actor } from './context.js';
import type { CaseService, Errors, Result } from './service.js';
import type { MaracReferralForm } from './schemas.js';
import { MaracRepository } from './marac-repository.js';
import { RiskRepository } from './risk-repository.js';

const OPEN = ['submitted', 'accepted', 'returned'];

export class MaracService {
  readonly repo: MaracRepository;
  private readonly risk: RiskRepository;
  constructor(private readonly cases: CaseService) {
    this.repo = new MaracRepository(cases.ctx.deps.db);
    this.risk = new RiskRepository(cases.ctx.deps.db);
  }

  /** What the referral form needs: the victims, the latest assessment, any open referral. */
  async formFor(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'manage');
    const [parties, assessments, referrals] = await Promise.all([
      this.cases.repo.parties(caseId),
      this.risk.assessments(caseId),
      this.repo.list(c.partnership_id, { caseId }),
    ]);
    return {
      c,
      access,
      victims: parties.filter((p) => p.role === 'victim'),
      latest: assessments[0] ?? null,
      open: referrals.find((r) => OPEN.includes(r.status)) ?? null,
    };
  }

  async refer(
    actor: Actor,
    caseId: string,
    form: MaracReferralForm,
  ): Promise<Result<{ id: string; reference: string }>> {
    const { c, victims, latest, open } = await this.formFor(actor, caseId);
    const errors: Errors = {};
    if (!victims.some((v) => v.id === form.partyId)) errors.partyId = 'Choose the victim being referred';
    if (!latest)
      errors.partyId =
        'Assess the risk to the victim before referring the case: the referral needs the risk assessment';
    if (open && open.status !== 'returned')
      errors.reason = `This case was referred already (${open.reference}, ${open.status})`;
    if (c.status === 'closed') errors.reason = 'Reopen the case before referring it';
    if (Object.keys(errors).length) return { ok: false, errors };
    const now = this.cases.ctx.deps.clock.iso();
    const today = this.cases.ctx.today();
    const formJson = JSON.stringify({
      actionsSoFar: form.actionsSoFar,
      safetyConcerns: form.safetyConcerns,
      victimAware: form.victimAware === 'yes',
    });
    const coordinators = await this.repo.coordinatorEmails(c.partnership_id);
    let id = newId();
    let reference = '';
    await this.cases.ctx.transaction(async (trx) => {
      if (open) {
        // A returned referral is sent again with the new information.
        id = open.id;
        reference = open.reference;
        await this.repo.update(trx, id, {
          party_id: form.partyId,
          risk_assessment_id: latest!.id,
          reason: form.reason,
          form: formJson,
          status: 'submitted',
          submitted_at: now,
          submitted_by: actor.user.id,
          updated_at: now,
        });
      } else {
        reference = await nextReference(trx, c.partnership_id, 'MARAC', yearOf(today));
        await this.repo.insert(trx, {
          id,
          partnership_id: c.partnership_id,
          case_id: caseId,
          party_id: form.partyId,
          risk_assessment_id: latest!.id,
          reference,
          reason: form.reason,
          form: formJson,
          status: 'submitted',
          submitted_at: now,
          submitted_by: actor.user.id,
          decided_at: null,
          decided_by: null,
          decision_note: null,
          meeting_id: null,
          updated_at: now,
        });
      }
      for (const co of coordinators) {
        await queueMessage(trx, this.cases.ctx.deps.clock, {
          partnershipId: c.partnership_id,
          channel: 'email',
          recipient: co.email,
          template: 'marac-referral',
          subject: `Community MARAC referral ${reference}${open ? ' (sent again)' : ''}`,
          body: `A referral to the City Community MARAC is waiting in your inbox: ${reference}, case ${c.reference}. Risk: ${latest!.band} (score ${latest!.score}).`,
          relatedType: 'marac-referral',
          relatedId: id,
        });
      }
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'decision',
        action: 'marac-referred',
        on: today,
        summary: `Referred to the Community MARAC (${reference}${open ? ', sent again with more information' : ''}): ${form.reason}`,
        details: { referralId: id },
      });
      await this.cases.ctx.record(
        actor,
        'case.marac-referred',
        { type: 'case', id: caseId },
        { referralId: id, riskAssessmentId: latest!.id, resubmitted: !!open },
        trx,
      );
    });
    return { ok: true, value: { id, reference } };
  }

  /** The coordinator's inbox. */
  async inbox(actor: Actor, status = 'submitted') {
    if (!can(actor.user.role, 'marac.coordinate')) throw forbidden();
    const rows = await this.repo.list(actor.user.partnershipId, { status: status || undefined });
    await this.cases.ctx.record(
      actor,
      'marac.inbox-viewed',
      { type: 'marac-referral', id: actor.user.partnershipId },
      { status, count: rows.length },
    );
    return rows;
  }

  /** One referral with its risk assessment; the coordinator, or the case's own team. */
  async get(actor: Actor, referralId: string) {
    const r = await this.repo.get(referralId);
    if (!r || r.partnership_id !== actor.user.partnershipId) throw notFound('Referral');
    const { access } = await this.cases.guard.open(actor, r.case_id, 'read');
    if (access.mode === 'shared' && !access.sensitive) throw forbidden();
    const assessment = await this.risk.assessment(r.risk_assessment_id);
    await this.cases.ctx.record(
      actor,
      'marac.referral-viewed',
      { type: 'marac-referral', id: referralId },
      { caseId: r.case_id },
    );
    return {
      referral: {
        ...r,
        form: JSON.parse(r.form) as {
          actionsSoFar: string;
          safetyConcerns: string | null;
          victimAware: boolean;
        },
      },
      assessment: assessment ? { ...assessment, breakdown: JSON.parse(assessment.breakdown) } : null,
      canDecide: can(actor.user.role, 'marac.coordinate') && r.status === 'submitted',
    };
  }

  async decide(
    actor: Actor,
    referralId: string,
    decision: 'accept' | 'return',
    note: string | null,
  ): Promise<Result<{ status: string; reference: string }>> {
    if (!can(actor.user.role, 'marac.coordinate')) throw forbidden();
    const r = await this.repo.get(referralId);
    if (!r || r.partnership_id !== actor.user.partnershipId) throw notFound('Referral');
    if (r.status !== 'submitted')
      return { ok: false, errors: { decision: `This referral is ${r.status} already` } };
    if (decision === 'return' && !note)
      return { ok: false, errors: { note: 'Say what more information is needed' } };
    const status = decision === 'accept' ? 'accepted' : 'returned';
    const now = this.cases.ctx.deps.clock.iso();
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.update(trx, referralId, {
        status,
        decided_at: now,
        decided_by: actor.user.id,
        decision_note: note,
        updated_at: now,
      });
      if (r.submitted_by_email) {
        await queueMessage(trx, this.cases.ctx.deps.clock, {
          partnershipId: r.partnership_id,
          channel: 'email',
          recipient: r.submitted_by_email,
          template: 'marac-decision',
          subject: `Community MARAC referral ${r.reference} ${status === 'accepted' ? 'accepted' : 'returned for more information'}`,
          body:
            status === 'accepted'
              ? `The referral of case ${r.case_reference} is accepted for the next meeting.`
              : `The referral of case ${r.case_reference} needs more information: ${note}`,
          relatedType: 'marac-referral',
          relatedId: referralId,
        });
      }
      await this.cases.event(trx, actor, r.case_id, {
        kind: 'decision',
        action: `marac-${status}`,
        on: this.cases.ctx.today(),
        summary:
          status === 'accepted'
            ? `Community MARAC referral ${r.reference} accepted`
            : `Community MARAC referral ${r.reference} returned for more information: ${note}`,
        details: { referralId },
      });
      await this.cases.ctx.record(
        actor,
        `marac.referral-${status}`,
        { type: 'marac-referral', id: referralId },
        { caseId: r.case_id },
        trx,
        note ?? undefined,
      );
    });
    return { ok: true, value: { status, reference: r.reference } };
  }

  // ---- For the meetings module ----

  /** Referrals by status (e.g. 'accepted' for the next meeting's list). No need-to-know applied. */
  referrals(partnershipId: string, status?: string) {
    return this.repo.list(partnershipId, { status });
  }

  /** Marks a referral heard at a meeting. */
  async markHeard(partnershipId: string, referralId: string, meetingId: string): Promise<void> {
    const r = await this.repo.get(referralId);
    if (!r || r.partnership_id !== partnershipId) throw notFound('Referral');
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.update(trx, referralId, {
        status: 'heard',
        meeting_id: meetingId,
        updated_at: this.cases.ctx.deps.clock.iso(),
      });
      await this.cases.event(trx, null, r.case_id, {
        kind: 'decision',
        action: 'marac-heard',
        on: this.cases.ctx.today(),
        summary: `Heard at the Community MARAC (${r.reference})`,
        details: { referralId, meetingId },
      });
    });
  }

  /**
   * Records a meeting's decision on a case on its timeline (accepted, not accepted with advice,
   * closed at the meeting with a reason, deferred); a referral heard is marked heard.
   */
  async recordMeetingOutcome(
    actor: Actor,
    caseId: string,
    outcome: {
      meetingId: string;
      meetingName: string;
      referralId: string | null;
      decision: string;
      note: string | null;
    },
  ): Promise<void> {
    const c = await this.cases.repo.getCase(caseId);
    if (!c || c.partnership_id !== actor.user.partnershipId) throw notFound('Case');
    const labels: Record<string, string> = {
      accepted: 'accepted the case',
      'not-accepted': 'did not accept the case',
      closed: 'closed the case at the meeting',
      deferred: 'deferred the case to its next meeting',
    };
    const r = outcome.referralId ? await this.repo.get(outcome.referralId) : undefined;
    await this.cases.ctx.transaction(async (trx) => {
      if (r && r.case_id === caseId && outcome.decision !== 'deferred')
        await this.repo.update(trx, r.id, {
          status: 'heard',
          meeting_id: outcome.meetingId,
          updated_at: this.cases.ctx.deps.clock.iso(),
        });
      await this.cases.event(trx, actor, caseId, {
        kind: 'decision',
        action: `meeting-${outcome.decision}`,
        on: this.cases.ctx.today(),
        summary: `${outcome.meetingName} ${labels[outcome.decision] ?? outcome.decision}${r ? ` (${r.reference})` : ''}${outcome.note ? `: ${outcome.note}` : ''}`,
        details: { meetingId: outcome.meetingId, referralId: r?.id ?? null, decision: outcome.decision },
      });
      await this.cases.ctx.record(
        actor,
        'case.meeting-decision',
        { type: 'case', id: caseId },
        { meetingId: outcome.meetingId, decision: outcome.decision },
        trx,
      );
    });
  }
}
