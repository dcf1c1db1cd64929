import type { AppDeps, HomeCard, HomeLine } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import type { CaseReviewServices } from './services.js';

/** Case Review deadlines overdue or close, for the coordinator. */
export async function caseReviewHome(
  _deps: AppDeps,
  user: CurrentUser,
  services: { caseReview: CaseReviewServices },
): Promise<HomeCard | null> {
  if (!can(user.role, 'case-review.manage')) return null;
  const due = await services.caseReview.caseReviews.dueItems({ user });
  const overdue = due.filter((d) => d.status === 'overdue').length;
  const lines: HomeLine[] = [];
  if (overdue)
    lines.push({
      text: `${overdue} ${overdue === 1 ? 'deadline' : 'deadlines'} passed`,
      href: '/case-reviews',
      warn: true,
    });
  lines.push({ text: `${due.length - overdue} due today or soon`, href: '/case-reviews' });
  return { title: 'ASB Case Reviews', href: '/case-reviews', lines };
}
