/**
 * The four published figures for a period, from the applications held. An application counts as
 * received on the day its clock started: the day it arrived, or for one made on someone's behalf
 * without consent, the day consent arrived (one still waiting is not yet counted). Linked
 * duplicates count once.
 */
import type { AppDeps } from '../platform/module.js';
import { addCalendarMonths, addDays, todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import {
  caseReviewStatistics,
  statisticsPeriodSchema,
  type CaseReviewStatistics,
  type StatisticsPeriod,
} from './rules/statistics.js';
import { CaseReviewRepository } from './repository.js';

export interface PublishedFigures {
  from: IsoDate;
  to: IsoDate;
  applications: number;
  thresholdNotMet: number;
  reviewsCarriedOut: number;
  reviewsWithRecommendations: number;
}

export async function statisticsFor(
  deps: AppDeps,
  partnershipId: string,
  period: StatisticsPeriod,
): Promise<CaseReviewStatistics> {
  const rows = await new CaseReviewRepository(deps.db).forStatistics(partnershipId);
  const records = rows
    .filter((r) => r.clock_starts_on)
    .map((r) => ({
      id: r.id,
      receivedOn: r.clock_starts_on!,
      duplicateOf: r.duplicate_of,
      thresholdDecidedOn: r.threshold_decided_on && r.threshold_met !== null ? r.threshold_decided_on : null,
      thresholdMet: r.threshold_decided_on && r.threshold_met !== null ? r.threshold_met === 1 : null,
      reviewCarriedOutOn: r.review_held_on,
      recommendationsMade: r.review_held_on ? (r.recommendations_count ?? 0) > 0 : null,
    }));
  return caseReviewStatistics(records, statisticsPeriodSchema.parse(period));
}

export function published(s: CaseReviewStatistics): PublishedFigures {
  return {
    from: s.period.from,
    to: s.period.to,
    applications: s.applicationsReceived,
    thresholdNotMet: s.thresholdNotMet,
    reviewsCarriedOut: s.reviewsCarriedOut,
    reviewsWithRecommendations: s.reviewsWithRecommendations,
  };
}

/** The default period: the 12 months up to today. */
export function lastTwelveMonths(now: Date): StatisticsPeriod {
  const to = todayInLondon(now);
  return { from: addDays(addCalendarMonths(to, -12), 1), to };
}

/** The financial years (April to March) that have started by today, newest first, for quick links. */
export function financialYears(now: Date, count = 3): { label: string; from: IsoDate; to: IsoDate }[] {
  const today = todayInLondon(now);
  const [y, m] = today.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return Array.from({ length: count }, (_, i) => {
    const from = start - i;
    return { label: `April ${from} to March ${from + 1}`, from: `${from}-04-01`, to: `${from + 1}-03-31` };
  });
}
