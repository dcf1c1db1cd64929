import type { AppModule } from '../platform/module.js';

export const caseReviewModule: AppModule = {
  name: 'case-review',
};
