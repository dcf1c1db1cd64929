/**
 * Licensed premises by Traffic Light colour now, as evidence for the partnership's action plan
 * (actions 11 and 23). Registered by the composition root (src/plan-figures.ts).
 */
import type { AppDeps } from '../platform/module.js';
import { PremisesService } from './service.js';

const byColour = (band: 'red' | 'amber' | 'green', label: string, higherIsBetter: boolean) => ({
  key: `premises.${band}`,
  label,
  actions: [11, 23],
  detailHref: '/premises',
  unit: 'count' as const,
  periodic: false,
  higherIsBetter,
  value: async (deps: AppDeps, pid: string) =>
    (await new PremisesService(deps).ranked(pid)).filter((p) => p.result.band === band).length,
});

export const premisesPlanFigures = [
  byColour('red', 'Licensed premises on red (licence review considered)', false),
  byColour('amber', 'Licensed premises on amber (action plan)', false),
  byColour('green', 'Licensed premises on green', true),
] as const;
