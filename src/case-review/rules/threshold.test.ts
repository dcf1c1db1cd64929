import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import { assessThreshold, thresholdSettingsSchema, type ThresholdComplaint } from './threshold.js';

const APPLIED = '2026-09-15';

let seq = 0;
function complaint(over: Partial<ThresholdComplaint> = {}): ThresholdComplaint {
  seq++;
  return {
    id: `C${seq}`,
    complainedOn: '2026-08-10',
    behaviourOn: '2026-08-08',
    agency: 'the council',
    channel: 'online',
    hate: false,
    complainantId: `P${seq}`,
    place: 'barbican-podium',
    source: 'internal',
    ...over,
  };
}

function assess(complaints: ThresholdComplaint[], settings = {}, application = {}) {
  return assessThreshold(
    {
      application: { madeOn: APPLIED, hateRelated: false, place: 'barbican-podium', ...application },
      complaints,
    },
    settings,
  );
}

function verdict(result: ReturnType<typeof assess>, id: string) {
  const v = result.complaints.find((c) => c.complaintId === id);
  assert.ok(v, `no verdict for ${id}`);
  return v;
}

describe('ASB Case Review threshold: the complaint window (1 month after the behaviour)', () => {
  it('counts a complaint made exactly 1 month after the behaviour', () => {
    const c = complaint({ behaviourOn: '2026-07-10', complainedOn: '2026-08-10' });
    const v = verdict(assess([c]), c.id);
    assert.equal(v.counted, true);
    assert.match(v.reason, /^Counts: made 31 days after the behaviour/);
  });

  it('does not count a complaint made the day after that', () => {
    const c = complaint({ behaviourOn: '2026-07-10', complainedOn: '2026-08-11' });
    const v = verdict(assess([c]), c.id);
    assert.equal(v.counted, false);
    assert.deepEqual(v.problems, ['late-complaint']);
    assert.match(
      v.reason,
      /^Made 32 days after the behaviour, over 1 month \(it needed to be made by 2026-08-10\)/,
    );
  });

  it('says how many days late a complaint was (35 days)', () => {
    const c = complaint({ behaviourOn: '2026-07-01', complainedOn: '2026-08-05' });
    assert.match(verdict(assess([c]), c.id).reason, /^Made 35 days after the behaviour, over 1 month/);
  });

  it('clamps at a month end: behaviour on 31 January must be reported by 28 February', () => {
    const inTime = complaint({ behaviourOn: '2026-01-31', complainedOn: '2026-02-28' });
    const late = complaint({ behaviourOn: '2026-01-31', complainedOn: '2026-03-01' });
    const r = assess([inTime, late], {}, { madeOn: '2026-04-01' });
    assert.equal(verdict(r, inTime.id).counted, true);
    assert.equal(verdict(r, late.id).counted, false);
  });

  it('flags a complaint dated before the behaviour it reports', () => {
    const c = complaint({ behaviourOn: '2026-08-12', complainedOn: '2026-08-10' });
    const v = verdict(assess([c]), c.id);
    assert.deepEqual(v.problems, ['before-behaviour']);
    assert.match(v.reason, /before the behaviour it reports/);
  });
});

describe('ASB Case Review threshold: the application window (6 months after the complaint)', () => {
  it('counts a complaint made exactly 6 months before the application', () => {
    const c = complaint({ behaviourOn: '2026-03-14', complainedOn: '2026-03-15' });
    assert.equal(verdict(assess([c]), c.id).counted, true);
  });

  it('does not count a complaint made the day before that', () => {
    const c = complaint({ behaviourOn: '2026-03-13', complainedOn: '2026-03-14' });
    const v = verdict(assess([c]), c.id);
    assert.equal(v.counted, false);
    assert.deepEqual(v.problems, ['too-old']);
    assert.match(v.reason, /^Made more than 6 months before the application/);
    assert.match(v.reason, /counts for applications made by 2026-09-14; this one was made on 2026-09-15/);
  });

  it('does not count a complaint made after the application, and says so', () => {
    const c = complaint({ behaviourOn: '2026-09-15', complainedOn: '2026-09-16' });
    const v = verdict(assess([c]), c.id);
    assert.deepEqual(v.problems, ['after-application']);
    assert.match(v.reason, /after the application/);
  });

  it('counts a complaint made on the day of the application', () => {
    const c = complaint({ behaviourOn: APPLIED, complainedOn: APPLIED });
    const v = verdict(assess([c]), c.id);
    assert.equal(v.counted, true);
    assert.equal(v.reason, 'Counts: made on the day of the behaviour; made on the day of the application');
  });

  it('lists every problem of a complaint that fails twice', () => {
    const c = complaint({ behaviourOn: '2025-12-01', complainedOn: '2026-02-01' });
    const v = verdict(assess([c]), c.id);
    assert.deepEqual(v.problems, ['late-complaint', 'too-old']);
  });
});

describe('ASB Case Review threshold: the rules', () => {
  it('is met by 3 qualifying complaints about different incidents, and not by 2', () => {
    const three = [complaint(), complaint(), complaint()];
    const met = assess(three);
    assert.equal(met.met, true);
    assert.equal(met.metBy, 'complaints');
    assert.equal(met.qualifyingIncidents, 3);
    assert.match(met.summary, /^Threshold met: 3 qualifying complaints/);

    const notMet = assess(three.slice(0, 2));
    assert.equal(notMet.met, false);
    assert.equal(notMet.metBy, null);
    assert.match(
      notMet.summary,
      /^Threshold not met: 2 qualifying complaints about different incidents; 3 needed/,
    );
    assert.match(notMet.summary, /may still hold a review/);
  });

  it('counts the same incident reported to police and council once', () => {
    const police = complaint({
      incidentKey: 'INC-7',
      agency: 'City of London Police',
      complainedOn: '2026-08-09',
    });
    const council = complaint({ incidentKey: 'INC-7', agency: 'the council', complainedOn: '2026-08-10' });
    const other = complaint();
    const r = assess([council, police, other]);
    assert.equal(r.qualifyingIncidents, 2);
    assert.equal(r.met, false);
    assert.equal(verdict(r, police.id).counted, true);
    const dup = verdict(r, council.id);
    assert.equal(dup.counted, false);
    assert.equal(dup.outcome, 'same-incident');
    assert.equal(dup.sameIncidentAs, police.id);
    assert.equal(dup.reason, `Same incident as complaint ${police.id} reported to City of London Police`);
  });

  it('counts a later report of an incident when the first report was too late', () => {
    const latePolice = complaint({
      incidentKey: 'INC-8',
      behaviourOn: '2026-06-01',
      complainedOn: '2026-07-15',
    });
    const council = complaint({
      incidentKey: 'INC-8',
      behaviourOn: '2026-06-01',
      complainedOn: '2026-06-20',
    });
    const r = assess([latePolice, council]);
    assert.equal(verdict(r, council.id).counted, true);
    assert.equal(verdict(r, latePolice.id).outcome, 'not-qualifying');
    assert.equal(r.qualifyingIncidents, 1);
  });

  it('is met by one hate incident under the lower hate threshold', () => {
    const hate = complaint({ hate: true });
    const r = assess([hate]);
    assert.equal(r.met, true);
    assert.equal(r.metBy, 'hate');
    assert.equal(verdict(r, hate.id).countsForHate, true);
    assert.match(verdict(r, hate.id).reason, /a hate incident/);
  });

  it('treats an incident as hate-related when any of its reports is flagged, and counts it once', () => {
    const police = complaint({ incidentKey: 'INC-9', hate: false, complainedOn: '2026-08-09' });
    const council = complaint({ incidentKey: 'INC-9', hate: true });
    const r = assess([police, council], { hateThreshold: 2, complaintsThreshold: 3 });
    const hateRule = r.rules.find((x) => x.rule === 'hate')!;
    assert.equal(hateRule.found, 1);
    assert.equal(hateRule.met, false);
  });

  it('does not count a hate incident that does not qualify, and notes a hate-related application', () => {
    const lateHate = complaint({ hate: true, behaviourOn: '2026-06-01', complainedOn: '2026-07-15' });
    const r = assess([lateHate], {}, { hateRelated: true });
    assert.equal(r.met, false);
    assert.match(r.notes.join(' '), /says the behaviour is hate-related/);
  });

  it('lets a hate incident count only under the ordinary threshold when the hate rule is off', () => {
    const r = assess([complaint({ hate: true })], { hateThreshold: null });
    assert.equal(r.met, false);
    assert.equal(r.rules.find((x) => x.rule === 'hate')!.enabled, false);
  });

  it('applies a lower local threshold of 2', () => {
    const r = assess([complaint(), complaint()], { complaintsThreshold: 2 });
    assert.equal(r.met, true);
    assert.equal(r.metBy, 'complaints');
    assert.equal(r.rules[0].required, 2);
  });

  it('meets the community threshold with 5 different people about the same place', () => {
    // five people reporting one recurring problem: one incident, so the complaints rule is not met
    const people = ['A', 'B', 'C', 'D', 'E'].map((p) =>
      complaint({ complainantId: p, incidentKey: 'NOISE-1', place: 'barbican-podium' }),
    );
    const r = assess(people);
    assert.equal(r.qualifyingIncidents, 1);
    assert.equal(r.met, true);
    assert.equal(r.metBy, 'community');
    assert.equal(r.rules.find((x) => x.rule === 'community')!.found, 5);
    assert.ok(r.complaints.every((v) => v.countsForCommunity));
  });

  it('counts each person once, ignores other places and anonymous reports, for the community rule', () => {
    const list = [
      complaint({ complainantId: 'A', incidentKey: 'N' }),
      complaint({ complainantId: 'A', incidentKey: 'N' }),
      complaint({ complainantId: 'B', incidentKey: 'N' }),
      complaint({ complainantId: 'C', incidentKey: 'N' }),
      complaint({ complainantId: 'D', incidentKey: 'N', place: 'golden-lane' }),
      complaint({ complainantId: null, incidentKey: 'N' }),
    ];
    const r = assess(list);
    assert.equal(r.rules.find((x) => x.rule === 'community')!.found, 3);
    assert.equal(r.met, false);
    assert.match(r.notes.join(' '), /1 complaint about this place had no named complainant/);
    assert.equal(r.complaints.filter((v) => v.countsForCommunity).length, 3);
  });

  it('skips the community rule when the application names no place, or the area has none', () => {
    const list = ['A', 'B', 'C', 'D', 'E'].map((p) => complaint({ complainantId: p, incidentKey: 'N' }));
    const noPlace = assess(list, {}, { place: null });
    assert.equal(noPlace.met, false);
    assert.match(noPlace.rules[2].explanation, /does not name the problem or place/);
    const off = assess(list, { communityThreshold: null });
    assert.equal(off.met, false);
    assert.match(off.rules[2].explanation, /no community threshold/);
  });

  it('uses its own window for the community rule', () => {
    const old = ['A', 'B', 'C', 'D', 'E'].map((p) =>
      complaint({
        complainantId: p,
        incidentKey: 'N',
        behaviourOn: '2026-05-01',
        complainedOn: '2026-05-02',
      }),
    );
    assert.equal(assess(old).met, true);
    assert.equal(assess(old, { communityWindowMonths: 3 }).met, false);
  });
});

describe('ASB Case Review threshold: complaint sources and unknown dates', () => {
  it('counts a complaint added by staff with evidence, and refuses one without', () => {
    const withEvidence = complaint({
      source: 'added-by-staff',
      evidence: 'Email to housing officer, 10 Aug',
    });
    const without = complaint({ source: 'added-by-staff', evidence: '  ' });
    const r = assess([withEvidence, without]);
    assert.match(
      verdict(r, withEvidence.id).reason,
      /added by staff with evidence: Email to housing officer/,
    );
    assert.equal(verdict(r, without.id).counted, false);
    assert.deepEqual(verdict(r, without.id).problems, ['no-evidence']);
  });

  it('assumes an unknown behaviour date was reported in time by default, and can exclude it', () => {
    const c = complaint({ behaviourOn: null });
    const assumed = assess([c]);
    assert.equal(verdict(assumed, c.id).counted, true);
    assert.match(verdict(assumed, c.id).reason, /behaviour date not recorded/);
    assert.match(assumed.notes.join(' '), new RegExp(`${c.id}: counted on the assumption`));
    const excluded = assess([c], { unknownBehaviourDate: 'exclude' });
    assert.deepEqual(verdict(excluded, c.id).problems, ['behaviour-date-unknown']);
  });
});

describe('ASB Case Review threshold: settings and input validation', () => {
  it('refuses a complaints threshold above 3', () => {
    const parsed = thresholdSettingsSchema.safeParse({ complaintsThreshold: 4 });
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error!.issues[0].path, ['complaintsThreshold']);
    assert.match(parsed.error!.issues[0].message, /cannot be more than 3/);
    assert.throws(() => assess([complaint()], { complaintsThreshold: 4 }), ZodError);
  });

  it('refuses windows stricter than the law and a hate threshold above the complaints threshold', () => {
    assert.equal(thresholdSettingsSchema.safeParse({ complaintWindowMonths: 0 }).success, false);
    assert.equal(thresholdSettingsSchema.safeParse({ applicationWindowMonths: 5 }).success, false);
    const hate = thresholdSettingsSchema.safeParse({ complaintsThreshold: 2, hateThreshold: 3 });
    assert.deepEqual(hate.error?.issues[0].path, ['hateThreshold']);
  });

  it('uses the statutory defaults', () => {
    const s = thresholdSettingsSchema.parse({});
    assert.equal(s.complaintsThreshold, 3);
    assert.equal(s.hateThreshold, 1);
    assert.equal(s.communityThreshold, 5);
    assert.equal(s.complaintWindowMonths, 1);
    assert.equal(s.applicationWindowMonths, 6);
  });

  it('a more generous local window lets a later complaint count', () => {
    const c = complaint({ behaviourOn: '2026-06-01', complainedOn: '2026-07-15' });
    assert.equal(verdict(assess([c], { complaintWindowMonths: 2 }), c.id).counted, true);
  });

  it('refuses impossible dates and repeated complaint ids, naming the field', () => {
    const bad = complaint({ complainedOn: '2026-02-30' });
    assert.throws(
      () => assess([bad]),
      (e: unknown) => e instanceof ZodError && e.issues[0].path.join('.') === 'complaints.0.complainedOn',
    );
    const c = complaint();
    assert.throws(
      () => assess([c, { ...c }]),
      (e: unknown) => e instanceof ZodError && /listed twice/.test(e.issues[0].message),
    );
  });

  it('gives a verdict for every complaint, in the order given', () => {
    const list = [complaint(), complaint({ behaviourOn: '2026-01-01' }), complaint({ incidentKey: 'X' })];
    assert.deepEqual(
      assess(list).complaints.map((v) => v.complaintId),
      list.map((c) => c.id),
    );
    assert.ok(assess(list).complaints.every((v) => v.reason.length > 10));
  });
});

describe('ASB Case Review threshold: complaints by other people about the place', () => {
  it('counts them for the community rule only, never as the victim’s complaints', () => {
    const victim = complaint({ complainantId: 'V', incidentKey: 'A' });
    const others = ['B', 'C', 'D'].map((p, i) =>
      complaint({ complainantId: p, incidentKey: `O${i}`, victimComplaint: false }),
    );
    const r = assess([victim, ...others], { communityThreshold: 4 });
    assert.equal(r.qualifyingIncidents, 1, 'other people’s reports are not the victim’s complaints');
    assert.equal(r.rules[0].met, false);
    assert.equal(r.metBy, 'community');
    for (const o of others) {
      const v = verdict(r, o.id);
      assert.equal(v.outcome, 'community-only');
      assert.equal(v.counted, false);
      assert.equal(v.countsForCommunity, true);
      assert.match(v.reason, /community threshold only/);
    }
  });

  it('says why another person’s report does not count towards the community rule', () => {
    const late = complaint({
      complainantId: 'B',
      victimComplaint: false,
      complainedOn: '2026-01-02',
      behaviourOn: '2026-01-01',
    });
    const anonymous = complaint({ complainantId: null, victimComplaint: false });
    const again = [
      complaint({ complainantId: 'C', victimComplaint: false }),
      complaint({ complainantId: 'C', victimComplaint: false }),
    ];
    const r = assess([late, anonymous, ...again]);
    assert.match(verdict(r, late.id).reason, /more than 6 months before the application/);
    assert.match(verdict(r, anonymous.id).reason, /no named complainant/);
    assert.match(verdict(r, again[1].id).reason, /already counted/);
    assert.equal(r.qualifyingIncidents, 0);
  });

  it('never lets another person’s hate incident meet the hate threshold', () => {
    const r = assess([complaint({ complainantId: 'B', hate: true, victimComplaint: false })]);
    assert.equal(r.rules.find((x) => x.rule === 'hate')!.found, 0);
    assert.equal(r.met, false);
  });
});
