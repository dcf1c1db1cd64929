import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { londonInstant, meetingDates, nthWeekdayOfMonth, ruleDates } from './schedule.js';

describe('meeting schedules', () => {
  it('finds the nth and the last weekday of a month', () => {
    assert.equal(nthWeekdayOfMonth(2027, 1, 1, 3), '2027-01-06'); // first Wednesday
    assert.equal(nthWeekdayOfMonth(2027, 1, 3, 3), '2027-01-20');
    assert.equal(nthWeekdayOfMonth(2026, 3, -1, 0), '2026-03-29'); // last Sunday of March: clocks go forward
    assert.equal(nthWeekdayOfMonth(2026, 10, -1, 0), '2026-10-25'); // last Sunday of October: clocks go back
  });

  it('gives monthly, quarterly, fortnightly and weekly dates', () => {
    assert.deepEqual(ruleDates({ kind: 'monthly', nth: 2, weekday: 2 }, '2027-01-01', '2027-03-31'), [
      '2027-01-12',
      '2027-02-09',
      '2027-03-09',
    ]);
    assert.deepEqual(
      ruleDates({ kind: 'quarterly', nth: 1, weekday: 4, firstMonth: 3 }, '2027-01-01', '2027-12-31'),
      ['2027-03-04', '2027-06-03', '2027-09-02', '2027-12-02'],
    );
    assert.deepEqual(ruleDates({ kind: 'fortnightly', anchor: '2026-12-02' }, '2026-12-10', '2027-01-10'), [
      '2026-12-16',
      '2026-12-30',
    ]);
    assert.deepEqual(ruleDates({ kind: 'weekly', weekday: 1 }, '2026-12-09', '2026-12-28'), [
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
    ]);
  });

  it('moves a meeting off Christmas, Boxing Day and Easter Monday to the next working day, saying why', () => {
    const dec = meetingDates({ kind: 'monthly', nth: -1, weekday: 5 }, '2026-12-01', '2026-12-31');
    assert.deepEqual(dec, [
      {
        scheduledOn: '2026-12-25',
        on: '2026-12-29', // 28th is the substitute for Boxing Day (a Saturday)
        movedReason: 'Moved from Friday 25 December 2026 (Christmas Day, a bank holiday)',
      },
    ]);
    const easter = meetingDates({ kind: 'weekly', weekday: 1 }, '2027-03-22', '2027-04-05');
    assert.deepEqual(
      easter.map((d) => [d.on, d.movedReason]),
      [
        ['2027-03-22', null],
        ['2027-03-30', 'Moved from Monday 29 March 2027 (Easter Monday, a bank holiday)'],
        ['2027-04-05', null],
      ],
    );
  });

  it('keeps a London meeting time across the clock changes', () => {
    assert.equal(londonInstant('2026-03-27', '18:00').toISOString(), '2026-03-27T18:00:00.000Z'); // GMT
    assert.equal(londonInstant('2026-03-30', '18:00').toISOString(), '2026-03-30T17:00:00.000Z'); // BST
    assert.equal(londonInstant('2026-10-23', '10:00').toISOString(), '2026-10-23T09:00:00.000Z'); // BST
    assert.equal(londonInstant('2026-10-26', '10:00').toISOString(), '2026-10-26T10:00:00.000Z'); // GMT
    const nte = meetingDates({ kind: 'weekly', weekday: 1 }, '2026-10-19', '2026-10-26').map((d) =>
      londonInstant(d.on, '10:00').toISOString(),
    );
    assert.deepEqual(nte, ['2026-10-19T09:00:00.000Z', '2026-10-26T10:00:00.000Z']);
  });
});
