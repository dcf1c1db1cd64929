import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from './calendar-date.js';
import {
  addCalendarMonths,
  addWorkingDays,
  bankHolidayOn,
  bankHolidays,
  easterSunday,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.js';

// Published on gov.uk/bank-holidays for England and Wales.
const OFFICIAL: Record<number, string[]> = {
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

describe('bank holidays', () => {
  for (const [year, days] of Object.entries(OFFICIAL)) {
    it(`match the official list for ${year}`, () => {
      const computed = bankHolidays(Number(year)).map((h) => h.date);
      assert.deepEqual(
        computed,
        days.map((d) => `${year}-${d}`),
      );
    });
  }

  it('apply the proclaimed changes and one-offs of 2020, 2022 and 2023', () => {
    const dates = (y: number) => bankHolidays(y).map((h) => h.date);
    assert.ok(dates(2020).includes('2020-05-08'));
    assert.ok(!dates(2020).includes('2020-05-04'));
    assert.deepEqual(dates(2022), [
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    assert.ok(dates(2023).includes('2023-05-08'));
    assert.equal(dates(2023).length, 9);
  });

  it('substitute New Year when 1 January falls on a Saturday or a Sunday', () => {
    const ny2022 = bankHolidayOn('2022-01-03'); // 1 Jan 2022 was a Saturday
    assert.equal(ny2022?.name, 'New Year’s Day');
    assert.equal(ny2022?.substitute, true);
    assert.ok(isBankHoliday('2023-01-02')); // 1 Jan 2023 was a Sunday
    assert.ok(!isBankHoliday('2022-01-01'));
  });

  it('move Christmas and Boxing Day off a weekend in every arrangement', () => {
    // Christmas on Saturday (2027), Sunday (2022), Friday (2026), Thursday (2025)
    assert.deepEqual(
      bankHolidays(2027)
        .slice(-2)
        .map((h) => [h.date, h.name, h.substitute]),
      [
        ['2027-12-27', 'Christmas Day', true],
        ['2027-12-28', 'Boxing Day', true],
      ],
    );
    assert.deepEqual(
      bankHolidays(2022)
        .slice(-2)
        .map((h) => [h.date, h.name, h.substitute]),
      [
        ['2022-12-26', 'Boxing Day', false],
        ['2022-12-27', 'Christmas Day', true],
      ],
    );
    assert.deepEqual(
      bankHolidays(2026)
        .slice(-2)
        .map((h) => h.date),
      ['2026-12-25', '2026-12-28'],
    );
  });

  it('compute Easter Sunday for known years, including the earliest and latest dates', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2027), '2027-03-28');
    assert.equal(easterSunday(2008), '2008-03-23');
    assert.equal(easterSunday(2038), '2038-04-25'); // latest possible
    assert.equal(easterSunday(2285), '2285-03-22'); // earliest possible
  });

  it('always give eight or more holidays, on weekdays, for a century of years', () => {
    for (let y = 1978; y <= 2100; y++) {
      const list = bankHolidays(y);
      assert.ok(list.length >= 8, `${y} has ${list.length}`);
      assert.equal(new Set(list.map((h) => h.date)).size, list.length, `${y} has a duplicate date`);
      for (const h of list) assert.ok(!['Sat', 'Sun'].includes(weekday(h.date)), `${h.date} ${h.name}`);
    }
  });

  it('refuse years the rules do not cover', () => {
    assert.throws(() => bankHolidays(1977), /1978/);
    assert.throws(() => isBankHoliday('1970-01-01'), /1978/);
  });
});

describe('working days', () => {
  it('skip weekends and bank holidays', () => {
    assert.equal(isWorkingDay('2026-05-25'), false); // spring bank holiday Monday
    assert.equal(isWorkingDay('2026-05-23'), false); // Saturday
    assert.equal(isWorkingDay('2026-05-26'), true);
  });

  it('cross Christmas and New Year', () => {
    assert.equal(addWorkingDays('2026-12-23', 2), '2026-12-29');
    assert.equal(addWorkingDays('2026-12-24', 1), '2026-12-29');
    assert.equal(addWorkingDays('2026-12-31', 1), '2027-01-04');
    assert.equal(addWorkingDays('2027-12-24', 1), '2027-12-29'); // Christmas on a Saturday
    assert.equal(workingDaysBetween('2026-12-23', '2027-01-04'), 5); // 24, 29, 30, 31 Dec; 4 Jan
  });

  it('cross Easter 2027', () => {
    // Good Friday 26 March, Easter Monday 29 March 2027
    assert.equal(addWorkingDays('2027-03-25', 1), '2027-03-30');
    assert.equal(addWorkingDays('2027-03-24', 5), '2027-04-02');
    assert.equal(workingDaysBetween('2027-03-25', '2027-03-30'), 1);
  });

  it('treat a bank holiday Monday like a weekend day', () => {
    assert.equal(addWorkingDays('2025-08-22', 1), '2025-08-26'); // Fri before summer bank holiday
    assert.equal(addWorkingDays('2025-08-25', 1), '2025-08-26'); // counted from the holiday itself
    assert.equal(addWorkingDays('2025-08-26', -1), '2025-08-22');
  });

  it('count from a weekend start, and handle zero and negative counts', () => {
    assert.equal(addWorkingDays('2026-03-07', 2), '2026-03-10'); // Saturday -> Tuesday
    assert.equal(addWorkingDays('2026-03-07', 0), '2026-03-07');
    assert.equal(addWorkingDays('2026-03-10', -2), '2026-03-06');
    assert.equal(workingDaysBetween('2026-03-10', '2026-03-06'), -2);
    assert.equal(workingDaysBetween('2026-03-10', '2026-03-10'), 0);
    assert.equal(nextWorkingDayOnOrAfter('2026-12-25'), '2026-12-29');
    assert.equal(nextWorkingDayOnOrAfter('2026-12-29'), '2026-12-29');
  });

  it('make addWorkingDays and workingDaysBetween inverses over a year of start dates', () => {
    for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
      for (const n of [1, 2, 5, 12, 15]) {
        const due = addWorkingDays(d, n);
        assert.equal(workingDaysBetween(d, due), n, `${d} + ${n}`);
        assert.ok(isWorkingDay(due));
        assert.equal(
          addWorkingDays(due, -n),
          isWorkingDay(d) ? d : addWorkingDays(nextWorkingDayOnOrAfter(d), -1),
        );
      }
    }
  });

  it('refuse malformed or impossible dates, naming the value', () => {
    assert.throws(() => addWorkingDays('2026-02-30', 1), /2026-02-30/);
    assert.throws(() => addWorkingDays('26/12/2026', 1), /YYYY-MM-DD/);
    assert.throws(() => addWorkingDays('2026-12-01', 1.5), /whole number/);
  });
});

describe('addCalendarMonths', () => {
  it('keeps the day of the month when it exists', () => {
    assert.equal(addCalendarMonths('2026-01-15', 1), '2026-02-15');
    assert.equal(addCalendarMonths('2026-08-15', -6), '2026-02-15');
    assert.equal(addCalendarMonths('2026-11-30', 2), '2027-01-30');
  });

  it('clamps to the last day of a shorter month', () => {
    assert.equal(addCalendarMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addCalendarMonths('2025-03-31', -1), '2025-02-28');
    assert.equal(addCalendarMonths('2025-08-31', 1), '2025-09-30');
    assert.equal(addCalendarMonths('2024-02-29', 12), '2025-02-28');
  });

  it('gives the same answers whatever the machine time zone (dates cross a BST change)', () => {
    assert.equal(addCalendarMonths('2026-03-29', 1), '2026-04-29');
    assert.equal(addCalendarMonths('2026-10-25', -7), '2026-03-25');
  });
});

function weekday(d: string): string {
  return new Date(`${d}T12:00:00Z`).toUTCString().slice(0, 3);
}
