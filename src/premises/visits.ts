/**
 * Licensing visits: planned and done (who, when, findings, conditions checked, outcome). A visit
 * that found breaches of licence conditions adds them to the Traffic Light record in the same
 * step. How often a premises is visited follows its colour.
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
import { PremisesService, type RankedPremises } from './service.js';
import type { Band } from './rules/traffic-light.js';
import type { PremisesVisitsTable } from './tables.js';

/** Days between visits by colour (red weekly, amber monthly, green yearly). */
export const VISIT_INTERVAL_DAYS: Record<Band, number> = { red: 7, amber: 30, green: 365 };

export const OUTCOMES = {
  'no-issues': 'No issues found',
  advice: 'Advice given',
  breaches: 'Breaches of licence conditions found',
} as const;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2026-11-27');

export const visitSchema = z
  .object({
    status: z.enum(['planned', 'done'], { message: 'Select whether the visit is planned or done' }),
    visitOn: isoDate,
    findings: z.string().trim().max(2000, 'Findings must be 2,000 characters or fewer').optional(),
    conditionsChecked: z
      .string()
      .trim()
      .max(1000, 'Conditions checked must be 1,000 characters or fewer')
      .optional(),
    outcome: z
      .enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES], { message: 'Select the outcome' })
      .optional(),
    breaches: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : 0))
      .pipe(
        z
          .number({ message: 'Enter the number of breaches as a whole number' })
          .int('Enter a whole number')
          .min(0)
          .max(20, 'Enter 20 or fewer'),
      ),
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'done') return;
    if (!v.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Select the outcome of the visit' });
    if (!v.findings)
      ctx.addIssue({ code: 'custom', path: ['findings'], message: 'Enter what the visit found' });
    if (v.outcome === 'breaches' && v.breaches < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['breaches'],
        message: 'Enter how many breaches were found (1 or more)',
      });
  });

export interface VisitDue {
  premises: RankedPremises;
  lastVisit: string | null;
  dueOn: string;
  overdueDays: number;
}

export class VisitService {
  private readonly repo: PremisesRepository;
  private readonly audit: AuditService;
  private readonly premises: PremisesService;
  constructor(
    private readonly deps: AppDeps,
    uses: { premises?: PremisesService } = {},
  ) {
    this.premises = uses.premises ?? new PremisesService(deps);
    this.repo = new PremisesRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  private today() {
    return londonTime(this.deps.clock.iso(), 'yyyy-MM-dd');
  }

  visits(partnershipId: string, premisesId: string) {
    return this.repo.visits(partnershipId, premisesId);
  }

  /** Records a visit; breaches found become licence-breach entries on the Traffic Light record in the same transaction. */
  async record(
    user: CurrentUser,
    premisesId: string,
    input: z.output<typeof visitSchema>,
    meta: { ip: string; requestId: string },
  ): Promise<Record<string, string>> {
    const p = await this.repo.get(user.partnershipId, premisesId);
    if (!p) throw notFound('Premises');
    const today = this.today();
    if (input.status === 'done' && input.visitOn > today)
      return { visitOn: `A visit done cannot be dated in the future (${input.visitOn})` };
    if (input.status === 'planned' && input.visitOn < today)
      return { visitOn: `A planned visit must be today or later (${input.visitOn} has passed)` };
    if (p.licensed_from && input.visitOn < p.licensed_from)
      return { visitOn: `${p.name} was first licensed on ${p.licensed_from}` };
    const done = input.status === 'done';
    const breaches = done && input.outcome === 'breaches' ? input.breaches : 0;
    const now = this.deps.clock.iso();
    const row: PremisesVisitsTable = {
      id: newId(),
      partnership_id: user.partnershipId,
      premises_id: premisesId,
      status: input.status,
      visit_on: input.visitOn,
      officer_label: user.name,
      findings: input.findings || null,
      conditions_checked: input.conditionsChecked || null,
      outcome: done ? (input.outcome ?? null) : null,
      breaches,
      recorded_by: user.id,
      created_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertVisit(trx, row);
      await this.repo.insertItems(
        trx,
        Array.from({ length: breaches }, (_, i) => ({
          id: newId(),
          partnership_id: user.partnershipId,
          premises_id: premisesId,
          kind: 'penalty' as const,
          type: 'licence-breach',
          occurred_on: input.visitOn,
          summary: `Found on a licensing visit (${i + 1} of ${breaches}): ${input.findings ?? ''}`.slice(
            0,
            500,
          ),
          points: null,
          points_reason: null,
          source_type: 'visit',
          source_id: row.id,
          recorded_by: user.id,
          created_at: now,
        })),
      );
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: `premises.visit-${input.status}`,
          subjectType: 'premises',
          subjectId: premisesId,
          details: { visitOn: input.visitOn, outcome: row.outcome, breaches },
          ...meta,
        },
        trx,
      );
    });
    return {};
  }

  /** Premises due a visit by today, most overdue first: the last visit done plus the interval for the colour. */
  async due(partnershipId: string): Promise<VisitDue[]> {
    const [ranked, visits] = await Promise.all([
      this.premises.ranked(partnershipId),
      this.repo.visits(partnershipId),
    ]);
    const today = this.today();
    const last = new Map<string, string>();
    for (const v of visits)
      if (v.status === 'done' && (last.get(v.premises_id) ?? '') < v.visit_on)
        last.set(v.premises_id, v.visit_on);
    const out: VisitDue[] = [];
    for (const p of ranked) {
      const lastVisit = last.get(p.id) ?? null;
      const dueOn = lastVisit
        ? addDays(lastVisit, VISIT_INTERVAL_DAYS[p.result.band])
        : (p.licensed_from ?? today);
      if (dueOn > today) continue;
      const overdueDays = Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000);
      out.push({ premises: p, lastVisit, dueOn, overdueDays });
    }
    const rank: Record<Band, number> = { red: 0, amber: 1, green: 2 };
    return out.sort(
      (a, b) => rank[a.premises.result.band] - rank[b.premises.result.band] || b.overdueDays - a.overdueDays,
    );
  }
}
