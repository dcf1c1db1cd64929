import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import type { CaseReviewServices } from '../services.js';
import { registerPublicRoutes } from './public.js';
import { registerApplyRoutes } from './apply.js';
import { registerStaffRoutes } from './staff.js';
import { registerActionRoutes } from './actions.js';
import { registerThresholdRoutes } from './threshold.js';
import { registerReviewRoutes } from './review.js';

export function registerCaseReviewRoutes(
  app: FastifyInstance,
  _deps: AppDeps,
  services: { caseReview: CaseReviewServices },
): void {
  const { caseReviews: s, review, threshold } = services.caseReview;
  registerPublicRoutes(app, s);
  registerApplyRoutes(app, s);
  registerStaffRoutes(app, s);
  registerActionRoutes(app, s, review);
  registerThresholdRoutes(app, s, threshold);
  registerReviewRoutes(app, s, review);
}
