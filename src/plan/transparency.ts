/**
 * The public transparency page: what the partnership chose to publish, when and by whom (audited),
 * as a snapshot with its small-number rule already applied, so nothing unpublished or personal can
 * reach the page.
 */
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { can } from '../platform/permissions/roles.js';
import { forbidden } from '../platform/web/errors.js';
import { planFigure, windowOf } from './figures.js';
import { PlanRepository } from './repository.js';
import { PlanService, type Meta } from './service.js';

export const SECTIONS = {
  caseReview: 'ASB Case Review figures by financial year',
  plan: "The action plan's progress by theme",
} as const;
export type Section = keyof typeof SECTIONS;

export const publishSchema = z.object({
  sections: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(['caseReview', 'plan'], { message: 'Choose what to publish' }))
      .min(1, 'Choose what to publish'),
  ),
  threshold: z
    .string()
    .trim()
    .regex(/^\d+$/, 'Enter the small-number threshold as a whole number, like 8')
    .transform(Number)
    .pipe(z.number().min(2, 'The threshold must be 2 or more').max(50, 'The threshold must be 50 or less')),
});

const CASE_REVIEW_KEYS = [
  ['applications', 'case-review.applications', 'Applications received'],
  ['thresholdNotMet', 'case-review.threshold-not-met', 'Threshold not met'],
  ['reviews', 'case-review.reviews', 'Reviews carried out'],
  ['recommendations', 'case-review.recommendations', 'Reviews with recommendations'],
] as const;

/**
 * Hides counts from 1 to threshold - 1 as "fewer than N"; when one is hidden, the row's total
 * (its first figure) is rounded to the nearest 5 so it cannot reveal it.
 */
export function applySmallNumbers(values: number[], threshold: number): string[] {
  const hidden = values.map((v) => v > 0 && v < threshold);
  const anyHidden = hidden.slice(1).some(Boolean);
  return values.map((v, i) => {
    if (hidden[i]) return `fewer than ${threshold}`;
    if (i === 0 && anyHidden) return `about ${Math.round(v / 5) * 5}`;
    return String(v);
  });
}

export interface Publication {
  threshold: number;
  caseReview?: { columns: string[]; years: { label: string; values: string[] }[] };
  plan?: {
    year: number;
    title: string;
    themes: { theme: string; total: number; red: number; amber: number; green: number }[];
  };
}

export class TransparencyService {
  private readonly repo: PlanRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new PlanRepository(deps.db);
  }

  /** Financial years (April to March) that have ended, newest first, and the current one so far. */
  private years(count = 3) {
    const today = todayInLondon(new Date(this.deps.clock.now()));
    const [y, m] = today.split('-').map(Number);
    const start = m >= 4 ? y : y - 1;
    return Array.from({ length: count }, (_, i) => {
      const from = start - i;
      const to = i === 0 ? today : `${from + 1}-03-31`;
      return {
        label: i === 0 ? `April ${from} to date` : `April ${from} to March ${from + 1}`,
        from: `${from}-04-01`,
        to,
      };
    });
  }

  /** What would be published now: the chosen sections, small numbers hidden. */
  async draft(partnershipId: string, sections: Section[], threshold: number): Promise<Publication> {
    const out: Publication = { threshold };
    if (sections.includes('caseReview') && CASE_REVIEW_KEYS.every(([, key]) => planFigure(key))) {
      const years = [];
      for (const y of this.years()) {
        const values: number[] = [];
        for (const [, key] of CASE_REVIEW_KEYS)
          values.push((await planFigure(key)!.value(this.deps, partnershipId, windowOf(y))) ?? 0);
        years.push({ label: y.label, values: applySmallNumbers(values, threshold) });
      }
      out.caseReview = { columns: CASE_REVIEW_KEYS.map(([, , label]) => label), years };
    }
    if (sections.includes('plan')) {
      const o = await new PlanService(this.deps).overview(partnershipId);
      if (o.plan) out.plan = { year: o.plan.year, title: o.plan.title, themes: o.themes };
    }
    return out;
  }

  async publish(user: CurrentUser, sections: Section[], threshold: number, meta: Meta): Promise<void> {
    if (!can(user.role, 'plan.manage')) throw forbidden();
    const content = await this.draft(user.partnershipId, sections, threshold);
    const id = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.insertPublication(trx, {
        id,
        partnership_id: user.partnershipId,
        published_at: this.deps.clock.iso(),
        published_by_id: user.id,
        published_by_name: user.name,
        content: JSON.stringify(content),
      });
      await new AuditService(this.deps.db, this.deps.dialect, this.deps.clock).record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'transparency.published',
          subjectType: 'transparency-publication',
          subjectId: id,
          details: { sections, threshold },
          ...meta,
        },
        trx,
      );
    });
  }

  async latest(partnershipId: string) {
    const row = await this.repo.latestPublication(partnershipId);
    return row ? { ...row, content: JSON.parse(row.content) as Publication } : null;
  }
}
