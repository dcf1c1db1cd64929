import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildDashboard, type JobFacts } from './dashboard.js';
import { nextJobState } from './jobs.js';

const job = (
  category: string,
  raised: string,
  hoursToClear: number | null,
  targetHours: number,
  state = hoursToClear === null ? 'raised' : 'cleared',
): JobFacts => ({
  category_code: category,
  state,
  raised_at: raised,
  target_at: new Date(new Date(raised).getTime() + targetHours * 3_600_000).toISOString(),
  cleared_at:
    hoursToClear === null
      ? null
      : new Date(new Date(raised).getTime() + hoursToClear * 3_600_000).toISOString(),
});

describe('environmental dashboard', () => {
  it('counts, medians and in-target shares by category and London month', () => {
    const jobs = [
      job('graffiti', '2026-05-03T10:00:00.000Z', 10, 24),
      job('graffiti', '2026-05-10T10:00:00.000Z', 30, 24),
      job('graffiti', '2026-05-20T10:00:00.000Z', 20, 24),
      job('graffiti', '2026-05-31T23:30:00.000Z', 5, 24), // 00:30 on 1 June in London (BST)
      job('graffiti', '2026-06-02T10:00:00.000Z', null, 24),
      job('fly-posting', '2026-06-02T10:00:00.000Z', 80, 72),
    ];
    const d = buildDashboard(jobs, '2026-06-10T00:00:00.000Z');
    assert.deepEqual(
      d.months.map((m) => m.key),
      ['2026-05', '2026-06'],
    );
    const g = d.rows.find((r) => r.category === 'graffiti')!;
    assert.deepEqual(g.months[0], {
      raised: 3,
      cleared: 3,
      clearedInTarget: 2,
      medianHoursToClear: 20,
      percentInTarget: 67,
    });
    assert.equal(g.months[1].raised, 2);
    assert.equal(g.months[1].cleared, 1);
    assert.equal(g.open, 1);
    assert.equal(g.overdue, 1);
    const f = d.rows.find((r) => r.category === 'fly-posting')!;
    assert.equal(f.total.percentInTarget, 0);
    assert.equal(d.total.raised, 6);
    assert.equal(d.total.medianHoursToClear, 20); // 5, 10, 20, 30, 80
  });
});

describe('job lifecycle', () => {
  it('allows only the transitions in the table', () => {
    assert.equal(nextJobState('raised', 'schedule'), 'scheduled');
    assert.equal(nextJobState('scheduled', 'start'), 'in-progress');
    assert.equal(nextJobState('in-progress', 'clear'), 'cleared');
    assert.equal(nextJobState('cleared', 'start'), null);
    assert.equal(nextJobState('in-progress', 'schedule'), null);
    assert.equal(nextJobState('cancelled', 'reopen'), 'raised');
  });
});
