import type { AppDeps } from '../platform/module.js';
import type { PeopleService } from '../people/service.js';
import type { ReportService } from '../reports/service.js';
import { CaseReviewService } from './service.js';
import { ReviewService } from './review-service.js';
import { ThresholdService } from './threshold-service.js';

/** The Case Review module's services, built once by the composition root. */
export function createCaseReviewServices(
  deps: AppDeps,
  uses: { people: PeopleService; reports: ReportService },
) {
  const caseReviews = new CaseReviewService(deps, { people: uses.people });
  return {
    caseReviews,
    review: new ReviewService(caseReviews),
    threshold: new ThresholdService(caseReviews, { reports: uses.reports }),
  };
}
export type CaseReviewServices = ReturnType<typeof createCaseReviewServices>;
