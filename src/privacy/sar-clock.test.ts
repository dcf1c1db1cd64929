import assert from 'node:assert/strict';
import { it } from 'node:test';
import { extensionRefusal, sarDueOn, sarExtendedDueOn, sarStatus } from './sar-clock.js';

it('is due one calendar month after receipt, day of receipt being day one', () => {
  assert.equal(sarDueOn('2026-03-10'), '2026-04-10'); // a Friday
  assert.equal(sarDueOn('2026-03-03'), '2026-04-07'); // 3 April is Good Friday, 6 April Easter Monday
  assert.equal(sarDueOn('2027-01-31'), '2027-03-01'); // 28 Feb 2027 is a Sunday: next working day
  assert.equal(sarDueOn('2026-01-30'), '2026-03-02'); // no 30 February: last day (Sat 28th), then Monday
  assert.equal(sarDueOn('2026-11-25'), '2026-12-29'); // 25 Dec (Fri), 28 Dec substitute Boxing Day
});

it('extends by two months only when the requester is told within the first month, never for Part 3', () => {
  const r = { receivedOn: '2026-03-03', dueOn: '2026-04-03', lawEnforcement: false, extendedTo: null };
  assert.equal(extensionRefusal(r, '2026-03-20'), null);
  assert.equal(extensionRefusal(r, '2026-04-03'), null);
  assert.match(extensionRefusal(r, '2026-04-04')!, /within the first month/);
  assert.match(extensionRefusal({ ...r, lawEnforcement: true }, '2026-03-10')!, /Part 3/);
  assert.equal(sarExtendedDueOn('2026-03-03'), '2026-06-03');
});

it('is overdue the day after it is due, unless answered', () => {
  assert.deepEqual(sarStatus({ dueOn: '2026-04-03', extendedTo: null, answered: false }, '2026-04-03'), {
    due: '2026-04-03',
    overdue: false,
    daysLeft: 0,
  });
  assert.equal(
    sarStatus({ dueOn: '2026-04-03', extendedTo: null, answered: false }, '2026-04-04').overdue,
    true,
  );
  assert.equal(
    sarStatus({ dueOn: '2026-04-03', extendedTo: null, answered: true }, '2026-04-04').overdue,
    false,
  );
});
