import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPEAT_DEFAULTS, metresBetween, repeatLocation, roleFlags } from './repeats.js';

describe('repeat flags', () => {
  it('flags a role seen in 3 different reports, not 3 records of one report', () => {
    const three = ['r1', 'r2', 'r3'].map((sourceKey) => ({ role: 'victim', sourceKey }));
    assert.deepEqual(roleFlags(three, REPEAT_DEFAULTS), ['repeat-victim']);
    const one = ['r1', 'r1', 'r1'].map((sourceKey) => ({ role: 'victim', sourceKey }));
    assert.deepEqual(roleFlags(one, REPEAT_DEFAULTS), []);
  });

  it('measures metres on the ground', () => {
    const d = metresBetween({ lat: 51.5, lng: -0.1 }, { lat: 51.5003, lng: -0.1 });
    assert.ok(Math.abs(d - 33.4) < 0.5, String(d));
  });

  it('flags a location when 3 reports are within 50 m or share a postcode', () => {
    const p = (lat: number, postcode: string | null = null) => ({ lat, lng: -0.1, postcode, address: null });
    assert.equal(repeatLocation([p(51.5), p(51.5002), p(51.5004)], REPEAT_DEFAULTS), true);
    assert.equal(repeatLocation([p(51.5), p(51.501), p(51.502)], REPEAT_DEFAULTS), false);
    assert.equal(
      repeatLocation([p(51.5, 'EC1A 1BB'), p(51.51, 'ec1a1bb'), p(51.52, 'EC1A1BB')], REPEAT_DEFAULTS),
      true,
    );
  });
});
