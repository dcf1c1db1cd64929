import type { AppDeps, HomeCard } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import type { PeopleServices } from './services.js';

/** Possible matches waiting for a decision, for those who review them. */
export async function peopleHome(
  _deps: AppDeps,
  user: CurrentUser,
  services: { people: PeopleServices },
): Promise<HomeCard | null> {
  if (!can(user.role, 'people.review')) return null;
  const n = (await services.people.review.pendingGroups(user.partnershipId)).length;
  return {
    title: 'Repeat identification',
    href: '/people/review',
    lines: [
      { text: `${n} possible ${n === 1 ? 'match' : 'matches'} to review`, href: '/people/review' },
      { text: 'Repeat victims, complainants, perpetrators and locations', href: '/people/repeats' },
    ],
  };
}
