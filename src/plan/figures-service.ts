/** Each action's live figures for a period, their trend against a year before, and target suggestions. */
import type { AppDeps } from '../platform/module.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import {
  figuresForAction,
  lastCompleteQuarter,
  planFigure,
  windowOf,
  yearBefore,
  type FigurePeriod,
  type PlanFigureProvider,
} from './figures.js';
import type { PlanActionsTable, Rag } from './tables.js';

export interface ComputedFigure {
  key: string;
  label: string;
  unit: PlanFigureProvider['unit'];
  detailHref: string;
  value: number | null;
  /** The same period a year before (periodic figures only). */
  previous: number | null;
  period: FigurePeriod | null;
  trend: 'up' | 'down' | 'same' | null;
  better: boolean | null;
}

export interface ActionFigure extends ComputedFigure {
  actionId: string;
  number: number;
  target: number | null;
  /** A status the figure suggests against the owner's target; the owner decides. */
  suggestion: { rag: Rag; text: string } | null;
}

export class PlanFiguresService {
  constructor(private readonly deps: AppDeps) {}

  defaultPeriod(): FigurePeriod {
    return lastCompleteQuarter(todayInLondon(new Date(this.deps.clock.now())));
  }

  async compute(
    provider: PlanFigureProvider,
    partnershipId: string,
    period = this.defaultPeriod(),
  ): Promise<ComputedFigure> {
    const value = await provider.value(this.deps, partnershipId, windowOf(period));
    const previous = provider.periodic
      ? await provider.value(this.deps, partnershipId, windowOf(yearBefore(period)))
      : null;
    const trend =
      value === null || previous === null
        ? null
        : value > previous
          ? 'up'
          : value < previous
            ? 'down'
            : 'same';
    return {
      key: provider.key,
      label: provider.label,
      unit: provider.unit,
      detailHref: provider.detailHref,
      value,
      previous,
      period: provider.periodic ? period : null,
      trend,
      better: trend === null || trend === 'same' ? null : (trend === 'up') === provider.higherIsBetter,
    };
  }

  /** The figures of one action: those registered for its number, and the one its owner chose. */
  async forAction(
    partnershipId: string,
    action: PlanActionsTable,
    period?: FigurePeriod,
  ): Promise<ActionFigure[]> {
    const chosen = action.figure_key ? planFigure(action.figure_key) : undefined;
    const providers = [...figuresForAction(action.number)];
    if (chosen && !providers.includes(chosen)) providers.push(chosen);
    const out: ActionFigure[] = [];
    for (const p of providers) {
      const f = await this.compute(p, partnershipId, period);
      const target = p.key === action.figure_key ? action.figure_target : null;
      out.push({
        ...f,
        actionId: action.id,
        number: action.number,
        target,
        suggestion: suggest(f, p, target, action.rag),
      });
    }
    return out;
  }

  async forActions(
    partnershipId: string,
    actions: PlanActionsTable[],
    period?: FigurePeriod,
  ): Promise<ActionFigure[]> {
    const all: ActionFigure[] = [];
    for (const a of actions) all.push(...(await this.forAction(partnershipId, a, period)));
    return all;
  }
}

function suggest(
  f: ComputedFigure,
  p: PlanFigureProvider,
  target: number | null,
  rag: Rag,
): ActionFigure['suggestion'] {
  if (target === null || f.value === null) return null;
  const met = p.higherIsBetter ? f.value >= target : f.value <= target;
  if (met && rag !== 'green')
    return {
      rag: 'green',
      text: `${p.label} has reached the target of ${target}: consider setting the status to Green`,
    };
  if (!met && rag === 'green')
    return {
      rag: 'amber',
      text: `${p.label} is short of the target of ${target}: consider setting the status to Amber`,
    };
  return null;
}
