import type { AppDeps } from '../platform/module.js';
import { PeopleService } from './service.js';
import { ReviewService } from './review-service.js';
import { RelinkService } from './relink.js';
import { PersonInfoService, type PersonRecordSources } from './person-info.js';

/** The people module's services, built once by the composition root. */
export function createPeopleServices(deps: AppDeps) {
  const people = new PeopleService(deps);
  return {
    people,
    review: new ReviewService(deps),
    relink: new RelinkService(deps),
    /** The person pages, once the modules holding reports and cases are built (see composition.ts). */
    withRecords: (sources: PersonRecordSources) => new PersonInfoService(deps, { people, ...sources }),
  };
}
export type PeopleCoreServices = ReturnType<typeof createPeopleServices>;
export type PeopleServices = Omit<PeopleCoreServices, 'withRecords'> & { info: PersonInfoService };
