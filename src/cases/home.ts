import type { AppDeps, HomeCard, HomeLine } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import type { CaseServices } from './services.js';

/** The user's own case work: actions, cases they lead, contacts and reassessments due, powers expiring. */
export async function casesHome(
  _deps: AppDeps,
  user: CurrentUser,
  services: { cases: CaseServices },
): Promise<HomeCard | null> {
  if (!can(user.role, 'cases.read')) return null;
  // Counts only, so the home page does not enter the audit log as a view of the cases.
  const work = await services.cases.myWork({ user }, { audit: false });
  const overdueActions = work.actions.filter((a) => a.overdue).length;
  const lines: HomeLine[] = [
    {
      text: `${work.actions.length} open ${work.actions.length === 1 ? 'action' : 'actions'} for you or your team`,
      href: '/my-work',
    },
    {
      text: `${work.spocCaseCount} ${work.spocCaseCount === 1 ? 'case' : 'cases'} where you are the single point of contact`,
      href: '/cases',
    },
  ];
  if (overdueActions)
    lines.push({
      text: `${overdueActions} ${overdueActions === 1 ? 'action is' : 'actions are'} overdue`,
      href: '/my-work',
      warn: true,
    });
  if (work.overdueContacts.length)
    lines.push({
      text: `${work.overdueContacts.length} victim contacts overdue`,
      href: '/my-work',
      warn: true,
    });
  if (work.reassessments.length)
    lines.push({
      text: `${work.reassessments.length} risk reassessments due within a week`,
      href: '/my-work',
    });
  if (work.expiring.length)
    lines.push({ text: `${work.expiring.length} powers expiring within 14 days`, href: '/expiring-soon' });
  return { title: 'Your cases', href: '/my-work', lines };
}
