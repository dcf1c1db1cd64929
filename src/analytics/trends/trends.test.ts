import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hourWeekdayMatrix } from './hour-weekday.js';
import { monthlyTrend, normalQuantile, poissonQuantile } from './monthly.js';
import { rankRepeatLocations } from './repeat-locations.js';

describe('hour x weekday', () => {
  it('counts instants in London time and skips date-only records', () => {
    const m = hourWeekdayMatrix([
      '2024-07-01T23:30:00Z', // BST: Tuesday 00:30
      '2024-01-01T23:30:00Z', // GMT: Monday 23:30
      new Date('2024-01-06T12:00:00Z'), // Saturday 12:00
      Date.parse('2024-01-07T09:15:00Z'), // Sunday 09:15
      '2024-07-01',
      null,
      'not a date',
    ]);
    assert.equal(m.counted, 4);
    assert.equal(m.skipped, 3);
    assert.equal(m.counts[1][0], 1);
    assert.equal(m.counts[0][23], 1);
    assert.equal(m.counts[5][12], 1);
    assert.equal(m.counts[6][9], 1);
    assert.equal(
      m.counts.flat().reduce((a, b) => a + b, 0),
      4,
    );
  });
});

describe('monthly trend', () => {
  const months = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([m, n]) => Array<string>(n).fill(m));

  it('alerts on a month well above its recent history, and gives year-on-year change', () => {
    const counts: Record<string, number> = {};
    const base = [20, 22, 19, 21, 18, 23, 20, 22, 21, 19, 20, 22];
    base.forEach((n, i) => (counts[`2023-${String(i + 1).padStart(2, '0')}`] = n));
    counts['2024-01'] = 24; // within noise
    counts['2024-02'] = 40; // well above
    const trend = monthlyTrend(months(counts));
    const jan = trend.find((t) => t.month === '2024-01')!;
    const feb = trend.find((t) => t.month === '2024-02')!;
    assert.equal(jan.alert, false);
    assert.equal(feb.alert, true);
    assert.ok(feb.threshold! > 25 && feb.threshold! < 40);
    assert.equal(feb.yearBefore, 22);
    assert.equal(feb.yearOnYearChange, 18);
    assert.ok(Math.abs(feb.yearOnYearRatio! - 18 / 22) < 1e-12);
    assert.equal(trend[0].baseline, null, 'no baseline without history');
    assert.equal(trend[0].yearBefore, null);
  });

  it('does not alert on a difference of one or two over a flat history', () => {
    const flat: Record<string, number> = {};
    for (let i = 1; i <= 12; i++) flat[`2023-${String(i).padStart(2, '0')}`] = 5;
    flat['2024-01'] = 7;
    const trend = monthlyTrend(months(flat));
    assert.equal(trend.at(-1)!.alert, false);
  });

  it('counts a month without records as zero', () => {
    const trend = monthlyTrend(['2024-01', '2024-03']);
    assert.deepEqual(
      trend.map((t) => [t.month, t.count]),
      [
        ['2024-01', 1],
        ['2024-02', 0],
        ['2024-03', 1],
      ],
    );
  });

  it('computes Poisson and normal quantiles', () => {
    assert.equal(poissonQuantile(10, 0.975), 17); // P(X <= 16) = 0.973, P(X <= 17) = 0.986
    assert.equal(poissonQuantile(0, 0.975), 0);
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
    assert.ok(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-6);
    const big = poissonQuantile(1000, 0.975);
    assert.ok(big >= 1061 && big <= 1063, `${big}`);
  });
});

describe('repeat locations', () => {
  it('ranks places by count and by change between periods', () => {
    const rec = (location: string, when: string, n: number) =>
      Array.from({ length: n }, () => ({ location, when }));
    const records = [
      ...rec('Station', '2024-04', 5),
      ...rec('Station', '2024-01', 5),
      ...rec('Pub', '2024-05-02', 3),
      ...rec('Pub', '2024-02-10', 1),
      ...rec('Market', '2024-06', 2),
      ...rec('Market', '2024-03', 6),
      ...rec('Alley', '2024-04', 3),
      ...rec('Park', '2023-01', 9),
    ];
    const r = rankRepeatLocations(records, {
      current: { from: '2024-04', to: '2024-06' },
      previous: { from: '2024-01', to: '2024-03' },
    });
    assert.deepEqual(
      r.byCount.map((e) => [e.location, e.count]),
      [
        ['Station', 5],
        ['Alley', 3],
        ['Pub', 3],
        ['Market', 2],
      ],
    );
    assert.deepEqual(
      r.byRise.map((e) => [e.location, e.change]),
      [
        ['Alley', 3],
        ['Pub', 2],
      ],
    );
    assert.deepEqual(
      r.byFall.map((e) => [e.location, e.change]),
      [['Market', -4]],
    );
  });
});

describe('monthly trend over a set span', () => {
  it('counts months without records at either end as 0', () => {
    const t = monthlyTrend(['2024-03', '2024-03', '2024-05'], { span: { from: '2024-01', to: '2024-06' } });
    assert.deepEqual(
      t.map((p) => [p.month, p.count]),
      [
        ['2024-01', 0],
        ['2024-02', 0],
        ['2024-03', 2],
        ['2024-04', 0],
        ['2024-05', 1],
        ['2024-06', 0],
      ],
    );
  });
});
