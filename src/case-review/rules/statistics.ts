/**
 * The four figures every relevant body must publish about ASB Case Reviews at least once a year
 * (2014 Act, Schedule 4): applications received, times the threshold was not met, reviews carried
 * out, and reviews that led to recommendations.
 *
 * An application linked as a duplicate of an earlier one forms one group with it, and each group
 * counts at most once in each figure, on the earliest date any member had that event.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../../platform/dates/calendar-date.js';

export const caseReviewRecordSchema = z
  .object({
    id: z.string().min(1),
    receivedOn: isoDateSchema,
    duplicateOf: z.string().min(1).nullish(),
    thresholdDecidedOn: isoDateSchema.nullish(),
    thresholdMet: z.boolean().nullish(),
    reviewCarriedOutOn: isoDateSchema.nullish(),
    /** Whether the review made recommendations; unknown (null) is counted as none, with a warning. */
    recommendationsMade: z.boolean().nullish(),
  })
  .superRefine((r, ctx) => {
    if ((r.thresholdDecidedOn == null) !== (r.thresholdMet == null)) {
      ctx.addIssue({
        code: 'custom',
        path: [r.thresholdDecidedOn == null ? 'thresholdDecidedOn' : 'thresholdMet'],
        message: `Application ${r.id}: record both the threshold decision and its date, or neither`,
      });
    }
    if (r.duplicateOf === r.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['duplicateOf'],
        message: `Application ${r.id} cannot duplicate itself`,
      });
    }
  });

export type CaseReviewRecord = z.input<typeof caseReviewRecordSchema>;

export const statisticsPeriodSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'The period must end on or after its start' });

export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>;

/**
 * event-date: each figure counts the events that happened in the period (the usual published return).
 * received-date: each figure follows the applications received in the period, whenever decided.
 */
export type CountingBasis = 'event-date' | 'received-date';

export interface CaseReviewStatistics {
  period: StatisticsPeriod;
  basis: CountingBasis;
  applicationsReceived: number;
  thresholdNotMet: number;
  reviewsCarriedOut: number;
  reviewsWithRecommendations: number;
  /** The application ids (the first of each group) behind each figure, for checking. */
  ids: {
    applicationsReceived: string[];
    thresholdNotMet: string[];
    reviewsCarriedOut: string[];
    reviewsWithRecommendations: string[];
  };
  /** Applications folded into an earlier one. */
  duplicates: string[];
  warnings: string[];
}

type Row = z.output<typeof caseReviewRecordSchema>;

function earliest(dates: (IsoDate | null | undefined)[]): IsoDate | null {
  const present = dates.filter((d): d is IsoDate => Boolean(d)).sort();
  return present[0] ?? null;
}

/** Groups each application with the applications linked to it as duplicates, by the earliest one. */
function groupDuplicates(records: Row[], warnings: string[], missingRoots: Set<string>): Map<string, Row[]> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const rootOf = (start: Row): Row => {
    const path: Row[] = [];
    let r = start;
    while (r.duplicateOf) {
      const next = byId.get(r.duplicateOf);
      if (!next) {
        missingRoots.add(r.duplicateOf);
        return { ...r, id: r.duplicateOf };
      }
      path.push(r);
      if (path.includes(next)) {
        const first = [...path].sort(
          (a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id.localeCompare(b.id),
        )[0];
        if (start === first)
          warnings.push(
            `Applications ${path.map((p) => p.id).join(', ')} are linked to each other in a loop; counted once.`,
          );
        return first;
      }
      r = next;
    }
    return r;
  };
  const groups = new Map<string, Row[]>();
  for (const r of records) {
    const root = rootOf(r);
    const list = groups.get(root.id) ?? [];
    list.push(r);
    groups.set(root.id, list);
  }
  return groups;
}

export function caseReviewStatistics(
  recordsInput: readonly CaseReviewRecord[],
  periodInput: StatisticsPeriod,
  basis: CountingBasis = 'event-date',
): CaseReviewStatistics {
  const period = statisticsPeriodSchema.parse(periodInput);
  const records = z.array(caseReviewRecordSchema).parse(recordsInput);
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) throw new RangeError(`Application ${r.id} is listed twice`);
    seen.add(r.id);
  }
  const warnings: string[] = [];
  const missingRoots = new Set<string>();
  const groups = groupDuplicates(records, warnings, missingRoots);
  for (const id of missingRoots) {
    warnings.push(
      `Applications ${records
        .filter((r) => r.duplicateOf === id)
        .map((r) => r.id)
        .join(
          ', ',
        )} are linked to ${id}, which is not in the list: not counted again as received, their decisions and reviews counted once under ${id}.`,
    );
  }
  const inPeriod = (d: IsoDate | null) => d !== null && d >= period.from && d <= period.to;

  const ids: CaseReviewStatistics['ids'] = {
    applicationsReceived: [],
    thresholdNotMet: [],
    reviewsCarriedOut: [],
    reviewsWithRecommendations: [],
  };
  const duplicates: string[] = [];

  for (const [groupId, members] of groups) {
    // A group whose first application is missing from the list was counted as received elsewhere.
    const received = missingRoots.has(groupId) ? null : earliest(members.map((m) => m.receivedOn));
    const notMet = earliest(members.filter((m) => m.thresholdMet === false).map((m) => m.thresholdDecidedOn));
    const reviewed = earliest(members.map((m) => m.reviewCarriedOutOn));
    const recommended = earliest(
      members.filter((m) => m.recommendationsMade).map((m) => m.reviewCarriedOutOn),
    );
    for (const m of members) {
      if (m.id !== groupId) duplicates.push(m.id);
      if (m.reviewCarriedOutOn && m.recommendationsMade == null) {
        warnings.push(
          `Application ${m.id}: the review is recorded without saying whether it made recommendations; counted as none.`,
        );
      }
    }
    const counts = (event: IsoDate | null) =>
      basis === 'event-date'
        ? inPeriod(event)
        : event !== null && inPeriod(earliest(members.map((m) => m.receivedOn)));
    if (counts(received)) ids.applicationsReceived.push(groupId);
    if (counts(notMet)) ids.thresholdNotMet.push(groupId);
    if (counts(reviewed)) ids.reviewsCarriedOut.push(groupId);
    if (counts(recommended)) ids.reviewsWithRecommendations.push(groupId);
  }

  for (const list of Object.values(ids)) list.sort();
  return {
    period,
    basis,
    applicationsReceived: ids.applicationsReceived.length,
    thresholdNotMet: ids.thresholdNotMet.length,
    reviewsCarriedOut: ids.reviewsCarriedOut.length,
    reviewsWithRecommendations: ids.reviewsWithRecommendations.length,
    ids,
    duplicates: duplicates.sort(),
    warnings,
  };
}
