/**
 * The ASB Case Review figures as evidence for the partnership's action plan (action 4), from the
 * same statistics the partnership publishes. Registered by the composition root (src/plan-figures.ts).
 */
import type { AppDeps } from '../platform/module.js';
import { statisticsFor } from './statistics-service.js';

interface Window {
  from: string;
  to: string;
}

const figure = (
  key: string,
  label: string,
  pick: (s: Awaited<ReturnType<typeof statisticsFor>>) => number,
  higherIsBetter = true,
) => ({
  key,
  label,
  actions: [4],
  detailHref: '/case-reviews',
  unit: 'count' as const,
  periodic: true,
  higherIsBetter,
  value: async (deps: AppDeps, pid: string, w: Window) =>
    pick(await statisticsFor(deps, pid, { from: w.from, to: w.to })),
});

export const caseReviewPlanFigures = [
  figure('case-review.applications', 'ASB Case Review applications received', (s) => s.applicationsReceived),
  figure(
    'case-review.threshold-not-met',
    'ASB Case Review applications where the threshold was not met',
    (s) => s.thresholdNotMet,
    false,
  ),
  figure('case-review.reviews', 'ASB Case Reviews carried out', (s) => s.reviewsCarriedOut),
  figure(
    'case-review.recommendations',
    'ASB Case Reviews that made recommendations',
    (s) => s.reviewsWithRecommendations,
  ),
] as const;
