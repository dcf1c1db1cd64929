import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWeekendNight } from './service.js';

describe('weekend nights for the night-time economy', () => {
  it('runs from Friday 18:00 to Monday 06:00 London time, in winter (GMT) and summer (BST)', () => {
    // 27 November 2026 is a Friday (GMT: London time = UTC).
    assert.equal(isWeekendNight('2026-11-27T17:59:00Z'), false);
    assert.equal(isWeekendNight('2026-11-27T18:00:00Z'), true);
    assert.equal(isWeekendNight('2026-11-29T12:00:00Z'), true); // Sunday
    assert.equal(isWeekendNight('2026-11-30T05:59:00Z'), true); // Monday before 06:00
    assert.equal(isWeekendNight('2026-11-30T06:00:00Z'), false);
    assert.equal(isWeekendNight('2026-11-25T23:00:00Z'), false); // Wednesday night
    // 3 July 2026 is a Friday; in BST 18:00 London is 17:00 UTC.
    assert.equal(isWeekendNight('2026-07-03T16:59:00Z'), false);
    assert.equal(isWeekendNight('2026-07-03T17:00:00Z'), true);
    assert.equal(isWeekendNight('2026-07-06T04:59:00Z'), true); // Monday 05:59 London
    assert.equal(isWeekendNight('2026-07-06T05:00:00Z'), false); // Monday 06:00 London
  });
});
