import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatherComplaints, type ReportForThreshold, type GatherInput } from './gather.js';
import { assessThreshold } from './rules/threshold.js';

let n = 0;
function report(over: Partial<ReportForThreshold> = {}): ReportForThreshold {
  n++;
  return {
    id: `r${n}`,
    reference: `ASB-2026-${String(n).padStart(6, '0')}`,
    category_code: 'noise-residential',
    hate_incident: 0,
    occurred_kind: 'at',
    occurred_at: '2026-05-01T21:00:00Z',
    channel: 'web',
    reporter_person_id: 'victim-1',
    created_at: '2026-05-02T09:00:00Z',
    location_text: 'Golden Lane Estate',
    ...over,
  };
}

const base = (over: Partial<GatherInput>): GatherInput => ({
  madeOn: '2026-06-01',
  victimPersonIds: ['victim-1'],
  victimReports: [],
  placeReports: [],
  placeKey: 'loc:golden lane estate',
  added: [],
  marks: [],
  lookBackMonths: 13,
  ...over,
});

describe('gathering the complaints for the threshold', () => {
  it('takes the behaviour date in London and the complaint date from when the report was made', () => {
    // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (BST)
    const r = report({ occurred_at: '2026-03-31T23:30:00Z', created_at: '2026-04-30T23:30:00Z' });
    const g = gatherComplaints(base({ victimReports: [r] }));
    assert.equal(g.evidence[0].behaviourOn, '2026-04-01');
    assert.equal(g.evidence[0].complainedOn, '2026-05-01');
    // exactly 1 month after the behaviour in London: it counts
    const result = assessThreshold(
      { application: { madeOn: '2026-06-01' }, complaints: g.complaints },
      { complaintsThreshold: 1 },
    );
    assert.equal(result.met, true);
  });

  it('treats reports of the same kind of behaviour on the same day as one incident (police by phone, council online)', () => {
    const phone = report({ channel: 'phone', created_at: '2026-05-02T08:00:00Z' });
    const web = report({ channel: 'web', created_at: '2026-05-03T08:00:00Z' });
    const other = report({ category_code: 'harassment' });
    const g = gatherComplaints(base({ victimReports: [phone, web, other] }));
    const result = assessThreshold({ application: { madeOn: '2026-06-01' }, complaints: g.complaints });
    assert.equal(result.qualifyingIncidents, 2);
    assert.equal(
      result.complaints.find((c) => c.complaintId === web.reference)!.sameIncidentAs,
      phone.reference,
    );
  });

  it('follows staff marks: same incident, separate incident, and left out with a reason', () => {
    const a = report({ occurred_at: '2026-05-01T20:00:00Z' });
    const b = report({ occurred_at: '2026-05-04T20:00:00Z', created_at: '2026-05-05T09:00:00Z' });
    const c = report({ occurred_at: '2026-05-01T20:00:00Z', created_at: '2026-05-02T10:00:00Z' });
    const marks = [
      { complaint_ref: `report:${b.id}`, same_incident_as: `report:${a.id}`, excluded_reason: null },
      { complaint_ref: `report:${c.id}`, same_incident_as: 'separate', excluded_reason: null },
    ];
    let g = gatherComplaints(base({ victimReports: [a, b, c], marks }));
    assert.equal(new Set(g.complaints.map((x) => x.incidentKey)).size, 2);
    assert.equal(g.evidence.find((x) => x.label === b.reference)!.markedSameAs, a.reference);
    g = gatherComplaints(
      base({
        victimReports: [a],
        marks: [
          {
            complaint_ref: `report:${a.id}`,
            same_incident_as: null,
            excluded_reason: 'A stolen bike, not this problem',
          },
        ],
      }),
    );
    assert.equal(g.complaints.length, 0);
    assert.equal(g.evidence[0].excludedReason, 'A stolen bike, not this problem');
  });

  it('does not loop when staff marks point at each other', () => {
    const a = report();
    const b = report({ occurred_at: '2026-05-03T20:00:00Z' });
    const g = gatherComplaints(
      base({
        victimReports: [a, b],
        marks: [
          { complaint_ref: `report:${a.id}`, same_incident_as: `report:${b.id}`, excluded_reason: null },
          { complaint_ref: `report:${b.id}`, same_incident_as: `report:${a.id}`, excluded_reason: null },
        ],
      }),
    );
    assert.equal(g.complaints.length, 2);
  });

  it('counts other people’s reports about the place for the community rule only, and leaves out later reports', () => {
    const mine = report();
    const neighbours = ['p2', 'p3', 'p4', 'p5'].map((p) =>
      report({
        reporter_person_id: p,
        category_code: 'noise-residential',
        occurred_at: `2026-05-1${p.slice(1)}T20:00:00Z`,
        created_at: `2026-05-1${p.slice(1)}T22:00:00Z`,
      }),
    );
    const later = report({ created_at: '2026-06-05T09:00:00Z', occurred_at: '2026-06-04T20:00:00Z' });
    const g = gatherComplaints(base({ victimReports: [mine, later], placeReports: [mine, ...neighbours] }));
    assert.equal(g.laterReports, 1);
    assert.equal(g.evidence.length, 5);
    const result = assessThreshold({
      application: { madeOn: '2026-06-01', place: 'loc:golden lane estate' },
      complaints: g.complaints,
    });
    assert.equal(result.qualifyingIncidents, 1);
    assert.equal(result.metBy, 'community');
  });

  it('turns complaints added by staff into evidence with their source', () => {
    const g = gatherComplaints(
      base({
        added: [
          {
            id: 'a1',
            label: 'EXT-1',
            agency_name: 'Housing office',
            complained_on: '2026-05-20',
            behaviour_on: '2026-05-18',
            hate: 1,
            evidence: 'Officer email',
            agency_reference: 'H-1',
          },
        ],
      }),
    );
    assert.deepEqual(g.complaints[0], {
      id: 'EXT-1',
      complainedOn: '2026-05-20',
      behaviourOn: '2026-05-18',
      agency: 'Housing office',
      channel: 'held elsewhere',
      incidentKey: 'own:added:a1',
      hate: true,
      complainantId: 'victim',
      place: null,
      source: 'added-by-staff',
      evidence: 'Officer email',
      victimComplaint: true,
    });
  });
});
