import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lastEndedWeekend, parseFriday, weekendWindow, WeekendError } from './window.js';
import { nextLondonTime } from '../platform/dates/index.js';

describe('the weekend window of the Monday night-time-economy pack', () => {
  it('runs from Friday 18:00 to Monday 06:00 London time in winter', () => {
    const w = weekendWindow('2026-11-27');
    assert.equal(w.from, '2026-11-27T18:00:00.000Z');
    assert.equal(w.to, '2026-11-30T06:00:00.000Z');
    assert.equal(w.hours, 60);
    assert.equal(w.bankHolidayMonday, false);
  });

  it('is an hour shorter when the clocks go forward (last Sunday of March)', () => {
    const w = weekendWindow('2026-03-27'); // clocks change on Sunday 29 March 2026
    assert.equal(w.from, '2026-03-27T18:00:00.000Z'); // GMT
    assert.equal(w.to, '2026-03-30T05:00:00.000Z'); // 06:00 BST
    assert.equal(w.hours, 59);
  });

  it('is an hour longer when the clocks go back (last Sunday of October)', () => {
    const w = weekendWindow('2026-10-23'); // clocks change on Sunday 25 October 2026
    assert.equal(w.from, '2026-10-23T17:00:00.000Z'); // 18:00 BST
    assert.equal(w.to, '2026-10-26T06:00:00.000Z'); // 06:00 GMT
    assert.equal(w.hours, 61);
  });

  it('runs on to Tuesday 06:00 after a bank-holiday Monday, or not, as set', () => {
    const easter = weekendWindow('2026-04-03'); // Easter Monday 6 April 2026
    assert.equal(easter.bankHolidayMonday, true);
    assert.equal(easter.lastDay, '2026-04-07');
    assert.equal(easter.to, '2026-04-07T05:00:00.000Z');
    const notExtended = weekendWindow('2026-04-03', { bankHolidayMondayExtends: false });
    assert.equal(notExtended.to, '2026-04-06T05:00:00.000Z');
    assert.equal(weekendWindow('2026-08-28').to, '2026-09-01T05:00:00.000Z'); // summer bank holiday
  });

  it('takes its hours from the settings', () => {
    const w = weekendWindow('2026-11-27', { startTime: '20:00', endTime: '05:30' });
    assert.equal(w.from, '2026-11-27T20:00:00.000Z');
    assert.equal(w.to, '2026-11-30T05:30:00.000Z');
  });

  it('refuses a date that is not a Friday, naming the day', () => {
    assert.throws(
      () => parseFriday('2026-11-28'),
      (e: Error) => e instanceof WeekendError && /Saturday/.test(e.message),
    );
    assert.throws(() => parseFriday('27/11/2026'), /YYYY-MM-DD/);
    assert.equal(parseFriday(' 2026-11-27 '), '2026-11-27');
  });

  it('finds the weekend just ended, waiting for Tuesday after a bank holiday', () => {
    assert.equal(lastEndedWeekend('2026-11-30T06:00:00.000Z'), '2026-11-27');
    assert.equal(lastEndedWeekend('2026-11-30T05:59:00.000Z'), '2026-11-20');
    assert.equal(lastEndedWeekend('2026-04-06T06:00:00.000Z'), '2026-03-27');
    assert.equal(lastEndedWeekend('2026-04-07T05:00:00.000Z'), '2026-04-03');
  });

  it('schedules jobs at London wall-clock times', () => {
    assert.equal(nextLondonTime('2026-11-30T05:00:00.000Z', '06:00'), '2026-11-30T06:00:00.000Z');
    assert.equal(nextLondonTime('2026-11-30T06:00:00.000Z', '06:00'), '2026-12-01T06:00:00.000Z');
    assert.equal(nextLondonTime('2026-07-01T12:00:00.000Z', '06:00', 1), '2026-07-06T05:00:00.000Z');
  });
});
