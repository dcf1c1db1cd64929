/** An application's deadlines from its stored dates, and the next one the partnership has to meet. */
import type { IsoDate } from '../platform/dates/calendar-date.js';
import {
  caseReviewDeadlineReport,
  deadlineStatus,
  type DeadlineSettings,
  type DeadlineWithStatus,
} from './rules/deadlines.js';
import type { CaseReviewsTable } from './tables.js';

type Dated = Pick<
  CaseReviewsTable,
  | 'status'
  | 'clock_starts_on'
  | 'duplicate_of'
  | 'acknowledged_on'
  | 'threshold_decided_on'
  | 'threshold_met'
  | 'discretionary_review'
  | 'review_held_on'
  | 'outcome_sent_on'
  | 'appeal_requested_on'
  | 'appeal_decided_on'
  | 'closure'
>;

/** Every deadline with its status today; none while it waits for consent, when withdrawn, or for a linked duplicate. */
export function deadlinesOf(r: Dated, today: IsoDate, settings: DeadlineSettings): DeadlineWithStatus[] {
  if (!r.clock_starts_on || r.closure === 'withdrawn' || r.duplicate_of) return [];
  const notMet = r.threshold_met === 0 && !r.discretionary_review;
  return caseReviewDeadlineReport(
    {
      receivedOn: r.clock_starts_on,
      acknowledgedOn: r.acknowledged_on,
      thresholdDecidedOn: r.threshold_decided_on,
      thresholdMet: r.threshold_met === null ? null : r.threshold_met === 1 || r.discretionary_review === 1,
      panelHeldOn: r.review_held_on,
      // When the threshold is not met, the decision letter is the outcome.
      outcomeSentOn: notMet ? r.threshold_decided_on : r.outcome_sent_on,
      appealRequestedOn: r.appeal_requested_on,
      appealDecidedOn: r.appeal_decided_on,
    },
    today,
    settings,
  );
}

/** The partnership's next open deadline (none for closed applications and linked duplicates). */
export function nextDeadline(
  r: Dated,
  today: IsoDate,
  settings: DeadlineSettings,
): DeadlineWithStatus | null {
  if (r.status === 'closed' || r.duplicate_of) return null;
  return deadlinesOf(r, today, settings).find((d) => d.owner === 'partnership' && !d.completedOn) ?? null;
}

export interface DueItem {
  reviewId: string;
  reference: string;
  what: string;
  dueOn: IsoDate;
  status: string;
  text: string;
  href: string;
}

const URGENT = new Set(['overdue', 'due-today', 'due-soon']);

/** A deadline that is overdue, due today or due soon, as an item for the coordinator's list. */
export function dueItem(
  base: { reviewId: string; reference: string; what: string; dueOn: IsoDate; href: string },
  today: IsoDate,
  dueSoonWorkingDays: number,
): DueItem | null {
  const s = deadlineStatus(
    { dueOn: base.dueOn, completedOn: null, owner: 'partnership' },
    today,
    dueSoonWorkingDays,
  );
  return URGENT.has(s.status) ? { ...base, status: s.status, text: s.text } : null;
}
