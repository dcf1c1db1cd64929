import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  compareDates,
  daysBetween,
  formatLongDate,
  fullYearsBetween,
  isIsoDate,
  isoDateSchema,
  londonDateOf,
  todayInLondon,
} from './calendar-date.js';

describe('calendar dates', () => {
  it('accept only real dates written YYYY-MM-DD', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2025-02-29'));
    assert.ok(!isIsoDate('2025-13-01'));
    assert.ok(!isIsoDate('2025-1-01'));
    assert.ok(!isIsoDate('2025-01-01T00:00:00Z'));
    assert.ok(!isIsoDate(20250101));
    assert.equal(isoDateSchema.safeParse('2025-04-31').success, false);
  });

  it('do day arithmetic across month, year and daylight-saving boundaries', () => {
    assert.equal(addDays('2026-03-28', 2), '2026-03-30'); // clocks go forward 29 March
    assert.equal(addDays('2026-10-24', 2), '2026-10-26'); // clocks go back 25 October
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
    assert.equal(daysBetween('2026-04-01', '2026-03-01'), -31);
    assert.equal(compareDates('2026-01-02', '2026-01-10'), -1);
  });

  it('take the London calendar date of an instant, in winter and in summer time', () => {
    assert.equal(londonDateOf('2026-06-30T23:30:00.000Z'), '2026-07-01'); // 00:30 BST
    assert.equal(londonDateOf('2026-12-31T23:30:00.000Z'), '2026-12-31'); // 23:30 GMT
    assert.equal(todayInLondon(new Date('2026-03-29T00:59:59.000Z')), '2026-03-29');
    assert.throws(() => londonDateOf('yesterday'), /valid instant/);
  });

  it('count whole years for ages, including birthdays on 29 February', () => {
    assert.equal(fullYearsBetween('2010-06-15', '2026-06-14'), 15);
    assert.equal(fullYearsBetween('2010-06-15', '2026-06-15'), 16);
    assert.equal(fullYearsBetween('2008-02-29', '2026-02-28'), 17);
    assert.equal(fullYearsBetween('2008-02-29', '2026-03-01'), 18);
  });

  it('write a long date for letters and pages', () => {
    assert.equal(formatLongDate('2026-12-25'), 'Friday 25 December 2026');
  });
});
