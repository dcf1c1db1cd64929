import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { CaseReviewService } from '../service.js';
import { ThresholdService } from '../threshold-service.js';
import { ReviewService } from '../review-service.js';
import { registerPublicRoutes } from './public.js';
import { registerApplyRoutes } from './apply.js';
import { registerStaffRoutes } from './staff.js';
import { registerActionRoutes } from './actions.js';
import { registerThresholdRoutes } from './threshold.js';
import { registerReviewRoutes } from './review.js';

export function registerCaseReviewRoutes(app: FastifyInstance, deps: AppDeps): void {
  const s = new CaseReviewService(deps);
  const review = new ReviewService(s);
  registerPublicRoutes(app, s);
  registerApplyRoutes(app, s);
  registerStaffRoutes(app, s);
  registerActionRoutes(app, s, review);
  registerThresholdRoutes(app, s, new ThresholdService(s));
  registerReviewRoutes(app, s, review);
}
