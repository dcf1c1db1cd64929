/**
 * The powers ladder: recording steps (warning letter to Criminal Behaviour Order, dispersal, closure,
 * Luscombe tickets, CSAS penalties) with their dates, conditions, breaches and outcome; the rule
 * checks of rules/powers-ladder.ts (errors refuse, warnings must be acknowledged); where a person
 * stands; and what expires or is due for review soon.
 */
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import {
  checkStep,
  defaultDates,
  endDate,
  expiringSoon,
  ladderFor,
  powerInfo,
  powerStepSchema,
  type PowerKey,
  type PowerStepInput,
  type PowersSettingsInput,
  type StepIssue,
} from './rules/powers-ladder.js';
import type { Actor } from './context.js';
import type { CaseService, Errors } from './service.js';
import type { BreachForm, LadderStepForm, StepOutcomeForm } from './schemas.js';
import { STEP_OUTCOMES } from './schemas.js';
import { LadderRepository } from './ladder-repository.js';
import type { LadderStepsTable } from './tables.js';
import { runLadderChecks } from './ladder-checks.js';

export type LadderResult<T> =
  { ok: true; value: T; warnings: StepIssue[] } | { ok: false; errors: Errors; warnings: StepIssue[] };

export interface StepDetails {
  durationHours?: number | null;
  indefinite?: boolean;
  extended?: boolean;
  penaltyAmount?: number | null;
  riskAssessmentDone?: boolean | null;
  convictionRecorded?: boolean | null;
  notes?: string | null;
  warnings?: { code: string; severity: string; message: string }[];
  /** A ladder check's refusal overridden, with the reason given. */
  override?: { codes: string[]; reason: string | null };
}

type StepRow = LadderStepsTable & { party_dob?: string | null };

/** A stored step as the rules see it. */
export function toStepInput(
  row: StepRow,
  breaches: { step_id: string; breached_on: string }[] = [],
): PowerStepInput {
  const d = JSON.parse(row.details) as StepDetails;
  return {
    id: row.id,
    power: row.power as PowerKey,
    subjectId: row.subject_key,
    subjectDateOfBirth: row.party_dob ?? null,
    issuedOn: row.issued_on,
    durationHours: d.durationHours ?? null,
    expiresOn: row.expires_on,
    indefinite: d.indefinite ?? false,
    reviewOn: row.review_on,
    extended: d.extended ?? false,
    endedOn: row.outcome_on,
    outcome: row.outcome,
    conditions: row.conditions ? row.conditions.split('\n').filter((l) => l.trim()) : [],
    breaches: breaches.filter((b) => b.step_id === row.id).map((b) => ({ on: b.breached_on })),
    penaltyAmount: d.penaltyAmount ?? null,
    riskAssessmentDone: d.riskAssessmentDone ?? null,
    convictionRecorded: d.convictionRecorded ?? null,
  };
}

/** In force, expired or ended (with the outcome), as of today. */
export function stepStatus(row: LadderStepsTable, today: string): { code: string; label: string } {
  if (row.outcome_on)
    return { code: 'ended', label: STEP_OUTCOMES[row.outcome as keyof typeof STEP_OUTCOMES] ?? 'Ended' };
  const end = endDate(powerStepSchema.parse(toStepInput(row)));
  if (end && end < today) return { code: 'expired', label: 'Expired' };
  if (row.issued_on > today) return { code: 'future', label: 'Not yet in force' };
  return { code: 'active', label: 'In force' };
}

const FIELD_OF: Record<string, string> = {
  subjectDateOfBirth: 'subject',
  subjectAgeAtIssue: 'subject',
  power: 'power',
};

export class LadderService {
  readonly repo: LadderRepository;
  constructor(private readonly cases: CaseService) {
    this.repo = new LadderRepository(cases.ctx.deps.db);
  }

  /** The partnership's powers settings (which Act's limits apply; local review periods). */
  async settings(partnershipId: string): Promise<PowersSettingsInput> {
    return ((await this.cases.repo.partnershipSettings(partnershipId)).powers ?? {}) as PowersSettingsInput;
  }

  async record(actor: Actor, caseId: string, form: LadderStepForm): Promise<LadderResult<{ id: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const settings = await this.settings(c.partnership_id);
    const info = powerInfo(form.power, settings);
    const errors: Errors = {};

    // The subject: a party (person) or a place (premises) of this case.
    const [kind, subjectId] = form.subject.split(':');
    let subjectKey = '';
    let partyId: string | null = null;
    let personId: string | null = null;
    let placeId: string | null = null;
    let dob: string | null = null;
    let subjectName = '';
    if (kind === 'party') {
      const p = await this.cases.repo.party(subjectId);
      if (!p || p.case_id !== caseId || p.removed_at)
        errors.subject = 'Choose who the step is about from the list';
      else {
        ({ id: partyId, person_id: personId, dob } = p);
        subjectKey = `person:${p.person_id}`;
        subjectName = p.display_name;
      }
    } else if (kind === 'place') {
      const pl = (await this.cases.repo.places(caseId)).find((x) => x.id === subjectId);
      if (!pl) errors.subject = 'Choose the premises from the list';
      else {
        placeId = pl.id;
        subjectKey = `place:${pl.id}`;
        subjectName = pl.label;
      }
    } else errors.subject = 'Choose who or what the step is about';
    if (!errors.subject && info.subject === 'premises' && kind !== 'place')
      errors.subject = `A ${info.name.toLowerCase()} is about premises: choose a place or premises linked to the case`;
    if (!errors.subject && info.subject === 'person' && kind !== 'party')
      errors.subject = `A ${info.name} is given to a person: choose a person in the case`;
    if (form.issuedOn > this.cases.ctx.today())
      errors.issuedOn = 'The date it was issued must be today or in the past';
    if (Object.keys(errors).length) return { ok: false, errors, warnings: [] };

    const defaults = defaultDates(form.power, form.issuedOn, settings);
    const expiresOn = form.indefinite ? null : (form.expiresOn ?? defaults.expiresOn);
    const reviewOn = form.reviewOn ?? defaults.reviewOn;
    const durationHours = form.durationHours ?? defaults.durationHours;
    const id = newId();
    const conditions = form.conditions?.trim() || null;
    const details: StepDetails = {
      durationHours,
      indefinite: form.indefinite,
      extended: form.extended,
      penaltyAmount: form.penaltyAmount,
      riskAssessmentDone: form.riskAssessmentDone,
      convictionRecorded: form.convictionRecorded,
      notes: form.notes,
    };
    const row: StepRow = {
      id,
      partnership_id: c.partnership_id,
      case_id: caseId,
      subject_key: subjectKey,
      party_id: partyId,
      person_id: personId,
      place_id: placeId,
      power: form.power,
      issued_on: form.issuedOn,
      expires_on: expiresOn,
      review_on: reviewOn,
      conditions,
      details: JSON.stringify(details),
      status: 'active',
      outcome: null,
      outcome_on: null,
      created_at: this.cases.ctx.deps.clock.iso(),
      created_by: actor.user.id,
      updated_at: this.cases.ctx.deps.clock.iso(),
      party_dob: dob,
    };
    const others = await this.repo.stepsForSubject(c.partnership_id, subjectKey);
    const breaches = await this.repo.breaches(others.map((o) => o.id));
    const ruled = checkStep(
      toStepInput(row),
      others.map((o) => toStepInput(o, breaches)),
      settings,
    );
    const extra = personId
      ? await runLadderChecks(this.cases.ctx.deps, {
          partnershipId: c.partnership_id,
          personId,
          power: form.power,
          rung: info.rung,
          statutory: info.statutory,
          issuedOn: form.issuedOn,
          others: others.map((o) => ({ power: o.power as PowerKey, issuedOn: o.issued_on })),
        })
      : [];
    // A module's check replaces the built-in one of the same code (e.g. raises a notice to a warning).
    const issues = [
      ...ruled.filter((i) => !extra.some((e) => e.code === i.code)),
      ...extra
        .filter((e) => e.kind === 'warning')
        .map((e): StepIssue => ({
          stepId: id,
          severity: 'warning',
          code: e.code,
          field: 'power',
          message: e.message,
        })),
    ];
    const refusals = extra.filter((e) => e.kind === 'refuse');
    const hard = issues.filter((i) => i.severity === 'error');
    const warnings = issues.filter((i) => i.severity !== 'error');
    if (hard.length) {
      for (const i of hard)
        if (!errors[FIELD_OF[i.field] ?? i.field]) errors[FIELD_OF[i.field] ?? i.field] = i.message;
      return { ok: false, errors, warnings };
    }
    if (refusals.length && !form.overrideReason)
      return {
        ok: false,
        errors: {
          overrideReason: `${refusals.map((r) => r.message).join('. ')}. To record it anyway, give the reason for the override`,
        },
        warnings,
      };
    if (warnings.some((w) => w.severity === 'warning') && !form.acknowledgeWarnings) {
      return {
        ok: false,
        errors: { acknowledgeWarnings: 'Read the warnings, then confirm you want to record this step' },
        warnings,
      };
    }
    details.warnings = warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message }));
    const override = refusals.length
      ? { codes: refusals.map((r) => r.code), reason: form.overrideReason ?? null }
      : null;
    if (override) details.override = override;
    const { party_dob: _dob, ...stored } = row;
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.insertStep(trx, { ...stored, details: JSON.stringify(details) });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'ladder',
        action: 'step-recorded',
        on: form.issuedOn,
        summary:
          `${info.name} to ${subjectName}` +
          (expiresOn ? `, expires ${expiresOn}` : '') +
          (warnings.length
            ? ` (recorded with ${warnings.length} warning${warnings.length > 1 ? 's' : ''})`
            : ''),
        details: { stepId: id, power: form.power, warnings: warnings.map((w) => w.code) },
      });
      await this.cases.ctx.record(
        actor,
        'case.ladder-step',
        { type: 'case', id: caseId },
        { stepId: id, power: form.power, warnings: warnings.map((w) => w.code) },
        trx,
      );
      if (override)
        await this.cases.ctx.record(
          actor,
          'case.ladder-override',
          { type: 'case', id: caseId },
          { stepId: id, power: form.power, refused: override.codes },
          trx,
          override.reason ?? undefined,
        );
    });
    return { ok: true, value: { id }, warnings };
  }

  private async stepOf(actor: Actor, caseId: string, stepId: string, need: 'read' | 'manage') {
    const { c, access } = await this.cases.guard.open(actor, caseId, need);
    const step = await this.repo.step(stepId);
    if (!step || step.case_id !== caseId) throw notFound('Step');
    return { c, access, step };
  }

  async addBreach(
    actor: Actor,
    caseId: string,
    stepId: string,
    form: BreachForm,
  ): Promise<LadderResult<null>> {
    const { step } = await this.stepOf(actor, caseId, stepId, 'manage');
    const name = powerInfo(step.power as PowerKey).short;
    if (form.breachedOn < step.issued_on)
      return {
        ok: false,
        errors: {
          breachedOn: `The breach date (${form.breachedOn}) is before the ${name} was issued (${step.issued_on})`,
        },
        warnings: [],
      };
    if (form.breachedOn > this.cases.ctx.today())
      return {
        ok: false,
        errors: { breachedOn: 'The date of the breach must be today or in the past' },
        warnings: [],
      };
    await this.cases.ctx.transaction(async (trx) => {
      const id = newId();
      await this.repo.insertBreach(trx, {
        id,
        partnership_id: step.partnership_id,
        step_id: stepId,
        breached_on: form.breachedOn,
        description: form.description,
        response: form.response,
        created_at: this.cases.ctx.deps.clock.iso(),
        created_by: actor.user.id,
      });
      await this.repo.updateStep(trx, stepId, {
        status: 'breached',
        updated_at: this.cases.ctx.deps.clock.iso(),
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'ladder',
        action: 'breach',
        on: form.breachedOn,
        summary: `Breach of the ${name}: ${form.description}`,
        details: { stepId, breachId: id },
      });
      await this.cases.ctx.record(
        actor,
        'case.ladder-breach',
        { type: 'case', id: caseId },
        { stepId, breachId: id },
        trx,
      );
    });
    return { ok: true, value: null, warnings: [] };
  }

  async recordOutcome(
    actor: Actor,
    caseId: string,
    stepId: string,
    form: StepOutcomeForm,
  ): Promise<LadderResult<null>> {
    const { step } = await this.stepOf(actor, caseId, stepId, 'manage');
    const name = powerInfo(step.power as PowerKey).short;
    if (form.outcomeOn < step.issued_on)
      return {
        ok: false,
        errors: {
          outcomeOn: `The date of the outcome (${form.outcomeOn}) is before the ${name} was issued (${step.issued_on})`,
        },
        warnings: [],
      };
    if (form.outcomeOn > this.cases.ctx.today())
      return {
        ok: false,
        errors: { outcomeOn: 'The date of the outcome must be today or in the past' },
        warnings: [],
      };
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.updateStep(trx, stepId, {
        status: 'ended',
        outcome: form.outcome,
        outcome_on: form.outcomeOn,
        updated_at: this.cases.ctx.deps.clock.iso(),
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'ladder',
        action: 'step-outcome',
        on: form.outcomeOn,
        summary: `${name}: ${STEP_OUTCOMES[form.outcome]}` + (form.note ? `. ${form.note}` : ''),
        details: { stepId },
      });
      await this.cases.ctx.record(
        actor,
        'case.ladder-outcome',
        { type: 'case', id: caseId },
        { stepId, outcome: form.outcome },
        trx,
      );
    });
    return { ok: true, value: null, warnings: [] };
  }

  /** The case's steps with their breaches, status and the rule checks as they stand now. */
  async forCase(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const settings = await this.settings(c.partnership_id);
    const steps = await this.repo.stepsForCase(caseId);
    const breaches = await this.repo.breaches(steps.map((s) => s.id));
    const today = this.cases.ctx.today();
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'powers', mode: access.mode },
    );
    return {
      c,
      access,
      steps: steps.map((s) => this.describe(s, breaches, today, settings, access.sensitive)),
    };
  }

  async step(actor: Actor, caseId: string, stepId: string) {
    const { c, access, step } = await this.stepOf(actor, caseId, stepId, 'read');
    const settings = await this.settings(c.partnership_id);
    const rows = await this.repo.stepsForCase(caseId);
    const row = rows.find((r) => r.id === stepId)!;
    const breaches = await this.repo.breaches([step.id]);
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'power-step', stepId, mode: access.mode },
    );
    return {
      c,
      access,
      step: this.describe(row, breaches, this.cases.ctx.today(), settings, access.sensitive),
    };
  }

  private describe(
    s: Awaited<ReturnType<LadderRepository['stepsForCase']>>[number],
    breaches: Awaited<ReturnType<LadderRepository['breaches']>>,
    today: string,
    settings: PowersSettingsInput,
    sensitive: boolean,
  ) {
    const info = powerInfo(s.power as PowerKey, settings);
    const details = JSON.parse(s.details) as StepDetails;
    return {
      ...s,
      info,
      details: { ...details, notes: sensitive ? details.notes : null },
      subjectName: s.party_name ?? s.place_label ?? '',
      statusNow: stepStatus(s, today),
      breaches: breaches.filter((b) => b.step_id === s.id),
      warnings: details.warnings ?? [],
    };
  }

  /** Where one person stands on the ladder, from the steps on cases this user may see. */
  async personLadder(actor: Actor, personId: string) {
    const pid = actor.user.partnershipId;
    const visible = new Set(await this.cases.visibleCaseIds(actor));
    const all = await this.repo.stepsForSubject(pid, `person:${personId}`);
    const steps = all.filter((s) => visible.has(s.case_id));
    if (!steps.length) {
      await this.cases.ctx.record(
        actor,
        'case.access-denied',
        { type: 'person', id: personId },
        { page: 'ladder' },
        undefined,
        'no visible ladder steps',
      );
      throw notFound('Ladder');
    }
    const settings = await this.settings(pid);
    const breaches = await this.repo.breaches(steps.map((s) => s.id));
    const today = this.cases.ctx.today();
    const position = ladderFor(
      steps.map((s) => toStepInput(s, breaches)),
      today,
      settings,
    );
    await this.cases.ctx.record(
      actor,
      'person.ladder-viewed',
      { type: 'person', id: personId },
      { steps: steps.length, hidden: all.length - steps.length },
    );
    return {
      personName: steps[0].party_name ?? 'Unknown person',
      position,
      steps: steps.map((s) => this.describe(s, breaches, today, settings, true)),
      hidden: all.length - steps.length,
      escalatesTo: position.escalatesTo.map((k) => powerInfo(k, settings).name),
    };
  }

  /** A person's steps on the cases this user may see, and how many are on cases they may not (the caller audits). */
  async visibleStepsForPerson(actor: Actor, personId: string) {
    const pid = actor.user.partnershipId;
    const all = await this.repo.stepsForSubject(pid, `person:${personId}`);
    if (!all.length) return { steps: [], hidden: 0 };
    const visible = new Set(await this.cases.visibleCaseIds(actor));
    const steps = all.filter((s) => visible.has(s.case_id));
    const settings = await this.settings(pid);
    const breaches = await this.repo.breaches(steps.map((s) => s.id));
    const today = this.cases.ctx.today();
    return {
      steps: steps.map((s) => this.describe(s, breaches, today, settings, false)),
      hidden: all.length - steps.length,
    };
  }

  /** Expiry and review dates in the next `days` days on the cases this user may see; `audit: false` for counts only. */
  async expiringSoon(actor: Actor, days: number, { audit = true } = {}) {
    const pid = actor.user.partnershipId;
    const caseIds = await this.cases.visibleCaseIds(actor);
    const steps = await this.repo.openStepsForCases(caseIds);
    const settings = await this.settings(pid);
    const breaches = await this.repo.breaches(steps.map((s) => s.id));
    const today = this.cases.ctx.today();
    const due = expiringSoon(
      steps.map((s) => toStepInput(s, breaches)),
      today,
      days,
      settings,
    );
    const byId = new Map(steps.map((s) => [s.id, s]));
    if (audit)
      await this.cases.ctx.record(
        actor,
        'case.expiring-viewed',
        { type: 'case-list', id: pid },
        { days, count: due.length },
      );
    return due.map((d) => {
      const s = byId.get(d.stepId)!;
      return {
        ...d,
        caseId: s.case_id,
        caseReference: s.case_reference,
        subjectName: s.party_name ?? s.place_label ?? '',
        personId: s.person_id,
      };
    });
  }

  /** Counts of steps by power issued between two dates (for performance figures). */
  countsByPower(partnershipId: string, from: string, to: string) {
    return this.repo.countsByPower(partnershipId, from, to);
  }
}
