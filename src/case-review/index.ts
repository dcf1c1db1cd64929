import type { AppModule } from '../platform/module.js';
import { caseReviewMigrations } from './migrations.js';
import { registerCaseReviewRoutes } from './routes/index.js';
import { seedCaseReviewDemo } from './seed.js';
import './tables.js';
import { caseReviewHome } from './home.js';
import type { CaseReviewServices } from './services.js';
import { caseReviewPersonalData } from './personal-data.js';

export const caseReviewModule: AppModule<{ caseReview: CaseReviewServices }> = {
  name: 'case-review',
  personalData: caseReviewPersonalData,
  home: caseReviewHome,
  migrations: caseReviewMigrations,
  routes: registerCaseReviewRoutes,
  seedDemo: async (ctx) => {
    await seedCaseReviewDemo(ctx);
  },
  nav: [{ label: 'Case reviews', href: '/case-reviews', permission: 'case-review.manage' }],
};

export { CaseReviewService } from './service.js';
