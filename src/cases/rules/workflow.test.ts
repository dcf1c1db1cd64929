import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyTransition,
  availableActions,
  newCase,
  type CaseAction,
  type CaseActionInput,
  type CaseState,
} from './workflow.js';

function step<A extends CaseAction>(state: CaseState, action: A, input: CaseActionInput<A>) {
  const r = applyTransition(state, action, input);
  assert.ok(r.ok, `expected ${action} to succeed: ${r.ok ? '' : r.reason}`);
  return r;
}

function refused<A extends CaseAction>(state: CaseState, action: A, input: CaseActionInput<A>) {
  const r = applyTransition(state, action, input);
  assert.ok(!r.ok, `expected ${action} to be refused`);
  return r;
}

const told = { victimInformedOn: '2026-05-01', victimInformedHow: 'Phone call' };

describe('case workflow', () => {
  it('runs open -> in progress -> under review -> closed -> reopened', () => {
    let s = newCase('2026-04-01');
    s = step(s, 'assess', { on: '2026-04-02', riskBand: 'medium' }).state;
    assert.equal(s.status, 'in-progress');
    s = step(s, 'request-review', { on: '2026-04-20' }).state;
    assert.equal(s.status, 'under-review');
    s = step(s, 'continue-work', { on: '2026-04-21', note: 'One more visit' }).state;
    assert.equal(s.status, 'in-progress');
    s = step(s, 'request-review', { on: '2026-04-28' }).state;
    const closed = step(s, 'close', {
      on: '2026-05-01',
      reason: 'resolved',
      detail: 'No reports for 6 weeks',
      ...told,
    });
    s = closed.state;
    assert.equal(s.status, 'closed');
    assert.equal(s.closureReason, 'resolved');
    assert.equal(s.victimInformedHow, 'Phone call');
    s = step(s, 'reopen', { on: '2026-06-01', reason: 'Noise has started again' }).state;
    assert.equal(s.status, 'in-progress');
    assert.equal(s.reopenCount, 1);
    assert.equal(s.closureReason, undefined);
    assert.equal(s.victimInformedOn, undefined);
  });

  it('prompts a MARAC referral in the banner for a high-risk assessment', () => {
    const r = step(newCase('2026-04-01'), 'assess', { on: '2026-04-01', riskBand: 'high' });
    assert.match(r.banner, /MARAC/);
  });

  it('requires a closure reason, an explanation and the victim told', () => {
    const s = step(newCase('2026-04-01'), 'assess', { on: '2026-04-02', riskBand: 'standard' }).state;
    const noReason = refused(s, 'close', { on: '2026-05-01', detail: 'x', ...told } as never);
    assert.equal(noReason.errors[0].field, 'reason');
    const noDetail = refused(s, 'close', { on: '2026-05-01', reason: 'resolved', detail: ' ', ...told });
    assert.equal(noDetail.errors[0].field, 'detail');
    const notTold = refused(s, 'close', { on: '2026-05-01', reason: 'resolved', detail: 'Stopped' });
    assert.deepEqual(notTold.errors, [
      { field: 'victimInformedOn', message: 'Tell the victim the case is closing and why, and record when' },
    ]);
    const noHow = refused(s, 'close', {
      on: '2026-05-01',
      reason: 'resolved',
      detail: 'Stopped',
      victimInformedOn: '2026-05-01',
    });
    assert.equal(noHow.errors[0].field, 'victimInformedHow');
  });

  it('lets an anonymous report close without telling the victim', () => {
    const s = step(newCase('2026-04-01'), 'assess', { on: '2026-04-02', riskBand: 'standard' }).state;
    const r = step(s, 'close', {
      on: '2026-05-01',
      reason: 'resolved',
      detail: 'Stopped',
      victimNotInformedReason: 'anonymous',
    });
    assert.equal(r.state.victimNotInformedReason, 'anonymous');
    const wrong = refused(s, 'close', {
      on: '2026-05-01',
      reason: 'resolved',
      detail: 'Stopped',
      victimNotInformedReason: 'administrative',
    });
    assert.equal(wrong.errors[0].field, 'victimNotInformedReason');
  });

  it('lets an open case close unassessed only as a duplicate or in error', () => {
    const s = newCase('2026-04-01');
    const r = step(s, 'close', {
      on: '2026-04-01',
      reason: 'duplicate',
      detail: 'Same as case ASB-2026-000120',
      victimNotInformedReason: 'administrative',
    });
    assert.equal(r.state.status, 'closed');
    const early = refused(s, 'close', { on: '2026-04-02', reason: 'resolved', detail: 'x', ...told });
    assert.equal(early.errors[0].field, 'reason');
  });

  it('requires a review before a high-risk case closes', () => {
    let s = step(newCase('2026-04-01'), 'assess', { on: '2026-04-01', riskBand: 'high' }).state;
    const r = refused(s, 'close', { on: '2026-05-01', reason: 'resolved', detail: 'Stopped', ...told });
    assert.match(r.reason, /reviewed by a manager/);
    s = step(s, 'request-review', { on: '2026-05-01' }).state;
    assert.equal(
      step(s, 'close', { on: '2026-05-01', reason: 'resolved', detail: 'Stopped', ...told }).state.status,
      'closed',
    );
  });

  it('refuses actions the status does not allow, and dates before the last change', () => {
    const s = newCase('2026-04-01');
    assert.match(
      refused(s, 'reopen', { on: '2026-04-02', reason: 'x' }).reason,
      /^You cannot reopen the case when the status is open/,
    );
    assert.equal(refused(s, 'assess', { on: '2026-03-31', riskBand: 'high' }).errors[0].field, 'on');
    assert.equal(
      refused(s, 'assess', { on: '2026-04-02', riskBand: 'extreme' as never }).errors[0].field,
      'riskBand',
    );
  });

  it('lists the actions for each status', () => {
    assert.deepEqual(availableActions(newCase('2026-04-01')), ['assess', 'close']);
    assert.deepEqual(availableActions({ ...newCase('2026-04-01'), status: 'closed' }), ['reopen']);
  });
});
