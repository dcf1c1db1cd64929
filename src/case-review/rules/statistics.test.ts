import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import { caseReviewStatistics, type CaseReviewRecord } from './statistics.js';

const YEAR = { from: '2026-04-01', to: '2027-03-31' };

const records: CaseReviewRecord[] = [
  // received last year, decided this year: not met
  { id: 'A', receivedOn: '2026-03-20', thresholdDecidedOn: '2026-04-02', thresholdMet: false },
  // met, reviewed with recommendations
  {
    id: 'B',
    receivedOn: '2026-05-01',
    thresholdDecidedOn: '2026-05-06',
    thresholdMet: true,
    reviewCarriedOutOn: '2026-05-15',
    recommendationsMade: true,
  },
  // duplicate of B sent to the police as well: not counted again
  { id: 'B2', receivedOn: '2026-05-02', duplicateOf: 'B' },
  // met, reviewed, no recommendations
  {
    id: 'C',
    receivedOn: '2026-06-01',
    thresholdDecidedOn: '2026-06-04',
    thresholdMet: true,
    reviewCarriedOutOn: '2026-06-16',
    recommendationsMade: false,
  },
  // not met, but the bodies reviewed anyway and recommended
  {
    id: 'D',
    receivedOn: '2026-07-01',
    thresholdDecidedOn: '2026-07-03',
    thresholdMet: false,
    reviewCarriedOutOn: '2026-07-20',
    recommendationsMade: true,
  },
  // received at the end of the year, reviewed next year
  {
    id: 'E',
    receivedOn: '2027-03-31',
    thresholdDecidedOn: '2027-04-06',
    thresholdMet: true,
    reviewCarriedOutOn: '2027-04-15',
    recommendationsMade: true,
  },
  // awaiting a decision
  { id: 'F', receivedOn: '2027-01-10' },
];

describe('ASB Case Review statistics', () => {
  it('count the four figures by the date each event happened', () => {
    const s = caseReviewStatistics(records, YEAR);
    assert.deepEqual(s.ids, {
      applicationsReceived: ['B', 'C', 'D', 'E', 'F'],
      thresholdNotMet: ['A', 'D'],
      reviewsCarriedOut: ['B', 'C', 'D'],
      reviewsWithRecommendations: ['B', 'D'],
    });
    assert.equal(s.applicationsReceived, 5);
    assert.equal(s.thresholdNotMet, 2);
    assert.equal(s.reviewsCarriedOut, 3);
    assert.equal(s.reviewsWithRecommendations, 2);
    assert.deepEqual(s.duplicates, ['B2']);
    assert.deepEqual(s.warnings, []);
  });

  it('can follow the applications received in the period instead', () => {
    const s = caseReviewStatistics(records, YEAR, 'received-date');
    assert.deepEqual(s.ids, {
      applicationsReceived: ['B', 'C', 'D', 'E', 'F'],
      thresholdNotMet: ['D'],
      reviewsCarriedOut: ['B', 'C', 'D', 'E'],
      reviewsWithRecommendations: ['B', 'D', 'E'],
    });
  });

  it('include both ends of the period', () => {
    const s = caseReviewStatistics(records, { from: '2026-05-01', to: '2026-05-15' });
    assert.deepEqual(s.ids.applicationsReceived, ['B']);
    assert.deepEqual(s.ids.reviewsCarriedOut, ['B']);
  });

  it('count a group of duplicates once, whichever member holds the review', () => {
    const s = caseReviewStatistics(
      [
        { id: 'G', receivedOn: '2026-08-01' },
        { id: 'G2', receivedOn: '2026-08-03', duplicateOf: 'G' },
        {
          id: 'G3',
          receivedOn: '2026-08-05',
          duplicateOf: 'G2',
          reviewCarriedOutOn: '2026-09-01',
          recommendationsMade: true,
        },
        {
          id: 'G4',
          receivedOn: '2026-08-06',
          duplicateOf: 'G',
          reviewCarriedOutOn: '2026-09-02',
          recommendationsMade: false,
        },
      ],
      YEAR,
    );
    assert.equal(s.applicationsReceived, 1);
    assert.deepEqual(s.ids.reviewsCarriedOut, ['G']);
    assert.deepEqual(s.ids.reviewsWithRecommendations, ['G']);
    assert.deepEqual(s.duplicates, ['G2', 'G3', 'G4']);
  });

  it('warn about duplicates of an application not in the list, and do not count them as received', () => {
    const s = caseReviewStatistics(
      [
        {
          id: 'H2',
          receivedOn: '2026-08-01',
          duplicateOf: 'H',
          thresholdDecidedOn: '2026-08-05',
          thresholdMet: false,
        },
      ],
      YEAR,
    );
    assert.equal(s.applicationsReceived, 0);
    assert.deepEqual(s.ids.thresholdNotMet, ['H']);
    assert.match(s.warnings[0], /H2 are linked to H, which is not in the list/);
  });

  it('count a loop of duplicate links once, and warn', () => {
    const s = caseReviewStatistics(
      [
        { id: 'J', receivedOn: '2026-08-02', duplicateOf: 'K' },
        { id: 'K', receivedOn: '2026-08-01', duplicateOf: 'J' },
      ],
      YEAR,
    );
    assert.deepEqual(s.ids.applicationsReceived, ['K']);
    assert.equal(s.warnings.filter((w) => /loop/.test(w)).length, 1);
  });

  it('warn when a review does not say whether it made recommendations', () => {
    const s = caseReviewStatistics(
      [{ id: 'L', receivedOn: '2026-08-01', reviewCarriedOutOn: '2026-08-20' }],
      YEAR,
    );
    assert.equal(s.reviewsCarriedOut, 1);
    assert.equal(s.reviewsWithRecommendations, 0);
    assert.match(s.warnings[0], /L: the review is recorded without saying/);
  });

  it('refuse bad input naming the problem', () => {
    assert.throws(() => caseReviewStatistics(records, { from: '2027-01-01', to: '2026-01-01' }), ZodError);
    assert.throws(
      () => caseReviewStatistics([{ id: 'M', receivedOn: '2026-08-01', thresholdMet: true }], YEAR),
      (e: unknown) =>
        e instanceof ZodError && /record both the threshold decision and its date/.test(e.issues[0].message),
    );
    assert.throws(
      () =>
        caseReviewStatistics(
          [
            { id: 'N', receivedOn: '2026-08-01' },
            { id: 'N', receivedOn: '2026-08-02' },
          ],
          YEAR,
        ),
      /N is listed twice/,
    );
  });
});
