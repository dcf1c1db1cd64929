import type { AppModule } from '../platform/module.js';
import { caseReviewMigrations } from './migrations.js';
import { registerCaseReviewRoutes } from './routes/index.js';
import { registerCaseReviewCli } from './cli.js';
import './tables.js';

export const caseReviewModule: AppModule = {
  name: 'case-review',
  migrations: caseReviewMigrations,
  routes: registerCaseReviewRoutes,
  cli: registerCaseReviewCli,
  nav: [{ label: 'Case reviews', href: '/case-reviews', permission: 'case-review.manage' }],
};

export { CaseReviewService } from './service.js';
