/** The board dashboard: the partnership's headline figures for a quarter beside the same quarter a year before. */
import type { AppDeps } from '../platform/module.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { planFigure, planTable, recentQuarters, windowOf, yearBefore, type FigurePeriod } from './figures.js';
import { PlanFiguresService, type ComputedFigure } from './figures-service.js';
import { PlanService } from './service.js';

/** The dashboard's sections and the registered figures in each (those not registered are left out). */
export const DASHBOARD_SECTIONS: { title: string; keys: string[] }[] = [
  {
    title: 'Reports',
    keys: ['reports.total', 'reports.online-share', 'reports.phone', 'reports.routed-share'],
  },
  {
    title: 'Repeat victims and risk',
    keys: ['people.repeat-victims', 'reports.phone-repeat-callers', 'cases.open-high-risk'],
  },
  {
    title: 'ASB Case Review',
    keys: [
      'case-review.applications',
      'case-review.threshold-not-met',
      'case-review.reviews',
      'case-review.recommendations',
    ],
  },
  { title: 'Licensed premises', keys: ['premises.red', 'premises.amber', 'premises.green'] },
  {
    title: 'Enforcement and the street',
    keys: ['cases.powers-used', 'environment.cleared', 'environment.median-hours-to-clear'],
  },
];

export class PlanDashboardService {
  constructor(private readonly deps: AppDeps) {}

  quarters() {
    return recentQuarters(todayInLondon(new Date(this.deps.clock.now())));
  }

  async dashboard(partnershipId: string, periodFrom?: string) {
    const quarters = this.quarters();
    const period: FigurePeriod & { label: string } =
      quarters.find((q) => q.from === periodFrom) ?? quarters[0];
    const figures = new PlanFiguresService(this.deps);
    const sections: { title: string; figures: ComputedFigure[] }[] = [];
    for (const s of DASHBOARD_SECTIONS) {
      const list: ComputedFigure[] = [];
      for (const key of s.keys) {
        const p = planFigure(key);
        if (p) list.push(await figures.compute(p, partnershipId, period));
      }
      if (list.length) sections.push({ title: s.title, figures: list });
    }
    const byMonth = planTable('reports.by-month-channel');
    const reportsByMonth = byMonth
      ? {
          label: byMonth.label,
          detailHref: byMonth.detailHref,
          now: await byMonth.rows(this.deps, partnershipId, windowOf(period)),
          before: await byMonth.rows(this.deps, partnershipId, windowOf(yearBefore(period))),
        }
      : null;
    const plan = await new PlanService(this.deps).overview(partnershipId);
    return {
      period,
      periodBefore: yearBefore(period),
      quarters,
      sections,
      reportsByMonth,
      plan: plan.plan,
      themes: plan.themes,
      counts: plan.counts,
    };
  }
}

/** Bar widths (0-100) for a small chart of a table's rows, scaled to its largest value. */
export function barsOf(rows: { label: string; values: number[] }[]) {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  return rows.map((r) => {
    const total = r.values.reduce((a, b) => a + b, 0);
    return { label: r.label, total, width: Math.round((total / max) * 100) };
  });
}
