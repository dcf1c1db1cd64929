import type { AppDeps } from '../platform/module.js';
import { PeopleService } from './service.js';
import { ReviewService } from './review-service.js';
import { RelinkService } from './relink.js';
import { PersonInfoService, type PersonRecordSources } from './person-info.js';
import type { PersonReferenceHolder } from './person-references.js';

/** The people module's services, built once by the composition root. */
export function createPeopleServices(
  deps: AppDeps,
  uses: { personReferences: readonly PersonReferenceHolder[] },
) {
  const people = new PeopleService(deps);
  return {
    people,
    /** Every module's person columns: merges re-point them, in the merge's transaction. */
    personReferences: uses.personReferences,
    review: new ReviewService(deps, uses.personReferences),
    relink: new RelinkService(deps, uses.personReferences),
    /** The person pages, once the modules holding reports and cases are built (see composition.ts). */
    withRecords: (sources: PersonRecordSources) => new PersonInfoService(deps, { people, ...sources }),
  };
}
export type PeopleCoreServices = ReturnType<typeof createPeopleServices>;
export type PeopleServices = Omit<PeopleCoreServices, 'withRecords'> & { info: PersonInfoService };
