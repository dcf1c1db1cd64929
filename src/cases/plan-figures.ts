/**
 * Case figures for the partnership's action plan and board: powers used (action 19) and open
 * high-risk cases. Registered by the composition root (src/plan-figures.ts).
 */
import type { AppDeps } from '../platform/module.js';
import { CaseFiguresRepository } from './figures-repository.js';

interface Window {
  from: string;
  to: string;
}

export const casePlanFigures = [
  {
    key: 'cases.powers-used',
    label: 'Tools and powers used (steps of the powers ladder issued)',
    actions: [19],
    detailHref: '/cases',
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    value: (deps: AppDeps, pid: string, w: Window) =>
      new CaseFiguresRepository(deps.db).powersIssued(pid, w.from, w.to),
  },
  {
    key: 'cases.open-high-risk',
    label: 'Open cases assessed as high risk',
    actions: [12],
    detailHref: '/cases',
    unit: 'count',
    periodic: false,
    higherIsBetter: false,
    value: (deps: AppDeps, pid: string) => new CaseFiguresRepository(deps.db).openHighRisk(pid),
  },
] as const;
