import type { AppDeps, HomeCard } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { addDays } from '../platform/dates/index.js';
import type { MeetingServices } from './services.js';

/** The meetings card: the user's next meetings and their open meeting actions (counts only, not audited). */
export async function meetingsHome(
  _deps: AppDeps,
  user: CurrentUser,
  services: { meetings: MeetingServices },
): Promise<HomeCard | null> {
  const s = services.meetings;
  const actor = { user };
  const series = (await s.series.all(user.partnershipId)).filter((x) => {
    const chairs = x.chairList.some((c) => c.userId === user.id);
    return chairs || x.members.some((m) => m.user_id === user.id || m.agency_id === user.agencyId);
  });
  const today = s.ctx.today();
  const [meetings, actions] = await Promise.all([
    s.ctx.repo.meetings(user.partnershipId, {
      seriesIds: series.map((x) => x.id),
      from: today,
      to: addDays(today, 14),
      status: 'scheduled',
    }),
    s.conduct.myActions(actor),
  ]);
  if (!meetings.length && !actions.length) return null;
  const overdue = actions.filter((a) => a.due_on < today).length;
  return {
    title: 'Meetings',
    href: '/meetings',
    lines: [
      {
        text: `${meetings.length} meeting${meetings.length === 1 ? '' : 's'} in the next two weeks`,
        href: '/meetings',
      },
      {
        text: `${actions.length} open meeting action${actions.length === 1 ? '' : 's'}`,
        href: '/meetings#my-actions',
      },
      ...(overdue ? [{ text: `${overdue} overdue`, href: '/meetings#my-actions', warn: true }] : []),
    ],
  };
}
