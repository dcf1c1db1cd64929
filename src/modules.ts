import { platformModule } from './platform/index.js';
import { partnershipModule } from './partnership/index.js';
import { peopleModule } from './people/index.js';
import { reportsModule } from './reports/index.js';
import { casesModule } from './cases/index.js';
import { caseReviewModule } from './case-review/index.js';
import { meetingsModule } from './meetings/index.js';
import { premisesModule } from './premises/index.js';
import { analyticsModule } from './analytics/index.js';
import { planModule } from './plan/index.js';
import { nteModule } from './nte/index.js';
import { operationsModule } from './operations/index.js';
import './plan-figures.js';
import { privacyModule } from './privacy/index.js';
import { useModulesForCatalogue } from './privacy/catalogue.js';

/** Every module, in dependency order (demo seeding runs in this order). */
export const allModules = [
  platformModule,
  partnershipModule,
  peopleModule,
  premisesModule,
  reportsModule,
  casesModule,
  caseReviewModule,
  analyticsModule,
  nteModule,
  planModule,
  meetingsModule,
  operationsModule,
  privacyModule,
];

useModulesForCatalogue(allModules);
