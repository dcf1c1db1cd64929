import { PeopleService } from '../../src/people/service.js';
import { syntheticPeople } from '../../src/people/linkage/synthetic.js';
import { setState } from '../../src/people/linkage-state.js';
import type { AppDeps } from '../../src/platform/module.js';

/** Background records (synthetic people) so the partnership has enough to train a model. */
export async function addBackground(deps: AppDeps, partnershipId: string, n = 200): Promise<void> {
  const people = new PeopleService(deps);
  const { records } = syntheticPeople({ records: n, seed: 3 });
  for (const r of records) {
    await people.addRecord(deps.db, {
      partnershipId,
      sourceType: 'import',
      sourceId: null,
      role: 'complainant',
      givenName: r.givenName,
      surname: r.surname,
      dob: r.dob,
      phone: r.phones?.[0],
      email: r.email,
      address: r.addressLines?.join(', '),
      postcode: r.postcode,
    });
  }
  // Train on all of them on the next save.
  setState(deps.db, partnershipId, undefined);
}
