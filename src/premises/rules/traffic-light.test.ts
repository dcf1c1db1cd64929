import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import {
  assessPremises,
  trafficLightSettingsSchema,
  type PremisesCredit,
  type PremisesIncident,
} from './traffic-light.js';

const TODAY = '2026-06-15';
let seq = 0;
const incident = (
  type: PremisesIncident['type'],
  occurredOn = '2026-05-01',
  over: Partial<PremisesIncident> = {},
): PremisesIncident => ({
  id: `I${++seq}`,
  type,
  occurredOn,
  ...over,
});
const credit = (type: string, awardedOn = '2026-05-01'): PremisesCredit => ({
  id: `C${++seq}`,
  type,
  awardedOn,
});

function assess(incidents: PremisesIncident[], credits: PremisesCredit[] = [], settings = {}, today = TODAY) {
  return assessPremises({ incidents, credits, today }, settings);
}

describe('Traffic Light Scheme', () => {
  it('is green with nothing recorded', () => {
    const r = assess([]);
    assert.equal(r.band, 'green');
    assert.equal(r.total, 0);
    assert.equal(r.summary, 'Green: 0 points (0 penalty); green is under 6 points. No action needed.');
  });

  it('turns amber at 6 points and red at 12, with the default points', () => {
    assert.equal(assess([incident('crime'), incident('asb')]).band, 'green'); // 5
    assert.equal(assess([incident('crime'), incident('crime')]).band, 'amber'); // 6
    const eleven = assess([
      incident('crime'),
      incident('crime'),
      incident('licence-breach'),
      incident('asb'),
    ]);
    assert.equal(eleven.total, 11);
    assert.equal(eleven.band, 'amber');
    assert.match(
      eleven.summary,
      /^Amber: 11 points \(11 penalty\); amber is 6 to 11 points\. Officers work with the premises on an action plan\.$/,
    );
    const twelve = assess([
      incident('crime'),
      incident('crime'),
      incident('licence-breach'),
      incident('asb'),
      incident('noise'),
    ]);
    assert.equal(twelve.band, 'red');
    assert.match(twelve.summary, /licence review is considered/);
  });

  it('stops counting points on the day they expire, 12 months after the incident', () => {
    const old = incident('crime', '2025-06-15');
    const still = assess([old], [], {}, '2026-06-14');
    assert.equal(still.total, 3);
    assert.equal(still.items[0].status, 'counts');
    assert.match(still.items[0].note, /^3 penalty points \(the usual for crime\); counts until 2026-06-15$/);
    const gone = assess([old], [], {}, '2026-06-15');
    assert.equal(gone.total, 0);
    assert.equal(gone.items[0].status, 'expired');
    assert.match(gone.items[0].note, /expired on 2026-06-15/);
  });

  it('lets credits take points off, up to the cap and never below zero', () => {
    const seven = [incident('crime'), incident('crime'), incident('noise')];
    const withCredit = assess(seven, [credit('code-of-good-practice')]);
    assert.equal(withCredit.total, 5);
    assert.equal(withCredit.band, 'green');
    assert.match(withCredit.summary, /^Green: 5 points \(7 penalty, less 2 credit points\)/);

    const many = [
      credit('code-of-good-practice'),
      credit('best-bar-none'),
      credit('staff-training'),
      credit('cctv-provided'),
    ];
    const capped = assess([...seven, incident('crime'), incident('crime')], many); // 13 penalty, 6 credit earned
    assert.equal(capped.creditPointsEarned, 6);
    assert.equal(capped.creditPointsApplied, 4);
    assert.equal(capped.total, 9);
    assert.match(capped.summary, /less 4 of 6 credit points \(at most 4 count\)/);

    const floor = assess([incident('noise')], [credit('best-bar-none')]);
    assert.equal(floor.total, 0);
    assert.match(floor.summary, /less 1 of 2 credit points \(credits cannot take the total below 0\)/);
  });

  it('lists every item, newest first, with its points and whether it counts', () => {
    const r = assess(
      [
        incident('noise', '2026-06-01', { summary: 'Music after 23:00' }),
        incident('crime', '2025-01-01'),
        incident('asb', '2026-07-01'),
      ],
      [credit('staff-training', '2026-02-01')],
    );
    assert.deepEqual(
      r.items.map((i) => [i.kind, i.date, i.points, i.status]),
      [
        ['penalty', '2026-07-01', 2, 'not-yet'],
        ['penalty', '2026-06-01', 1, 'counts'],
        ['credit', '2026-02-01', 1, 'counts'],
        ['penalty', '2025-01-01', 3, 'expired'],
      ],
    );
    assert.equal(r.items[1].label, 'Noise complaint: Music after 23:00');
    assert.equal(r.total, 0);
  });

  it('accepts officer-set points with a reason, and refuses them without one', () => {
    const r = assess([
      incident('crime', '2026-05-01', { points: 8, pointsReason: 'Serious assault at the door' }),
    ]);
    assert.equal(r.total, 8);
    assert.match(r.items[0].note, /set by an officer: Serious assault at the door/);
    assert.throws(
      () => assess([incident('crime', '2026-05-01', { points: 8 })]),
      (e: unknown) => e instanceof ZodError && e.issues[0].path.join('.') === 'incidents.0.pointsReason',
    );
  });

  it('says when expiring points alone will change the colour', () => {
    const r = assess([
      incident('crime', '2025-08-01'),
      incident('crime', '2026-01-10'),
      incident('noise', '2026-06-01'),
    ]);
    assert.equal(r.band, 'amber'); // 7
    assert.deepEqual(r.bandChange, { on: '2026-08-01', to: 'green' });
    assert.equal(assess([incident('noise')]).bandChange, null);
  });

  it('uses local points, credit kinds, expiry and bands', () => {
    const settings = {
      penaltyPoints: { noise: 3 },
      creditTypes: { 'street-marshals': { label: 'Street marshals at closing time', points: 3 } },
      penaltyExpiryMonths: 6,
      amberFrom: 3,
      redFrom: 9,
    };
    const r = assess(
      [incident('noise', '2025-12-01'), incident('noise')],
      [credit('street-marshals')],
      settings,
    );
    assert.equal(r.penaltyPoints, 3); // the December noise expired after 6 months
    assert.equal(r.total, 0);
    assert.throws(
      () => assess([], [credit('code-of-good-practice')], settings),
      (e: unknown) =>
        e instanceof ZodError &&
        e.issues[0].path.join('.') === 'credits.0.type' &&
        /street-marshals/.test(e.issues[0].message),
    );
  });

  it('refuses bands that overlap and impossible dates', () => {
    const r = trafficLightSettingsSchema.safeParse({ amberFrom: 10, redFrom: 10 });
    assert.deepEqual(r.error?.issues[0].path, ['redFrom']);
    assert.throws(() => assess([incident('crime', '2026-02-30')]), ZodError);
  });
});
