/**
 * ASB Case Review applications: intake from the public journey and from staff, the coordinator's
 * list with its deadlines, the application page, workflow moves through the transition table
 * (rules/workflow.ts) with their letters, consent and duplicate links. Every view and change is audited.
 */
import fs from 'node:fs';
import type { AppDeps } from '../platform/module.js';
import { newId } from '../platform/db/ids.js';
import { nextReference } from '../platform/db/sequences.js';
import { queueMessage } from '../platform/notifications.js';
import { notFound } from '../platform/web/errors.js';
import { addWorkingDays } from '../platform/dates/working-days.js';
import { yearOf, type IsoDate } from '../platform/dates/calendar-date.js';
import { PeopleService } from '../people/service.js';
import { CaseReviewContext, type Actor, type RequestMeta, type Trx } from './context.js';
import {
  applyTransition,
  availableActions,
  newCaseReview,
  type CaseReviewAction,
  type CaseReviewActionInput,
  type CaseReviewState,
} from './rules/workflow.js';
import { caseReviewSettingsSchema, settingsFromJson, type CaseReviewSettings } from './settings.js';
import type { ApplicationInput } from './schemas.js';
import { findDuplicate, placeKeyOf } from './duplicates.js';
import { attachPending, storedPath, type PendingFile } from './consent-files.js';
import { deadlinesOf, dueItem, nextDeadline, type DueItem } from './deadline-view.js';
import {
  acknowledgementLetter,
  consentReceivedLetter,
  receivedLetter,
  type Letter,
  type LetterContext,
} from './letters.js';
import type { ReviewListFilter } from './repository.js';
import type { CaseReviewsTable } from './tables.js';
import type { Updateable } from 'kysely';

export type Review = CaseReviewsTable;

export interface Submitted {
  id: string;
  reference: string;
  heldForConsent: boolean;
  duplicateOf: string | null;
  acknowledgeBy: IsoDate | null;
  decisionBy: IsoDate | null;
  contactMethod: string;
  email: string | null;
}

export type Outcome =
  { ok: true; banner: string; state: CaseReviewState } | { ok: false; errors: Record<string, string> };

function splitName(name: string): { given: string | null; surname: string | null } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return { given: parts[0] ?? null, surname: null };
  return { given: parts.slice(0, -1).join(' '), surname: parts[parts.length - 1] };
}

/** The list columns that mirror the workflow state. */
export function stateColumns(s: CaseReviewState): Updateable<CaseReviewsTable> {
  return {
    status: s.status,
    acknowledged_on: s.acknowledgedOn ?? null,
    threshold_decided_on: s.thresholdDecidedOn ?? null,
    threshold_met: s.thresholdMet === undefined ? null : s.thresholdMet ? 1 : 0,
    discretionary_review: s.discretionaryReview ? 1 : 0,
    panel_on: s.panelOn ?? null,
    outcome_sent_on: s.outcomeSentOn ?? null,
    appeal_requested_on: s.appealRequestedOn ?? null,
    appeal_decided_on: s.appealDecidedOn ?? null,
    appeal_upheld: s.appealUpheld === undefined ? null : s.appealUpheld ? 1 : 0,
    closed_on: s.closedOn ?? null,
    closure: s.closure ?? null,
    consent_on: s.consentRecordedOn ?? null,
  };
}

export class CaseReviewService {
  readonly ctx: CaseReviewContext;
  private readonly people: PeopleService;

  /** `uses`: the services the composition root has already built (made here when absent). */
  constructor(
    readonly deps: AppDeps,
    uses: { people?: PeopleService } = {},
  ) {
    this.ctx = new CaseReviewContext(deps);
    this.people = uses.people ?? new PeopleService(deps);
  }

  get repo() {
    return this.ctx.repo;
  }

  // ---------------------------------------------------------------- settings

  async settings(partnershipId: string): Promise<CaseReviewSettings> {
    return settingsFromJson((await this.repo.settings(partnershipId))?.settings);
  }

  async saveSettings(
    actor: Actor,
    input: unknown,
  ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
    const parsed = caseReviewSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[i.path.length - 1] ?? 'form')] ??= i.message;
      return { ok: false, errors };
    }
    const pid = actor.user.partnershipId;
    const before = await this.settings(pid);
    await this.ctx.transaction(async (trx) => {
      await this.repo.saveSettings(trx, {
        id: newId(),
        partnership_id: pid,
        settings: JSON.stringify(parsed.data),
        updated_at: this.deps.clock.iso(),
        updated_by: actor.user.id,
      });
      await this.ctx.record(
        actor,
        pid,
        'case-review.settings-changed',
        null,
        { before, after: parsed.data },
        trx,
      );
    });
    return { ok: true };
  }

  // ---------------------------------------------------------------- intake

  /** Files an application from the public journey (actor null) or from staff. One transaction. */
  async submit(
    partnershipId: string,
    input: ApplicationInput,
    actor: Actor | null,
    meta: RequestMeta = {},
  ): Promise<Submitted> {
    const settings = await this.settings(partnershipId);
    const id = newId();
    const consent = input.applicantKind === 'on-behalf' ? input.consent : null;
    const storedConsent = consent?.file
      ? await attachPending(this.deps.config.uploadDir, id, consent.file)
      : null;
    const self = input.applicantKind === 'victim';
    const placeKey = placeKeyOf(input.problem.location, input.problem.postcode);

    return this.ctx.transaction(async (trx) => {
      const now = this.deps.clock.iso();
      const reference = await nextReference(trx, partnershipId, 'ACR', yearOf(input.receivedOn));
      const v = input.victim;
      const c = input.contact;
      const victimName = splitName(v.name);
      const victimRecord = await this.people.addRecord(trx, {
        partnershipId,
        sourceType: 'case-review',
        sourceId: id,
        role: 'victim',
        givenName: input.victimType === 'person' ? victimName.given : null,
        surname: input.victimType === 'person' ? victimName.surname : v.organisation,
        phone: self ? c.phone : v.phone,
        email: self ? c.email : v.email,
        address: self ? c.address : v.address,
        postcode: self ? c.postcode : v.postcode,
      });
      let applicantPersonId: string | null = null;
      if (!self && c.applicant) {
        const n = splitName(c.applicant.name);
        applicantPersonId = (
          await this.people.addRecord(trx, {
            partnershipId,
            sourceType: 'case-review',
            sourceId: id,
            role: 'representative',
            givenName: n.given,
            surname: n.surname,
            phone: c.phone,
            email: c.email,
            address: c.address,
            postcode: c.postcode,
          })
        ).personId;
      }

      let state = newCaseReview(input.receivedOn, !self, consent?.on ?? null);
      const heldForConsent = !self && !consent;
      if (heldForConsent) {
        const held = applyTransition(state, 'hold-for-consent', { on: input.receivedOn });
        if (held.ok) state = held.state;
      }
      const clockStartsOn = heldForConsent ? null : input.receivedOn;
      const earlier = await this.repo.forVictims(partnershipId, [victimRecord.personId], trx);
      const dup = findDuplicate(
        { victimPersonId: victimRecord.personId, placeKey, receivedOn: input.receivedOn },
        earlier.map((e) => ({
          id: e.id,
          reference: e.reference,
          victimPersonId: e.victim_person_id,
          placeKey: e.place_key,
          receivedOn: e.received_on,
          status: e.status,
          closure: e.closure,
          duplicateOf: e.duplicate_of,
        })),
      );

      const row: CaseReviewsTable = {
        id,
        partnership_id: partnershipId,
        reference,
        channel: input.channel,
        status: state.status,
        state: JSON.stringify(state),
        applicant_kind: input.applicantKind,
        victim_type: input.victimType,
        victim_name: v.name,
        victim_organisation: v.organisation,
        victim_address: self ? c.address : v.address,
        victim_postcode: self ? c.postcode : v.postcode,
        victim_email: self ? c.email : v.email,
        victim_phone: self ? c.phone : v.phone,
        victim_person_id: victimRecord.personId,
        victim_person_record_id: victimRecord.recordId,
        applicant_name: c.applicant?.name ?? null,
        applicant_relationship: c.applicant?.relationship ?? null,
        applicant_organisation: c.applicant?.organisation ?? null,
        applicant_person_id: applicantPersonId,
        contact_email: c.email,
        contact_phone: c.phone,
        contact_address: c.address,
        contact_postcode: c.postcode,
        contact_method: c.method,
        support_needs: JSON.stringify(c.supportNeeds),
        support_details: c.supportDetails,
        description: input.problem.description,
        location_text: input.problem.location,
        location_postcode: input.problem.postcode,
        place_key: placeKey,
        started_month: input.problem.startedMonth,
        hate_related: input.problem.hateRelated ? 1 : 0,
        hate_details: input.problem.hateDetails,
        consent_method: consent?.method ?? null,
        consent_on: consent?.on ?? null,
        consent_note: consent?.note ?? null,
        received_on: input.receivedOn,
        clock_starts_on: clockStartsOn,
        duplicate_of: dup?.of.id ?? null,
        duplicate_reason: dup?.reason ?? null,
        acknowledged_on: null,
        threshold_decided_on: null,
        threshold_met: null,
        discretionary_review: 0,
        panel_on: null,
        panel_location: null,
        review_held_on: null,
        recommendations_count: null,
        outcome_sent_on: null,
        outcome_summary: null,
        appeal_requested_on: null,
        appeal_decided_on: null,
        appeal_upheld: null,
        closed_on: null,
        closure: null,
        victim_invited_on: null,
        victim_participation: null,
        impact_statement: null,
        impact_statement_on: null,
        created_by_user_id: actor?.user.id ?? null,
        submitted_at: now,
        updated_at: now,
      };
      await this.repo.insertReview(trx, row);
      await this.repo.insertAgencyReports(
        trx,
        input.reported.map((a, i) => ({
          id: newId(),
          partnership_id: partnershipId,
          case_review_id: id,
          agency: a.agency,
          agency_name: a.agencyName,
          first_reported: a.firstReported,
          last_reported: a.lastReported,
          reference_numbers: a.references,
          sort_order: i,
        })),
      );
      if (storedConsent && consent?.file) {
        await this.repo.insertFile(trx, {
          id: newId(),
          partnership_id: partnershipId,
          case_review_id: id,
          kind: 'consent',
          stored_name: storedConsent,
          original_name: consent.file.originalName,
          mime: consent.file.mime,
          bytes: consent.file.bytes,
          uploaded_by: actor?.user.id ?? null,
          created_at: now,
        });
      }
      const how = {
        online: 'online',
        phone: 'by telephone',
        letter: 'by letter or email',
        'in-person': 'in person',
      }[input.channel];
      await this.event(trx, row, actor, {
        kind: 'application',
        action: 'submitted',
        on: input.receivedOn,
        to: state.status,
        summary: `Application received ${how}${heldForConsent ? ': held until the victim’s written consent is received' : ''}${dup ? `. ${dup.reason}: linked as a duplicate` : ''}`,
      });

      const acknowledgeBy =
        clockStartsOn && !dup
          ? addWorkingDays(clockStartsOn, settings.deadlines.acknowledgeWorkingDays)
          : null;
      const decisionBy =
        clockStartsOn && !dup
          ? addWorkingDays(clockStartsOn, settings.deadlines.thresholdDecisionWorkingDays)
          : null;
      await this.sendLetter(
        trx,
        row,
        receivedLetter(this.letterContext(row, settings), {
          heldForConsent,
          duplicateOf: dup?.of.reference ?? null,
          acknowledgeBy,
          decisionBy,
        }),
      );
      if (settings.procedure.contactEmail) {
        await queueMessage(trx, this.deps.clock, {
          partnershipId,
          channel: 'email',
          recipient: settings.procedure.contactEmail,
          template: 'case-review-new',
          subject: `New ASB Case Review application ${reference}`,
          body: `A new ASB Case Review application, ${reference}, was received ${how} on ${input.receivedOn}. Open it in ASB Hub: ${this.deps.config.baseUrl}/case-reviews/${id}`,
          relatedType: 'case-review',
          relatedId: id,
        });
      }
      await this.ctx.record(
        actor,
        partnershipId,
        'case-review.submitted',
        id,
        { reference, channel: input.channel, duplicateOf: dup?.of.reference ?? null, heldForConsent },
        trx,
        meta,
      );
      return {
        id,
        reference,
        heldForConsent,
        duplicateOf: dup?.of.reference ?? null,
        acknowledgeBy,
        decisionBy,
        contactMethod: c.method,
        email: c.email,
      };
    });
  }

  // ---------------------------------------------------------------- the coordinator's list

  async list(actor: Actor, filter: ReviewListFilter) {
    const pid = actor.user.partnershipId;
    const [settings, rows] = await Promise.all([this.settings(pid), this.repo.list(pid, filter)]);
    const today = this.ctx.today();
    const withDeadlines = rows.map((r) => ({ ...r, next: nextDeadline(r, today, settings.deadlines) }));
    await this.ctx.record(actor, pid, 'case-review.list-viewed', null, { filter, rows: rows.length });
    return { rows: withDeadlines, today };
  }

  /** Everything overdue, due today or due soon: application deadlines, information awaited, recommendations. */
  async dueItems(actor: Actor): Promise<DueItem[]> {
    const pid = actor.user.partnershipId;
    const [settings, open, info, recs] = await Promise.all([
      this.settings(pid),
      this.repo.list(pid, { status: 'open' }),
      this.repo.outstandingInfoRequests(pid),
      this.repo.openRecommendations(pid),
    ]);
    const today = this.ctx.today();
    const soon = settings.deadlines.dueSoonWorkingDays;
    const items: DueItem[] = [];
    for (const r of open) {
      const d = nextDeadline(r, today, settings.deadlines);
      if (d && ['overdue', 'due-today', 'due-soon'].includes(d.status)) {
        items.push({
          reviewId: r.id,
          reference: r.reference,
          what: d.label,
          dueOn: d.dueOn,
          status: d.status,
          text: d.text,
          href: `/case-reviews/${r.id}`,
        });
      }
    }
    for (const i of info) {
      const item = dueItem(
        {
          reviewId: i.case_review_id,
          reference: i.reference,
          what: `Information from ${i.agency_name}`,
          dueOn: i.due_on,
          href: `/case-reviews/${i.case_review_id}/review`,
        },
        today,
        soon,
      );
      if (item) items.push(item);
    }
    for (const rec of recs) {
      const item = dueItem(
        {
          reviewId: rec.case_review_id,
          reference: rec.reference,
          what: `Recommendation for ${rec.owner}: ${rec.text.slice(0, 80)}`,
          dueOn: rec.due_on,
          href: `/case-reviews/${rec.case_review_id}/review`,
        },
        today,
        soon,
      );
      if (item) items.push(item);
    }
    const order = { overdue: 0, 'due-today': 1, 'due-soon': 2 } as Record<string, number>;
    return items.sort((a, b) => order[a.status] - order[b.status] || a.dueOn.localeCompare(b.dueOn));
  }

  // ---------------------------------------------------------------- one application

  /** The application, if it belongs to the user's partnership; a refusal is audited. */
  async load(actor: Actor, id: string): Promise<Review> {
    const r = await this.repo.getReview(id);
    if (!r || r.partnership_id !== actor.user.partnershipId) {
      if (r)
        await this.ctx.record(actor, actor.user.partnershipId, 'case-review.refused', id, {
          reason: 'another partnership',
        });
      throw notFound('Application');
    }
    return r;
  }

  async view(actor: Actor, id: string, section = 'overview') {
    const r = await this.load(actor, id);
    const settings = await this.settings(r.partnership_id);
    const today = this.ctx.today();
    const [agencyReports, events, files, letters, duplicates, duplicateOf] = await Promise.all([
      this.repo.agencyReports(id),
      this.repo.events(id),
      this.repo.files(id),
      this.repo.letters(id),
      this.repo.duplicatesOf(id),
      r.duplicate_of ? this.repo.getReview(r.duplicate_of) : Promise.resolve(undefined),
    ]);
    const state = JSON.parse(r.state) as CaseReviewState;
    await this.ctx.record(actor, r.partnership_id, 'case-review.viewed', id, { section });
    return {
      r,
      state,
      settings,
      today,
      deadlines: deadlinesOf(r, today, settings.deadlines),
      next: nextDeadline(r, today, settings.deadlines),
      actions: availableActions(state).filter(
        (a) =>
          !(
            (a === 'hold-for-consent' || a === 'record-consent') &&
            (r.applicant_kind === 'victim' || r.consent_on)
          ),
      ),
      agencyReports,
      events,
      files,
      letters,
      duplicates,
      duplicateOf: duplicateOf ? { id: duplicateOf.id, reference: duplicateOf.reference } : null,
      supportNeeds: JSON.parse(r.support_needs) as string[],
    };
  }

  /** A stored upload, for a coordinator to open; audited. */
  async file(actor: Actor, id: string, fileId: string) {
    const r = await this.load(actor, id);
    const f = await this.repo.file(id, fileId);
    if (!f) throw notFound('File');
    const p = storedPath(this.deps.config.uploadDir, id, f.stored_name);
    if (!fs.existsSync(p)) throw notFound('File');
    await this.ctx.record(actor, r.partnership_id, 'case-review.file-viewed', id, { fileId, kind: f.kind });
    return { path: p, mime: f.mime, name: f.original_name };
  }

  // ---------------------------------------------------------------- workflow moves

  /**
   * Applies one action from the transition table, with its extra writes, an event, and an audit
   * entry, all in one transaction. Refusals come back as field errors.
   */
  async transition<A extends CaseReviewAction>(
    actor: Actor,
    id: string,
    action: A,
    input: CaseReviewActionInput<A>,
    opts: {
      columns?: Updateable<CaseReviewsTable>;
      summary?: (banner: string) => string;
      details?: Record<string, unknown>;
      extra?: (trx: Trx, review: Review, state: CaseReviewState) => Promise<void>;
    } = {},
  ): Promise<Outcome> {
    await this.load(actor, id);
    return this.ctx.transaction(async (trx) => {
      const review = (await this.repo.getReview(id, trx))!;
      const state = JSON.parse(review.state) as CaseReviewState;
      const result = applyTransition(state, action, input);
      if (!result.ok) {
        const errors: Record<string, string> = {};
        for (const e of result.errors) errors[e.field] ??= e.message;
        if (!result.errors.length) errors.form = result.reason;
        return { ok: false as const, errors };
      }
      const now = this.deps.clock.iso();
      const set = {
        ...stateColumns(result.state),
        ...opts.columns,
        state: JSON.stringify(result.state),
        updated_at: now,
      };
      await this.repo.updateReview(trx, id, set);
      const updated = { ...review, ...set } as Review;
      await this.event(trx, updated, actor, {
        kind: 'transition',
        action,
        on: (input as { on: IsoDate }).on,
        from: result.from,
        to: result.to,
        summary: opts.summary ? opts.summary(result.banner) : result.banner,
        details: opts.details,
      });
      await opts.extra?.(trx, updated, result.state);
      await this.ctx.record(
        actor,
        review.partnership_id,
        `case-review.${action}`,
        id,
        { from: result.from, to: result.to, ...opts.details },
        trx,
      );
      return { ok: true as const, banner: result.banner, state: result.state };
    });
  }

  async acknowledge(actor: Actor, id: string, on: IsoDate, coordinator: string): Promise<Outcome> {
    const settings = await this.settings(actor.user.partnershipId);
    return this.transition(
      actor,
      id,
      'acknowledge',
      { on },
      {
        extra: async (trx, r) => {
          const decisionBy = addWorkingDays(
            r.clock_starts_on ?? r.received_on,
            settings.deadlines.thresholdDecisionWorkingDays,
          );
          await this.sendLetter(
            trx,
            r,
            acknowledgementLetter(this.letterContext(r, settings), {
              receivedOn: r.clock_starts_on ?? r.received_on,
              decisionBy,
              coordinator,
            }),
          );
        },
      },
    );
  }

  async recordConsent(
    actor: Actor,
    id: string,
    input: { on: IsoDate; note: string; file: PendingFile | null },
  ): Promise<Outcome> {
    const settings = await this.settings(actor.user.partnershipId);
    const stored = input.file ? await attachPending(this.deps.config.uploadDir, id, input.file) : null;
    return this.transition(
      actor,
      id,
      'record-consent',
      { on: input.on },
      {
        details: { method: input.file ? 'uploaded' : 'recorded' },
        summary: (b) => `${b}. ${input.note}`,
        extra: async (trx, r) => {
          const starts = input.on > r.received_on ? input.on : r.received_on;
          await this.repo.updateReview(trx, id, {
            consent_method: input.file ? 'uploaded' : 'recorded',
            consent_note: input.note,
            clock_starts_on: starts,
          });
          if (stored && input.file) {
            await this.repo.insertFile(trx, {
              id: newId(),
              partnership_id: r.partnership_id,
              case_review_id: id,
              kind: 'consent',
              stored_name: stored,
              original_name: input.file.originalName,
              mime: input.file.mime,
              bytes: input.file.bytes,
              uploaded_by: actor.user.id,
              created_at: this.deps.clock.iso(),
            });
          }
          if (!r.duplicate_of) {
            await this.sendLetter(
              trx,
              r,
              consentReceivedLetter(this.letterContext(r, settings), {
                acknowledgeBy: addWorkingDays(starts, settings.deadlines.acknowledgeWorkingDays),
              }),
            );
          }
        },
      },
    );
  }

  /** Links an application to an earlier one for the same victim and problem (or removes the link). */
  async setDuplicate(
    actor: Actor,
    id: string,
    input: { reference: string | null; reason: string },
  ): Promise<Outcome> {
    await this.load(actor, id);
    return this.ctx.transaction(async (trx) => {
      const r = (await this.repo.getReview(id, trx))!;
      let target: Review | undefined;
      if (input.reference) {
        target = await this.repo.findByReference(r.partnership_id, input.reference, trx);
        if (!target)
          return { ok: false as const, errors: { reference: 'There is no application with that reference' } };
        if (target.id === r.id)
          return { ok: false as const, errors: { reference: 'An application cannot duplicate itself' } };
        if (target.duplicate_of === r.id)
          return {
            ok: false as const,
            errors: { reference: `${target.reference} is already linked to this application` },
          };
        if (target.duplicate_of) target = (await this.repo.getReview(target.duplicate_of, trx)) ?? target;
      }
      const now = this.deps.clock.iso();
      await this.repo.updateReview(trx, id, {
        duplicate_of: target?.id ?? null,
        duplicate_reason: target ? input.reason : null,
        updated_at: now,
      });
      const summary = target
        ? `Linked as a duplicate of ${target.reference}: ${input.reason}`
        : `Duplicate link removed: ${input.reason}`;
      await this.event(trx, r, actor, {
        kind: 'duplicate',
        action: target ? 'link-duplicate' : 'unlink-duplicate',
        on: this.ctx.today(),
        summary,
      });
      await this.ctx.record(
        actor,
        r.partnership_id,
        target ? 'case-review.duplicate-linked' : 'case-review.duplicate-unlinked',
        id,
        { to: target?.reference ?? null, reason: input.reason },
        trx,
      );
      const state = JSON.parse(r.state) as CaseReviewState;
      return { ok: true as const, banner: summary, state };
    });
  }

  // ---------------------------------------------------------------- letters and events

  letterContext(r: Review, settings: CaseReviewSettings): LetterContext {
    const onBehalf = r.applicant_kind === 'on-behalf';
    return {
      reference: r.reference,
      addressee: (onBehalf ? r.applicant_name : r.victim_name) ?? 'applicant',
      victimName: onBehalf ? (r.victim_organisation ?? r.victim_name) : null,
      procedure: settings.procedure,
    };
  }

  /** Keeps the letter with the application and queues it: by email, or by post, as the applicant asked. */
  async sendLetter(trx: Trx, r: Review, letter: Letter, to?: { email: string }): Promise<void> {
    let channel: 'email' | 'letter' | null = null;
    let recipient = '';
    if (to) {
      channel = 'email';
      recipient = to.email;
    } else if (r.contact_method === 'email' && r.contact_email) {
      channel = 'email';
      recipient = r.contact_email;
    } else if (r.contact_method === 'letter' && r.contact_address) {
      channel = 'letter';
      recipient = [r.contact_address, r.contact_postcode].filter(Boolean).join(', ');
    } else if (r.contact_email) {
      channel = 'email';
      recipient = r.contact_email;
    } else if (r.contact_address) {
      channel = 'letter';
      recipient = [r.contact_address, r.contact_postcode].filter(Boolean).join(', ');
    }
    const now = this.deps.clock.iso();
    const outboxId = channel
      ? await queueMessage(trx, this.deps.clock, {
          partnershipId: r.partnership_id,
          channel,
          recipient,
          template: `case-review-${letter.kind}`,
          subject: letter.subject,
          body: letter.body,
          relatedType: 'case-review',
          relatedId: r.id,
        })
      : null;
    await this.repo.insertLetter(trx, {
      id: newId(),
      partnership_id: r.partnership_id,
      case_review_id: r.id,
      kind: letter.kind,
      channel: channel ?? 'none',
      recipient: channel ? recipient : 'No email or address: tell the applicant by telephone',
      subject: letter.subject,
      body: letter.body,
      outbox_id: outboxId,
      created_at: now,
    });
  }

  async event(
    trx: Trx,
    r: Pick<Review, 'id' | 'partnership_id'>,
    actor: Actor | null,
    e: {
      kind: string;
      action: string;
      on: IsoDate;
      summary: string;
      from?: string;
      to?: string;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.repo.insertEvent(trx, {
      id: newId(),
      partnership_id: r.partnership_id,
      case_review_id: r.id,
      kind: e.kind,
      action: e.action,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      on_date: e.on,
      summary: e.summary,
      details: JSON.stringify(e.details ?? {}),
      user_id: actor?.user.id ?? null,
      user_name: actor?.user.name ?? null,
      at: this.deps.clock.iso(),
    });
  }
}
