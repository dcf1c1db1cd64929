/**
 * Repeat victims recognised across every team's records now, as evidence for the partnership's
 * action plan (action 12). Registered by the composition root (src/plan-figures.ts).
 */
import type { AppDeps } from '../platform/module.js';
import { PeopleService } from './service.js';

export const peoplePlanFigures = [
  {
    key: 'people.repeat-victims',
    label: 'Repeat victims recognised across all teams',
    actions: [12],
    detailHref: '/people/repeats',
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    value: async (deps: AppDeps, pid: string) => (await new PeopleService(deps).repeatVictims(pid)).length,
  },
] as const;
