import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyTransition,
  availableActions,
  newCaseReview,
  type CaseReviewAction,
  type CaseReviewActionInput,
  type CaseReviewState,
} from './workflow.js';

function step<A extends CaseReviewAction>(
  state: CaseReviewState,
  action: A,
  input: CaseReviewActionInput<A>,
) {
  const r = applyTransition(state, action, input);
  assert.ok(r.ok, `expected ${action} to succeed: ${r.ok ? '' : r.reason}`);
  return r;
}

function refused<A extends CaseReviewAction>(
  state: CaseReviewState,
  action: A,
  input: CaseReviewActionInput<A>,
) {
  const r = applyTransition(state, action, input);
  assert.ok(!r.ok, `expected ${action} to be refused`);
  return r;
}

describe('ASB Case Review workflow', () => {
  it('runs the whole path from received to closed', () => {
    let s = newCaseReview('2026-03-02', false);
    s = step(s, 'acknowledge', { on: '2026-03-03' }).state;
    assert.equal(s.status, 'acknowledged');
    const decided = step(s, 'decide-threshold', {
      on: '2026-03-06',
      met: true,
      reasons: '3 qualifying complaints',
    });
    assert.equal(decided.banner, 'Threshold met: arrange the review panel');
    s = decided.state;
    assert.equal(s.status, 'panel-pending');
    s = step(s, 'convene-panel', { on: '2026-03-09', panelOn: '2026-03-16' }).state;
    const recs = step(s, 'record-recommendations', {
      on: '2026-03-16',
      recommendations: ['Noise monitoring', 'Joint visit by police and housing'],
    });
    assert.match(recs.banner, /^2 recommendations recorded/);
    s = step(recs.state, 'send-outcome', { on: '2026-03-18' }).state;
    assert.equal(s.status, 'outcome-sent');
    s = step(s, 'close', { on: '2026-04-06' }).state;
    assert.equal(s.status, 'closed');
    assert.equal(s.closure, 'outcome-sent');
    assert.deepEqual(s.recommendations, ['Noise monitoring', 'Joint visit by police and housing']);
  });

  it('closes with reasons when the threshold is not met, and allows an appeal', () => {
    let s = step(newCaseReview('2026-03-02', false), 'acknowledge', { on: '2026-03-02' }).state;
    const r = step(s, 'decide-threshold', {
      on: '2026-03-05',
      met: false,
      reasons: 'Only 1 qualifying complaint',
    });
    s = r.state;
    assert.equal(s.status, 'closed');
    assert.equal(s.closure, 'threshold-not-met');
    assert.equal(s.thresholdReasons, 'Only 1 qualifying complaint');
    assert.match(r.banner, /how to appeal/);
    s = step(s, 'request-appeal', {
      on: '2026-03-10',
      grounds: 'Two complaints to the police were missed',
    }).state;
    assert.equal(s.status, 'appeal-requested');
    assert.equal(s.closure, undefined);
    s = step(s, 'decide-appeal', {
      on: '2026-03-20',
      upheld: true,
      reasons: 'Police complaints qualify',
    }).state;
    s = step(s, 'reopen-review', { on: '2026-03-20' }).state;
    assert.equal(s.status, 'panel-pending');
  });

  it('lets the partners review below the threshold', () => {
    const s = step(newCaseReview('2026-03-02', false), 'acknowledge', { on: '2026-03-02' }).state;
    const r = step(s, 'decide-threshold', {
      on: '2026-03-05',
      met: false,
      reasons: 'Persistent harm',
      reviewAnyway: true,
    });
    assert.equal(r.state.status, 'panel-pending');
    assert.equal(r.state.thresholdMet, false);
    assert.equal(r.state.discretionaryReview, true);
  });

  it('holds an application made on someone’s behalf until consent is recorded', () => {
    const s = newCaseReview('2026-03-02', true);
    const ack = refused(s, 'acknowledge', { on: '2026-03-03' });
    assert.equal(ack.errors[0].field, 'consentRecordedOn');
    assert.match(ack.reason, /record their written consent/);
    const held = step(s, 'hold-for-consent', { on: '2026-03-02' });
    assert.equal(held.state.status, 'awaiting-consent');
    assert.match(held.banner, /written consent/);
    refused(held.state, 'acknowledge', { on: '2026-03-03' });
    const consented = step(held.state, 'record-consent', { on: '2026-03-04' }).state;
    assert.equal(consented.status, 'received');
    assert.equal(consented.consentRecordedOn, '2026-03-04');
    assert.equal(step(consented, 'acknowledge', { on: '2026-03-04' }).state.status, 'acknowledged');
  });

  it('does not hold a victim’s own application for consent', () => {
    const r = refused(newCaseReview('2026-03-02', false), 'hold-for-consent', { on: '2026-03-02' });
    assert.equal(r.errors[0].field, 'onBehalf');
  });

  it('refuses an action the status does not allow, saying what is allowed', () => {
    const r = refused(newCaseReview('2026-03-02', false), 'send-outcome', { on: '2026-03-03' });
    assert.match(r.reason, /^You cannot send the outcome when the status is received; you can .*acknowledge/);
  });

  it('refuses missing reasons and blank recommendations, naming the field', () => {
    const s = step(newCaseReview('2026-03-02', false), 'acknowledge', { on: '2026-03-02' }).state;
    const r = refused(s, 'decide-threshold', { on: '2026-03-05', met: false, reasons: '  ' });
    assert.deepEqual(r.errors, [{ field: 'reasons', message: 'Enter the reasons for the decision' }]);
    let p = step(s, 'decide-threshold', { on: '2026-03-05', met: true, reasons: 'Met' }).state;
    p = step(p, 'convene-panel', { on: '2026-03-06', panelOn: '2026-03-12' }).state;
    const none = refused(p, 'record-recommendations', { on: '2026-03-12', recommendations: [] });
    assert.equal(none.errors[0].field, 'noRecommendationsReason');
    const blank = refused(p, 'record-recommendations', { on: '2026-03-12', recommendations: ['ok', ''] });
    assert.equal(blank.errors[0].field, 'recommendations.1');
    const early = refused(p, 'record-recommendations', { on: '2026-03-11', recommendations: ['x'] });
    assert.match(early.reason, /before the panel/);
    const ok = step(p, 'record-recommendations', {
      on: '2026-03-12',
      noRecommendationsReason: 'Response was adequate',
    });
    assert.equal(ok.banner, 'No recommendations recorded: send the outcome to the applicant');
  });

  it('refuses dates before the last change and impossible dates', () => {
    const s = step(newCaseReview('2026-03-05', false), 'acknowledge', { on: '2026-03-06' }).state;
    assert.equal(
      refused(s, 'decide-threshold', { on: '2026-03-04', met: true, reasons: 'x' }).errors[0].field,
      'on',
    );
    assert.equal(
      refused(s, 'decide-threshold', { on: '2026-02-30', met: true, reasons: 'x' }).errors[0].field,
      'on',
    );
  });

  it('allows one appeal only, and none after a withdrawal', () => {
    let s = step(newCaseReview('2026-03-02', false), 'acknowledge', { on: '2026-03-02' }).state;
    s = step(s, 'decide-threshold', { on: '2026-03-05', met: false, reasons: 'Not met' }).state;
    s = step(s, 'request-appeal', { on: '2026-03-06', grounds: 'g' }).state;
    s = step(s, 'decide-appeal', { on: '2026-03-09', upheld: false, reasons: 'Correct decision' }).state;
    refused(s, 'reopen-review', { on: '2026-03-09' });
    s = step(s, 'close', { on: '2026-03-09' }).state;
    assert.match(
      refused(s, 'request-appeal', { on: '2026-03-10', grounds: 'again' }).reason,
      /already been made/,
    );

    const w = step(newCaseReview('2026-03-02', false), 'withdraw', {
      on: '2026-03-03',
      reason: 'Problem resolved',
    }).state;
    assert.equal(w.closure, 'withdrawn');
    assert.match(
      refused(w, 'request-appeal', { on: '2026-03-04', grounds: 'g' }).reason,
      /Only a threshold refusal/,
    );
  });

  it('lists the actions available in each status', () => {
    const s = newCaseReview('2026-03-02', true);
    assert.deepEqual(availableActions(s).sort(), [
      'acknowledge',
      'hold-for-consent',
      'record-consent',
      'withdraw',
    ]);
    assert.deepEqual(availableActions({ ...s, status: 'recommendations-made' }), ['send-outcome']);
  });
});
