import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dueAt, isOverdue, median, slaHoursFor, hoursBetween } from './sla.js';
import { londonParts } from './seed/timing.js';
import { TZDate } from '@date-fns/tz';

describe('service-level targets', () => {
  it('adds the target hours to the creation time', () =>
    assert.equal(dueAt('2026-11-28T09:00:00.000Z', 24), '2026-11-29T09:00:00.000Z'));
  it('answers hate incidents within 24 hours whatever the category target', () => {
    assert.equal(slaHoursFor(120, true), 24);
    assert.equal(slaHoursFor(12, true), 12);
    assert.equal(slaHoursFor(120, false), 120);
  });
  it('marks only open reports past their due time as overdue', () => {
    assert.equal(
      isOverdue({ state_kind: 'open', due_at: '2026-01-01T00:00:00.000Z' }, '2026-01-02T00:00:00.000Z'),
      true,
    );
    assert.equal(
      isOverdue({ state_kind: 'closed', due_at: '2026-01-01T00:00:00.000Z' }, '2026-01-02T00:00:00.000Z'),
      false,
    );
    assert.equal(
      isOverdue({ state_kind: 'open', due_at: '2026-01-03T00:00:00.000Z' }, '2026-01-02T00:00:00.000Z'),
      false,
    );
  });
  it('computes medians and hours between times', () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(hoursBetween('2026-01-01T00:00:00.000Z', '2026-01-01T12:30:00.000Z'), 12.5);
  });
});

describe('London local time for demo data', () => {
  it('agrees with the time-zone database every half hour for three years, across clock changes', () => {
    let mismatches = 0;
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 1_800_000) {
      const a = londonParts(t);
      const z = new TZDate(t, 'Europe/London');
      if (a.dow !== z.getDay() || a.hour !== z.getHours() || a.month !== z.getMonth()) mismatches++;
    }
    assert.equal(mismatches, 0);
  });
});
