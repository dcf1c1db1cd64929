import type { AppDeps, HomeCard } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import type { PremisesServices } from './services.js';

/** How many licensed premises stand at red and amber under the Traffic Light Scheme. */
export async function premisesHome(
  _deps: AppDeps,
  user: CurrentUser,
  services: { premises: PremisesServices },
): Promise<HomeCard | null> {
  if (!can(user.role, 'premises.read')) return null;
  const ranked = await services.premises.premises.ranked(user.partnershipId);
  const count = (band: string) => ranked.filter((p) => p.result.band === band).length;
  const red = count('red');
  return {
    title: 'Licensed premises',
    href: '/premises',
    lines: [
      { text: `${red} on red`, href: '/premises', warn: red > 0 },
      { text: `${count('amber')} on amber, ${count('green')} on green`, href: '/premises' },
    ],
  };
}
