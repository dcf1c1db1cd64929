/**
 * The composition root: every module's services are built here, once, at start-up (the web app,
 * the job runner and each command), and handed to routes, home cards, jobs and commands. A module
 * asks for the services of the modules below it through its constructor's `uses`, and a lower
 * module reads a higher one only through an interface it declares (people's PersonRecordSources).
 */
import type { AppDeps } from './platform/module.js';
import { createPlatformServices } from './platform/services.js';
import { createPartnershipServices } from './partnership/services.js';
import { createPeopleServices } from './people/services.js';
import { createReportServices } from './reports/services.js';
import { createCaseServices } from './cases/services.js';
import { createCaseReviewServices } from './case-review/services.js';
import { createPremisesServices } from './premises/services.js';
import { createAnalyticsServices } from './analytics/services.js';
import { createPlanServices } from './plan/services.js';
import { createOperationsServices } from './operations/services.js';
import { operationsPersonReferences } from './operations/person-references-repository.js';
import { reportPersonReferences } from './reports/person-references-repository.js';
import { casePersonReferences } from './cases/person-references-repository.js';
import { caseReviewPersonReferences } from './case-review/person-references-repository.js';
import { meetingPersonReferences } from './meetings/person-references-repository.js';
import { privacyPersonReferences } from './privacy/person-references-repository.js';
import { createMeetingServices } from './meetings/services.js';
import { NteService } from './nte/service.js';

export function createServices(deps: AppDeps) {
  const platform = createPlatformServices(deps);
  const partnership = createPartnershipServices(deps);
  const { withRecords, ...people } = createPeopleServices(deps, {
    personReferences: [
      reportPersonReferences,
      casePersonReferences,
      caseReviewPersonReferences,
      meetingPersonReferences,
      operationsPersonReferences,
      privacyPersonReferences,
    ],
  });
  const reports = createReportServices(deps, { people: people.people });
  const cases = createCaseServices(deps, { people: people.people, reports: reports.reports });
  const info = withRecords({ reports: reports.reports, cases: cases.cases });
  const premises = createPremisesServices(deps, { reports: reports.reports });
  const plan = createPlanServices(deps);
  return {
    platform,
    partnership,
    people: { ...people, info },
    reports,
    cases,
    caseReview: createCaseReviewServices(deps, { people: people.people, reports: reports.reports }),
    premises,
    analytics: createAnalyticsServices(deps, { reports: reports.reports, premises: premises.premises }),
    plan,
    meetings: createMeetingServices(deps, cases, {
      people: people.people,
      premises: premises.premises,
      plan: plan.plan,
    }),
    nte: new NteService(deps),
    operations: createOperationsServices(deps, { people: people.people, reports: reports.reports, cases }),
  };
}
export type Services = ReturnType<typeof createServices>;
