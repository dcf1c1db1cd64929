import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { locate, isCityPostcode } from './locate.js';
import { PLACES, findPlace } from './gazetteer.js';
import { cityBoundary } from './boundary.js';

describe('City boundary and gazetteer', () => {
  it('has every gazetteer place inside the City boundary', () => {
    const b = cityBoundary();
    const outside = PLACES.filter((p) => !b.contains(p.lat, p.lng)).map((p) => p.name);
    assert.deepEqual(outside, []);
  });
  it('puts Westminster, Shoreditch and the South Bank outside', () => {
    const b = cityBoundary();
    assert.equal(b.contains(51.5007, -0.1246), false); // Westminster
    assert.equal(b.contains(51.5265, -0.0786), false); // Shoreditch
    assert.equal(b.contains(51.5055, -0.0905), false); // Borough, south of the river
    assert.equal(b.contains(51.5142, -0.0937), true); // Cheapside
  });
  it('finds places by name, alias and within a phrase, ignoring case and St/Street', () => {
    assert.equal(findPlace('cheapside')?.name, 'Cheapside');
    assert.equal(findPlace('Outside 10 Fenchurch St')?.name, 'Fenchurch Street');
    assert.equal(findPlace('Smithfield')?.name, 'West Smithfield');
    assert.equal(findPlace('by liverpool street station')?.name, 'Liverpool Street station');
    assert.equal(findPlace('Acacia Avenue'), null);
  });
});

describe('locating what a reporter gives', () => {
  it('accepts a City postcode with its district centre', () => {
    const r = locate({ text: 'ec2v 6dn' });
    assert.equal(r.status, 'found');
    if (r.status === 'found') {
      assert.equal(r.postcode, 'EC2V 6DN');
      assert.equal(r.precision, 'postcode');
      assert.ok(r.lat && cityBoundary().contains(r.lat, r.lng!));
    }
  });
  it('says a postcode outside EC1-EC4 is outside the area', () => {
    assert.equal(locate({ text: 'SW1A 2AA' }).status, 'outside');
    assert.equal(locate({ text: 'E1 6AN' }).status, 'outside');
    assert.equal(isCityPostcode('EC4M 7AA'), true);
    assert.equal(isCityPostcode('E14 5AB'), false);
  });
  it('prefers a map pin and finds its context', () => {
    const r = locate({ text: '', lat: 51.5203, lng: -0.0948 });
    assert.equal(r.status, 'found');
    if (r.status === 'found') assert.ok(r.contexts.includes('barbican-estate'));
    assert.equal(locate({ lat: 51.5007, lng: -0.1246 }).status, 'outside');
  });
  it('knows walkways and licensed-premises places', () => {
    const r = locate({ text: 'Barbican Highwalk' });
    assert.ok(r.status === 'found' && r.contexts.includes('walkway'));
  });
  it('reports unknown and missing input', () => {
    assert.equal(locate({ text: 'Nowhere in particular' }).status, 'unknown');
    assert.equal(locate({ text: '  ' }).status, 'missing');
  });
});
