import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDuplicate, placeKeyOf, type EarlierApplication } from './duplicates.js';

const earlier = (over: Partial<EarlierApplication>): EarlierApplication => ({
  id: 'a1',
  reference: 'ACR-2026-000001',
  victimPersonId: 'p1',
  placeKey: placeKeyOf('Golden Lane Estate', null),
  receivedOn: '2026-03-01',
  status: 'closed',
  closure: 'outcome-sent',
  duplicateOf: null,
  ...over,
});

describe('duplicate applications', () => {
  it('reads a place the same way however it is written', () => {
    assert.equal(placeKeyOf('The Golden Lane Estate, London', null), placeKeyOf('golden lane estate', null));
    assert.equal(placeKeyOf('anything', 'ec2y 8ae'), 'pc:EC2Y8AE');
  });

  it('links the same victim and place within 6 months, to the first of the group', () => {
    const first = earlier({});
    const second = earlier({
      id: 'a2',
      reference: 'ACR-2026-000002',
      receivedOn: '2026-04-01',
      duplicateOf: 'a1',
    });
    const found = findDuplicate(
      { victimPersonId: 'p1', placeKey: placeKeyOf('Golden Lane Estate', null), receivedOn: '2026-05-01' },
      [first, second],
    );
    assert.equal(found?.of.id, 'a1');
    assert.match(found!.reason, /Same victim and same place as ACR-2026-000002/);
  });

  it('links the same victim about another place only while the first application is open', () => {
    const open = earlier({ status: 'acknowledged', closure: null });
    const c = { victimPersonId: 'p1', placeKey: placeKeyOf('Cheapside', null), receivedOn: '2026-04-01' };
    assert.match(findDuplicate(c, [open])!.reason, /still open/);
    assert.equal(findDuplicate(c, [earlier({})]), null);
  });

  it('does not link another victim, a withdrawn application, or one more than 6 months before', () => {
    const c = {
      victimPersonId: 'p1',
      placeKey: placeKeyOf('Golden Lane Estate', null),
      receivedOn: '2026-09-01',
    };
    assert.equal(findDuplicate(c, [earlier({ receivedOn: '2026-03-01' })])?.of.id, 'a1'); // exactly 6 months
    assert.equal(findDuplicate({ ...c, receivedOn: '2026-09-02' }, [earlier({})]), null);
    assert.equal(findDuplicate(c, [earlier({ victimPersonId: 'p2' })]), null);
    assert.equal(findDuplicate(c, [earlier({ closure: 'withdrawn' })]), null);
    assert.equal(findDuplicate({ ...c, victimPersonId: null }, [earlier({})]), null);
  });
});
