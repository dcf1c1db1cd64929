/**
 * Interventions with a premises, a graded response: advice (letter or visit), an agreed action plan
 * (measures, the named responsible person at the premises, a review date within 12 weeks, met or
 * not met), a warning, and a licence review as the last resort (grounds, date submitted, the 28-day
 * representation period, hearing date and outcome; for a summary review, interim steps within
 * 48 hours and the 21-day appeal window after the hearing).
 */
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { addDays } from '../platform/dates/index.js';
import { notFound } from '../platform/web/errors.js';
import { londonTime } from '../platform/web/views.js';
import { PremisesRepository } from './repository.js';
import type { PremisesInterventionsTable } from './tables.js';

export const INTERVENTION_KINDS = {
  'advice-letter': 'Advice letter',
  'advice-visit': 'Advice visit',
  'action-plan': 'Agreed action plan',
  warning: 'Warning',
  'licence-review': 'Licence review',
} as const;
export type InterventionKind = keyof typeof INTERVENTION_KINDS;

/** An action plan is reviewed within this many days (12 weeks). */
export const ACTION_PLAN_REVIEW_DAYS = 84;
export const REPRESENTATION_DAYS = 28;
export const APPEAL_DAYS = 21;

export const OUTCOMES_BY_KIND: Record<InterventionKind, Record<string, string>> = {
  'advice-letter': { complied: 'Advice followed', 'not-complied': 'Advice not followed' },
  'advice-visit': { complied: 'Advice followed', 'not-complied': 'Advice not followed' },
  'action-plan': { met: 'Met', 'not-met': 'Not met' },
  warning: { complied: 'Complied', 'not-complied': 'Not complied with' },
  'licence-review': {
    'no-action': 'No action',
    'conditions-modified': 'Conditions modified',
    'activity-excluded': 'Licensable activity excluded',
    'supervisor-removed': 'Designated premises supervisor removed',
    suspension: 'Licence suspended (up to 3 months)',
    revocation: 'Licence revoked',
  },
};

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2026-11-27');
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(isoDate.optional());

export const interventionSchema = z
  .object({
    kind: z.enum(Object.keys(INTERVENTION_KINDS) as [InterventionKind], {
      message: 'Select the intervention',
    }),
    startedOn: isoDate,
    details: z
      .string()
      .trim()
      .min(1, 'Enter the advice, measures, warning or grounds')
      .max(2000, 'Enter 2,000 characters or fewer'),
    responsiblePerson: z.string().trim().max(200, 'Enter 200 characters or fewer').optional(),
    reviewOn: optionalDate,
    summaryReview: z.literal('yes').optional(),
    hearingOn: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'action-plan') {
      if (!v.responsiblePerson)
        ctx.addIssue({
          code: 'custom',
          path: ['responsiblePerson'],
          message: 'Enter the named person responsible at the premises',
        });
      if (!v.reviewOn) ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: 'Enter the review date' });
      else if (v.reviewOn <= v.startedOn || v.reviewOn > addDays(v.startedOn, ACTION_PLAN_REVIEW_DAYS))
        ctx.addIssue({
          code: 'custom',
          path: ['reviewOn'],
          message: `The review date must be after the start and within 12 weeks (by ${addDays(v.startedOn, ACTION_PLAN_REVIEW_DAYS)})`,
        });
    }
    if (
      v.kind === 'licence-review' &&
      v.hearingOn &&
      v.hearingOn <= addDays(v.startedOn, REPRESENTATION_DAYS) &&
      !v.summaryReview
    )
      ctx.addIssue({
        code: 'custom',
        path: ['hearingOn'],
        message: `The hearing must be after the 28-day representation period, which ends on ${addDays(v.startedOn, REPRESENTATION_DAYS)}`,
      });
  });

/** The statutory and agreed dates that follow from an intervention. */
export function interventionDates(i: PremisesInterventionsTable): { label: string; date: string }[] {
  const out: { label: string; date: string }[] = [];
  if (i.kind === 'action-plan' && i.review_on) out.push({ label: 'Review due', date: i.review_on });
  if (i.kind === 'licence-review') {
    out.push({ label: 'Representations close', date: addDays(i.started_on, REPRESENTATION_DAYS) });
    if (i.summary_review)
      out.push({ label: 'Interim steps decided by (48 hours)', date: addDays(i.started_on, 2) });
    if (i.hearing_on) {
      out.push({ label: 'Hearing', date: i.hearing_on });
      out.push({ label: 'Appeal window closes (21 days)', date: addDays(i.hearing_on, APPEAL_DAYS) });
    }
  }
  return out;
}

export class InterventionService {
  private readonly repo: PremisesRepository;
  private readonly audit: AuditService;
  constructor(private readonly deps: AppDeps) {
    this.repo = new PremisesRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  list(partnershipId: string, premisesId: string) {
    return this.repo.interventions(partnershipId, premisesId);
  }

  /** Every open intervention of the partnership (for the Licensing Liaison pack). */
  open(partnershipId: string) {
    return this.repo.interventions(partnershipId);
  }

  async record(
    user: CurrentUser,
    premisesId: string,
    input: z.output<typeof interventionSchema>,
    meta: { ip: string; requestId: string },
  ): Promise<Record<string, string>> {
    const p = await this.repo.get(user.partnershipId, premisesId);
    if (!p) throw notFound('Premises');
    if (input.startedOn > londonTime(this.deps.clock.iso(), 'yyyy-MM-dd'))
      return { startedOn: `The start date cannot be in the future (${input.startedOn})` };
    const row: PremisesInterventionsTable = {
      id: newId(),
      partnership_id: user.partnershipId,
      premises_id: premisesId,
      kind: input.kind,
      started_on: input.startedOn,
      details: input.details,
      responsible_person: input.kind === 'action-plan' ? (input.responsiblePerson ?? null) : null,
      review_on: input.kind === 'action-plan' ? (input.reviewOn ?? null) : null,
      summary_review: input.kind === 'licence-review' && input.summaryReview ? 1 : 0,
      hearing_on: input.kind === 'licence-review' ? (input.hearingOn ?? null) : null,
      outcome: null,
      closed_on: null,
      recorded_by: user.id,
      created_at: this.deps.clock.iso(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertIntervention(trx, row);
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'premises.intervention-started',
          subjectType: 'premises',
          subjectId: premisesId,
          details: { kind: input.kind },
          ...meta,
        },
        trx,
      );
    });
    return {};
  }

  /** Records the outcome (met / not met, the review's decision...) and closes the intervention. */
  async close(
    user: CurrentUser,
    premisesId: string,
    id: string,
    outcome: string,
    meta: { ip: string; requestId: string },
  ): Promise<string | null> {
    const found = (await this.repo.interventions(user.partnershipId, premisesId)).find((i) => i.id === id);
    if (!found) throw notFound('Intervention');
    if (!(outcome in OUTCOMES_BY_KIND[found.kind as InterventionKind])) return 'Select the outcome';
    await this.deps.db.transaction().execute(async (trx) => {
      const ok = await this.repo.closeIntervention(
        trx,
        user.partnershipId,
        id,
        outcome,
        londonTime(this.deps.clock.iso(), 'yyyy-MM-dd'),
      );
      if (!ok) return;
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'premises.intervention-closed',
          subjectType: 'premises',
          subjectId: premisesId,
          details: { kind: found.kind, outcome },
          ...meta,
        },
        trx,
      );
    });
    return null;
  }
}
