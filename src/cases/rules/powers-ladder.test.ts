import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import {
  POWER_KEYS,
  checkStep,
  checkSteps,
  defaultDates,
  expiringSoon,
  ladderFor,
  powerInfo,
  type PowerStepInput,
} from './powers-ladder.js';

let seq = 0;
function step(over: Partial<PowerStepInput> & Pick<PowerStepInput, 'power'>): PowerStepInput {
  seq++;
  return {
    id: `S${seq}`,
    subjectId: 'P1',
    issuedOn: '2026-03-01',
    subjectDateOfBirth: '1990-01-01',
    ...over,
  };
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('powers catalogue', () => {
  it('describes every power under both Acts', () => {
    for (const act of ['2014', '2026'] as const) {
      for (const key of POWER_KEYS) {
        const info = powerInfo(key, { act });
        assert.equal(info.key, key);
        assert.ok(info.name && info.facts.length > 0, key);
      }
    }
  });

  it('changes the limits the 2026 Act changes', () => {
    assert.deepEqual(powerInfo('dispersal-direction').maxDuration, { hours: 48 });
    assert.deepEqual(powerInfo('dispersal-direction', { act: '2026' }).maxDuration, { hours: 72 });
    assert.equal(powerInfo('community-protection-notice').fixedPenaltyMax, 100);
    assert.equal(powerInfo('community-protection-notice', { act: '2026' }).fixedPenaltyMax, 500);
    assert.match(powerInfo('civil-injunction', { act: '2026' }).name, /Respect Order/);
    assert.equal(powerInfo('community-protection-warning').minAge, 16);
    assert.equal(powerInfo('civil-injunction').minAge, 10);
  });

  it('fills in default expiry and review dates, with local review periods', () => {
    assert.deepEqual(defaultDates('acceptable-behaviour-contract', '2026-01-31'), {
      expiresOn: '2026-07-31',
      reviewOn: '2026-02-28',
      durationHours: null,
    });
    assert.deepEqual(defaultDates('dispersal-direction', '2026-03-01', { act: '2026' }), {
      expiresOn: '2026-03-04',
      reviewOn: null,
      durationHours: 72,
    });
    assert.equal(defaultDates('closure-order', '2026-03-01').expiresOn, '2026-06-01');
    assert.equal(
      defaultDates('community-protection-notice', '2026-03-01', {
        reviewDays: { 'community-protection-notice': 90 },
      }).reviewOn,
      '2026-05-30',
    );
  });

  it('refuses unknown settings values', () => {
    assert.throws(() => powerInfo('mediation', { act: '2030' as never }), ZodError);
  });
});

describe('power checks', () => {
  it('makes an expiry before issue an error naming the field', () => {
    const issues = checkStep(step({ power: 'community-protection-warning', expiresOn: '2026-02-28' }));
    assert.deepEqual(issues, [
      {
        stepId: issues[0].stepId,
        severity: 'error',
        code: 'expiresOn-before-issue',
        field: 'expiresOn',
        message: 'The expiry date (2026-02-28) is before the date it was issued (2026-03-01)',
      },
    ]);
    assert.equal(checkStep(step({ power: 'mediation', reviewOn: '2026-01-01' }))[0].field, 'reviewOn');
    const breach = checkStep(
      step({ power: 'community-protection-notice', breaches: [{ on: '2026-02-01' }] }),
    );
    assert.ok(breach.some((i) => i.field === 'breaches.0.on' && i.severity === 'error'));
  });

  it('warns of a CPN with no earlier CPW to the same person', () => {
    const cpn = step({ power: 'community-protection-notice', issuedOn: '2026-04-01' });
    assert.ok(codes(checkStep(cpn)).includes('cpn-without-cpw'));
    const cpwOther = step({ power: 'community-protection-warning', subjectId: 'P2' });
    assert.ok(codes(checkStep(cpn, [cpwOther])).includes('cpn-without-cpw'));
    const cpwLater = step({ power: 'community-protection-warning', issuedOn: '2026-04-02' });
    assert.ok(codes(checkStep(cpn, [cpwLater])).includes('cpn-without-cpw'));
    const cpw = step({ power: 'community-protection-warning', issuedOn: '2026-03-01' });
    assert.deepEqual(checkStep(cpn, [cpw, cpn]), []);
    const amber = step({ power: 'luscombe-amber', issuedOn: '2026-03-01' });
    assert.deepEqual(checkStep(cpn, [amber]), []);
  });

  it('warns of a CPW or CPN to someone under 16, and not on their 16th birthday', () => {
    const young = { subjectDateOfBirth: '2010-03-02' }; // 15 on 1 March 2026
    const cpw = checkStep(step({ power: 'community-protection-warning', ...young }));
    assert.deepEqual(codes(cpw), ['under-minimum-age']);
    assert.equal(cpw[0].field, 'subjectDateOfBirth');
    assert.match(cpw[0].message, /16 or over; they were 15 on 2026-03-01/);
    const cpn = checkStep(
      step({ power: 'community-protection-notice', subjectDateOfBirth: null, subjectAgeAtIssue: 14 }),
      [step({ power: 'community-protection-warning', issuedOn: '2026-02-01' })],
    );
    assert.deepEqual(codes(cpn), ['under-minimum-age']);
    assert.equal(cpn[0].field, 'subjectAgeAtIssue');
    assert.deepEqual(
      checkStep(step({ power: 'community-protection-warning', subjectDateOfBirth: '2010-03-01' })),
      [],
    );
  });

  it('asks for the date of birth when a CPW is given to someone of unknown age', () => {
    const issues = checkStep(step({ power: 'community-protection-warning', subjectDateOfBirth: null }));
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity]),
      [['age-unknown', 'notice']],
    );
  });

  it('warns of an injunction to someone under 10, and of a youth injunction over 12 months', () => {
    const base = {
      power: 'civil-injunction' as const,
      riskAssessmentDone: true,
      expiresOn: '2027-03-01',
      subjectDateOfBirth: null,
    };
    assert.ok(codes(checkStep(step({ ...base, subjectAgeAtIssue: 9 }))).includes('under-minimum-age'));
    assert.ok(!codes(checkStep(step({ ...base, subjectAgeAtIssue: 10 }))).includes('under-minimum-age'));
    assert.deepEqual(codes(checkStep(step({ ...base, subjectAgeAtIssue: 15 }))), []);
    assert.deepEqual(codes(checkStep(step({ ...base, subjectAgeAtIssue: 15, expiresOn: '2027-03-02' }))), [
      'youth-injunction-too-long',
    ]);
    assert.deepEqual(codes(checkStep(step({ ...base, riskAssessmentDone: null }))), [
      'injunction-no-risk-assessment',
    ]);
  });

  it('warns of a dispersal direction over its maximum for the Act in force', () => {
    const d60 = step({ power: 'dispersal-direction', durationHours: 60 });
    assert.deepEqual(codes(checkStep(d60)), ['longer-than-legal-maximum']);
    assert.match(checkStep(d60)[0].message, /at most 48 hours; this one is 60/);
    assert.deepEqual(checkStep(d60, [], { act: '2026' }), []);
    assert.deepEqual(
      codes(checkStep(step({ power: 'dispersal-direction', durationHours: 73 }), [], { act: '2026' })),
      ['longer-than-legal-maximum'],
    );
    assert.deepEqual(checkStep(step({ power: 'dispersal-direction', durationHours: 48 })), []);
  });

  it('warns of a closure notice over 24 hours without an extension, and over 48 hours at all', () => {
    const notice = (durationHours: number, extended = false) =>
      codes(checkStep(step({ power: 'closure-notice', subjectId: 'PREM-1', durationHours, extended })));
    assert.deepEqual(notice(24), []);
    assert.deepEqual(notice(30), ['closure-notice-not-extended']);
    assert.deepEqual(notice(48, true), []);
    assert.deepEqual(notice(49, true), ['longer-than-legal-maximum']);
  });

  it('warns of a closure order over 3 months without extension, and over 6 months at all', () => {
    const order = (expiresOn: string, extended = false) =>
      codes(checkStep(step({ power: 'closure-order', subjectId: 'PREM-1', expiresOn, extended })));
    assert.deepEqual(order('2026-06-01'), []);
    assert.deepEqual(order('2026-06-02'), ['closure-order-not-extended']);
    assert.deepEqual(order('2026-09-01', true), []);
    assert.deepEqual(order('2026-09-02', true), ['longer-than-legal-maximum']);
  });

  it('checks Criminal Behaviour Order lengths for adults and under-18s', () => {
    const cbo = (over: Partial<PowerStepInput>) =>
      codes(checkStep(step({ power: 'criminal-behaviour-order', convictionRecorded: true, ...over })));
    assert.deepEqual(cbo({ expiresOn: '2028-03-01' }), []);
    assert.deepEqual(cbo({ expiresOn: '2028-02-28' }), ['cbo-adult-too-short']);
    assert.deepEqual(cbo({ indefinite: true }), []);
    assert.deepEqual(cbo({}), ['cbo-no-end']);
    const youth = { subjectDateOfBirth: '2010-01-01' };
    assert.deepEqual(cbo({ ...youth, expiresOn: '2027-03-01' }), []);
    assert.deepEqual(cbo({ ...youth, expiresOn: '2029-03-01' }), []);
    assert.deepEqual(cbo({ ...youth, expiresOn: '2026-09-01' }), ['cbo-youth-duration']);
    assert.deepEqual(cbo({ ...youth, expiresOn: '2029-03-02' }), ['cbo-youth-duration']);
    assert.deepEqual(cbo({ ...youth, indefinite: true }), ['cbo-youth-no-end']);
    assert.deepEqual(cbo({ expiresOn: '2030-01-01', convictionRecorded: false }), ['cbo-without-conviction']);
  });

  it('warns of a fixed penalty over the maximum for the Act in force', () => {
    const fpn = step({ power: 'pspo-fixed-penalty', penaltyAmount: 150 });
    assert.deepEqual(codes(checkStep(fpn)), ['penalty-over-maximum']);
    assert.deepEqual(checkStep(fpn, [], { act: '2026' }), []);
  });

  it('notes an amber ticket with no green ticket first', () => {
    const amber = step({ power: 'luscombe-amber', issuedOn: '2026-03-10' });
    assert.deepEqual(codes(checkStep(amber)), ['amber-without-green']);
    assert.deepEqual(checkStep(amber, [step({ power: 'luscombe-green', issuedOn: '2026-03-01' })]), []);
  });

  it('checks a whole list, each step against the others', () => {
    const list = [
      step({ power: 'community-protection-warning', issuedOn: '2026-01-10' }),
      step({ power: 'community-protection-notice', issuedOn: '2026-02-10' }),
      step({ power: 'community-protection-notice', issuedOn: '2026-02-10', subjectId: 'P9' }),
    ];
    assert.deepEqual(
      checkSteps(list).map((i) => [i.stepId, i.code]),
      [[list[2].id, 'cpn-without-cpw']],
    );
  });
});

describe('the ladder', () => {
  const steps: PowerStepInput[] = [
    step({
      id: 'L1',
      power: 'warning-letter',
      issuedOn: '2025-10-01',
      reviewOn: '2025-11-01',
      endedOn: '2025-11-01',
    }),
    step({ id: 'L2', power: 'community-protection-warning', issuedOn: '2025-12-01', reviewOn: '2026-01-01' }),
    step({ id: 'L3', power: 'community-protection-notice', issuedOn: '2026-02-01', reviewOn: '2026-08-01' }),
    step({
      id: 'L4',
      power: 'acceptable-behaviour-contract',
      issuedOn: '2026-01-15',
      expiresOn: '2026-07-15',
      reviewOn: '2026-04-15',
    }),
    step({ id: 'L5', power: 'dispersal-direction', issuedOn: '2026-03-10', durationHours: 48 }),
    step({
      id: 'L6',
      power: 'criminal-behaviour-order',
      issuedOn: '2026-12-01',
      expiresOn: '2028-12-01',
      convictionRecorded: true,
    }),
  ];

  it('shows the highest step in force and what comes up next', () => {
    const l = ladderFor(steps, '2026-03-11');
    assert.equal(l.current?.id, 'L3');
    assert.equal(l.currentName, 'Community Protection Notice');
    assert.deepEqual(l.active.map((s) => s.id).sort(), ['L2', 'L3', 'L4', 'L5']);
    assert.deepEqual(
      l.inactive.map((s) => s.id),
      ['L1'],
    ); // the CBO is in the future, so left out
    assert.deepEqual(l.next, {
      stepId: 'L5',
      power: 'dispersal-direction',
      name: 'Dispersal direction',
      date: '2026-03-12',
      kind: 'expires',
      daysAway: 1,
    });
    assert.deepEqual(l.escalatesTo, ['civil-injunction', 'criminal-behaviour-order']);
    assert.equal(
      l.summary,
      'Community Protection Notice in force since 2026-02-01; next: Dispersal direction expires on 2026-03-12',
    );
  });

  it('moves on as steps expire, end or are added', () => {
    assert.equal(ladderFor(steps, '2026-03-20').next?.stepId, 'L4');
    assert.equal(ladderFor(steps, '2026-03-20').next?.kind, 'review');
    const later = ladderFor(steps, '2026-12-02');
    assert.equal(later.current?.id, 'L6');
    assert.equal(later.next?.date, '2028-12-01');
    const ended = ladderFor(
      [...steps.slice(0, 3).map((s) => ({ ...s, endedOn: '2026-02-15' }))],
      '2026-03-01',
    );
    assert.equal(ended.current, null);
    assert.match(
      ended.summary,
      /^Nothing in force; highest step was Community Protection Notice on 2026-02-01/,
    );
    assert.equal(ladderFor([], '2026-03-01').summary, 'No steps recorded');
  });

  it('lists expiries and reviews within a window, both ends included, soonest first', () => {
    assert.equal(expiringSoon(steps, '2026-03-11', 35).at(-1)?.date, '2026-04-15');
    const soon = expiringSoon(steps, '2026-03-11', 34);
    assert.deepEqual(
      soon.map((u) => [u.stepId, u.kind, u.date]),
      [['L5', 'expires', '2026-03-12']],
    );
    const wider = expiringSoon(steps, '2026-04-15', 91);
    assert.deepEqual(
      wider.map((u) => [u.stepId, u.kind, u.date]),
      [
        ['L4', 'review', '2026-04-15'],
        ['L4', 'expires', '2026-07-15'],
      ],
    );
    assert.equal(expiringSoon(steps, '2026-04-15', 108).at(-1)?.stepId, 'L3');
    assert.throws(() => expiringSoon(steps, '2026-04-15', -1), /days must be/);
  });
});
