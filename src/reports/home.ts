import type { AppDeps, HomeCard, HomeLine } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import { ReportRepository } from './repository.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The user's team queue (every team's, for administrators): open, past target, assigned to them. */
export async function reportsHome(deps: AppDeps, user: CurrentUser): Promise<HomeCard | null> {
  if (!can(user.role, 'reports.read')) return null;
  const isAdmin = user.role === 'administrator';
  if (!isAdmin && !user.teamId) return null;
  const repo = new ReportRepository(deps.db);
  const base = {
    partnershipId: user.partnershipId,
    teamId: isAdmin ? null : user.teamId!,
    state: 'open',
    now: deps.clock.iso(),
  };
  const [open, overdue, mine] = await Promise.all([
    repo.queueCount(base),
    repo.queueCount({ ...base, overdue: true }),
    isAdmin ? Promise.resolve(0) : repo.queueCount({ ...base, assigned: user.id }),
  ]);
  const lines: HomeLine[] = [{ text: plural(open, 'open report', 'open reports'), href: '/queue' }];
  if (overdue)
    lines.push({ text: `${overdue} past the target time`, href: '/queue?overdue=yes', warn: true });
  if (!isAdmin) lines.push({ text: `${mine} assigned to you`, href: '/queue?assigned=me' });
  return {
    title: isAdmin ? 'Reports: every team' : `Reports: ${user.teamName ?? 'your team'}`,
    href: '/queue',
    lines,
  };
}
