import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { type NewReport } from '../../src/reports/index.js';

const GOLDEN_LANE = {
  text: 'Golden Lane Estate',
  postcode: null,
  lat: 51.5221,
  lng: -0.0958,
  precision: 'gazetteer',
  contexts: [],
};

function report(
  email: string,
  name: string,
  occurredAt: string | null,
  channel: NewReport['channel'] = 'web',
  hate = false,
): NewReport {
  return {
    channel,
    categoryCode: 'noise-residential',
    hateIncident: hate,
    description: 'Loud music and shouting from the flat above until 3am',
    location: GOLDEN_LANE,
    occurred: occurredAt
      ? { kind: 'at', at: occurredAt, note: null }
      : { kind: 'ongoing', at: null, note: null },
    reporter: { kind: 'victim', anonymous: false, name, email, contactPreference: 'email' },
  };
}

/** Security codes follow real time, so sign in on the real clock. */
const realClock = (clock: ReturnType<typeof fixedClock>) => clock.set(new Date());
let signIn: (c: Client, email: string) => Promise<void>;

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;|’/g, "'")
    .replace(/\s+/g, ' ');

/** The row of a complaint in the threshold evidence table. */
function evidenceRow(html: string, label: string): string {
  const rows = html.split('<tr class="govuk-table__row">');
  const row = rows.find((r) => r.includes(`>${label}<`));
  assert.ok(row, `no evidence row for ${label}`);
  return text(row);
}

for (const dialect of testDialects()) {
  describe(`ASB Case Review: a coordinator takes an application from threshold to closure [${dialect}]`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-03-10T10:00:00Z');
    const refs: Record<string, string> = {};
    let id = '';
    const coordinator = () => {
      const c = new Client(t.app);
      return c;
    };
    let c: Client;
    /** Days pass: the idle session would end, so sign in again on the new day. */
    const moveTo = async (iso: string) => {
      c = coordinator();
      await signIn(c, DEMO.coordinator);
      clock.set(iso);
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      signIn = async (cl, email) => {
        realClock(clock);
        await cl.signIn(email);
      };
      const reports = t.services.reports.reports;
      const file = async (key: string, at: string, r: NewReport) => {
        clock.set(at);
        refs[key] = (
          await reports.create(t.demo.partnershipId, r, { kind: 'public' }, { ip: null, requestId: null })
        ).reference;
      };
      const ann = (occurred: string | null, channel: NewReport['channel'] = 'web') =>
        report('ann.victim@example.com', 'Ann Victim', occurred, channel);
      // Counts: made 2 days after the behaviour.
      await file('march', '2026-03-10T10:00:00Z', ann('2026-03-08T22:00:00Z'));
      // The same incident reported by phone to the police and online to the council.
      await file('aprilPhone', '2026-04-20T09:00:00Z', ann('2026-04-19T23:00:00Z', 'phone'));
      await file('aprilWeb', '2026-04-21T09:00:00Z', ann('2026-04-19T23:00:00Z'));
      // Made 44 days after the behaviour: too late to count.
      await file('late', '2026-05-15T09:00:00Z', ann('2026-04-01T21:00:00Z'));
      // Neighbours reporting the same place: the community threshold only.
      await file(
        'neighbour1',
        '2026-05-02T09:00:00Z',
        report('bob.neighbour@example.com', 'Bob Neighbour', '2026-05-01T22:00:00Z'),
      );
      await file(
        'neighbour2',
        '2026-05-03T09:00:00Z',
        report('cat.neighbour@example.com', 'Cat Neighbour', '2026-05-02T22:00:00Z'),
      );
      c = coordinator();
      await signIn(c, DEMO.coordinator);
      clock.set('2026-06-01T09:00:00Z'); // Monday
    });
    after(() => t.close());

    it('keeps the list to coordinators and administrators', async () => {
      const officer = new Client(t.app);
      const at = clock.iso();
      await signIn(officer, DEMO.officer);
      clock.set(at);
      assert.equal((await officer.get('/case-reviews')).statusCode, 403);
      const list = await c.get('/case-reviews');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<a class="govuk-service-navigation__link" href="\/case-reviews"/);
    });

    it('enters an application made by telephone, naming bad dates', async () => {
      await c.get('/case-reviews/new');
      const form = {
        channel: 'phone',
        'receivedOn-day': '2',
        'receivedOn-month': '6',
        'receivedOn-year': '2026',
        applicantKind: 'victim',
        victimType: 'person',
        victimName: 'Ann Victim',
        description: 'Music and shouting from the flat above most nights since February.',
        location: 'Golden Lane Estate',
        'started-month': '2',
        'started-year': '2026',
        hate: 'no',
        agencies: ['police', 'council'],
        'policeFirst-month': '4',
        'policeFirst-year': '2026',
        'councilFirst-month': '3',
        'councilFirst-year': '2026',
        'councilLast-month': '5',
        'councilLast-year': '2026',
        contactEmail: 'ann.victim@example.com',
        contactMethod: 'email',
      };
      const bad = await c.post('/case-reviews/new', form);
      assert.equal(bad.statusCode, 400);
      assert.match(text(bad.body), /The date the application was received must be today or in the past/);
      const bad2 = await c.post('/case-reviews/new', {
        ...form,
        'receivedOn-day': '1',
        'councilFirst-month': '6',
      });
      assert.equal(bad2.statusCode, 400);
      assert.match(
        text(bad2.body),
        /The date you last reported it to the council must be the same as or after the date you first reported it/,
      );
      const ok = await c.post('/case-reviews/new', { ...form, 'receivedOn-day': '1' });
      assert.equal(ok.statusCode, 303, text(ok.body).slice(0, 2000));
      id = String(ok.headers.location).split('/').pop()!;
      const row = await t.deps.db
        .selectFrom('case_reviews')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.channel, 'phone');
      assert.equal(row.status, 'received');
      assert.equal(row.clock_starts_on, '2026-06-01');
      assert.match(row.reference, /^ACR-2026-\d{6}$/);
      const records = await t.deps.db
        .selectFrom('person_records')
        .select(['person_id', 'source_type'])
        .where('email', '=', 'ann.victim@example.com')
        .execute();
      assert.ok(records.some((r) => r.source_type === 'case-review'));
      assert.equal(
        new Set(records.map((r) => r.person_id)).size,
        1,
        'the application resolves to the person who made the reports',
      );
    });

    it('shows the acknowledgement as due, then overdue, on the coordinator’s list', async () => {
      let list = await c.get('/case-reviews');
      assert.match(text(list.body), /Acknowledge the application: 2026-06-03/);
      assert.match(text(list.body), /Nothing is overdue or due soon/);
      await moveTo('2026-06-04T09:00:00Z'); // Thursday: 1 working day late
      list = await c.get('/case-reviews');
      const due = text(list.body.slice(list.body.indexOf('id="due"')));
      assert.match(due, /Overdue .*Acknowledge the application .*Overdue by 1 working day/);
    });

    it('acknowledges in writing', async () => {
      await c.get(`/case-reviews/${id}/do/acknowledge`);
      const future = await c.post(`/case-reviews/${id}/do/acknowledge`, {
        'on-day': '5',
        'on-month': '6',
        'on-year': '2026',
      });
      assert.equal(future.statusCode, 400);
      assert.match(text(future.body), /The date of the acknowledgement must be today or in the past/);
      const before = await c.post(`/case-reviews/${id}/do/acknowledge`, {
        'on-day': '31',
        'on-month': '5',
        'on-year': '2026',
      });
      assert.equal(before.statusCode, 400);
      assert.match(text(before.body), /cannot be before the last change to the application \(2026-06-01\)/);
      const res = await c.post(`/case-reviews/${id}/do/acknowledge`, {
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
      });
      assert.equal(res.statusCode, 303);
      const letter = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', id)
        .where('template', '=', 'case-review-acknowledgement')
        .executeTakeFirstOrThrow();
      assert.equal(letter.recipient, 'ann.victim@example.com');
      assert.match(letter.body, /decide by Monday 8 June 2026 whether the threshold for a review is met/);
    });

    it('gathers the complaints and says why each did or did not count', async () => {
      const page = await c.get(`/case-reviews/${id}/threshold`);
      assert.equal(page.statusCode, 200);
      assert.match(evidenceRow(page.body, refs.march), /Counts .*made 2 days after the behaviour/);
      assert.match(evidenceRow(page.body, refs.aprilPhone), /Counts/);
      assert.match(
        evidenceRow(page.body, refs.aprilWeb),
        /Same incident .*Same incident as complaint .*by telephone/,
      );
      assert.match(
        evidenceRow(page.body, refs.late),
        /Does not count .*Made 44 days after the behaviour, over 1 month/,
      );
      assert.match(
        evidenceRow(page.body, refs.neighbour1),
        /Community .*counts towards the community threshold only/,
      );
      assert.match(
        text(page.body),
        /Threshold not met: 2 qualifying complaints about different incidents; 3 needed/,
      );
    });

    it('adds a complaint held by the housing provider, with evidence, and the threshold is met', async () => {
      await c.get(`/case-reviews/${id}/threshold/complaints/new`);
      const noEvidence = await c.post(`/case-reviews/${id}/threshold/complaints/new`, {
        agencyName: 'Golden Lane housing office',
        'complainedOn-day': '20',
        'complainedOn-month': '5',
        'complainedOn-year': '2026',
      });
      assert.equal(noEvidence.statusCode, 400);
      assert.match(text(noEvidence.body), /Enter the evidence that the complaint was made/);
      const wrongOrder = await c.post(`/case-reviews/${id}/threshold/complaints/new`, {
        agencyName: 'Golden Lane housing office',
        'complainedOn-day': '20',
        'complainedOn-month': '5',
        'complainedOn-year': '2026',
        'behaviourOn-day': '21',
        'behaviourOn-month': '5',
        'behaviourOn-year': '2026',
        evidence: 'Housing officer’s email of 21 May',
      });
      assert.equal(wrongOrder.statusCode, 400);
      assert.match(
        text(wrongOrder.body),
        /The date of the complaint must be the same as or after the date of the behaviour/,
      );
      const ok = await c.post(`/case-reviews/${id}/threshold/complaints/new`, {
        agencyName: 'Golden Lane housing office',
        'complainedOn-day': '20',
        'complainedOn-month': '5',
        'complainedOn-year': '2026',
        'behaviourOn-day': '18',
        'behaviourOn-month': '5',
        'behaviourOn-year': '2026',
        evidence: 'Housing officer’s email of 21 May confirming the complaint',
      });
      assert.equal(ok.statusCode, 303);
      const page = await c.get(`/case-reviews/${id}/threshold`);
      assert.match(
        evidenceRow(page.body, 'EXT-1'),
        /Counts .*added by staff with evidence: Housing officer's email/,
      );
      assert.match(
        text(page.body),
        /Threshold met: 3 qualifying complaints about different incidents; 3 needed/,
      );
    });

    it('lets staff say two complaints are separate incidents', async () => {
      const rows = await t.deps.db
        .selectFrom('reports')
        .select(['id', 'reference'])
        .where('reference', '=', refs.aprilWeb)
        .executeTakeFirstOrThrow();
      await c.get(`/case-reviews/${id}/threshold/mark?ref=report:${rows.id}`);
      await c.post(`/case-reviews/${id}/threshold/mark`, { ref: `report:${rows.id}`, choice: 'separate' });
      let page = await c.get(`/case-reviews/${id}/threshold`);
      assert.match(text(page.body), /4 qualifying complaints/);
      await c.post(`/case-reviews/${id}/threshold/mark`, { ref: `report:${rows.id}`, choice: 'auto' });
      page = await c.get(`/case-reviews/${id}/threshold`);
      assert.match(text(page.body), /3 qualifying complaints/);
    });

    it('records the decision with reasons and writes to the applicant', async () => {
      const res = await c.post(`/case-reviews/${id}/threshold/decide`, {
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        met: 'yes',
        reasons: 'Three qualifying complaints in the six months before the application.',
      });
      assert.equal(res.statusCode, 303, text(res.body).slice(0, 1500));
      const row = await t.deps.db
        .selectFrom('case_reviews')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'panel-pending');
      assert.equal(row.threshold_met, 1);
      const letter = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', id)
        .where('template', '=', 'case-review-threshold-decision')
        .executeTakeFirstOrThrow();
      assert.match(letter.body, /The threshold for an ASB Case Review is met/);
      assert.match(letter.body, /made on Tuesday 10 March 2026 to ASB Hub online/);
      assert.doesNotMatch(letter.body, /Neighbour/);
      const a = await t.deps.db
        .selectFrom('case_review_assessments')
        .selectAll()
        .where('case_review_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(a.met, 1);
      assert.equal(JSON.parse(a.result).qualifyingIncidents, 3);
    });

    it('convenes the panel with an independent chair, asks agencies for information, invites the victim', async () => {
      await c.get(`/case-reviews/${id}/panel`);
      const early = await c.post(`/case-reviews/${id}/panel`, {
        'panelOn-day': '3',
        'panelOn-month': '6',
        'panelOn-year': '2026',
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        member0Name: 'Priya Constable',
        member0Organisation: 'City of London Police',
      });
      assert.equal(early.statusCode, 400);
      assert.match(text(early.body), /The date cannot be before the threshold decision \(2026-06-04\)/);
      const ok = await c.post(`/case-reviews/${id}/panel`, {
        'panelOn-day': '4',
        'panelOn-month': '6',
        'panelOn-year': '2026',
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        location: 'Guildhall, Committee Room 2',
        chairName: 'Dr Sam Chair',
        chairOrganisation: 'Independent',
        chairIndependent: 'yes',
        member0Name: 'Priya Constable',
        member0Organisation: 'City of London Police',
        member1Name: 'Olu Officer',
        member1Organisation: 'Community Safety',
      });
      assert.equal(ok.statusCode, 303, text(ok.body).slice(0, 1500));
      const agencies = await t.deps.db
        .selectFrom('agencies')
        .select(['id', 'code'])
        .where('partnership_id', '=', t.demo.partnershipId)
        .execute();
      await c.get(`/case-reviews/${id}/information/new`);
      const wrongOrder = await c.post(`/case-reviews/${id}/information/new`, {
        agency: agencies[0].id,
        askedFor: 'All complaints since January',
        'requestedOn-day': '4',
        'requestedOn-month': '6',
        'requestedOn-year': '2026',
        'dueOn-day': '3',
        'dueOn-month': '6',
        'dueOn-year': '2026',
      });
      assert.equal(wrongOrder.statusCode, 400);
      assert.match(
        text(wrongOrder.body),
        /The date the information is due must be the same as or after the date it was asked for/,
      );
      const info = await c.post(`/case-reviews/${id}/information/new`, {
        agency: agencies[0].id,
        askedFor: 'All complaints since January',
        'requestedOn-day': '4',
        'requestedOn-month': '6',
        'requestedOn-year': '2026',
        'dueOn-day': '11',
        'dueOn-month': '6',
        'dueOn-year': '2026',
      });
      assert.equal(info.statusCode, 303);
      await c.get(`/case-reviews/${id}/victim`);
      const victim = await c.post(`/case-reviews/${id}/victim`, {
        'invitedOn-day': '4',
        'invitedOn-month': '6',
        'invitedOn-year': '2026',
        participation: 'statement',
        statement: 'I cannot sleep and I am afraid to complain.',
      });
      assert.equal(victim.statusCode, 303);
      const review = await c.get(`/case-reviews/${id}/review`);
      assert.match(text(review.body), /Chair \(independent\) Dr Sam Chair/);
      assert.match(text(review.body), /All complaints since January 2026-06-11 Awaited/);
      assert.ok(
        await t.deps.db
          .selectFrom('outbox')
          .select('id')
          .where('related_id', '=', id)
          .where('template', '=', 'case-review-invitation')
          .executeTakeFirst(),
      );
    });

    it('records recommendations with owners and deadlines, follows one up, sends the outcome and closes', async () => {
      await c.get(`/case-reviews/${id}/recommendations`);
      const missingOwner = await c.post(`/case-reviews/${id}/recommendations`, {
        rowCount: '3',
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        rec0Text: 'Noise monitoring equipment installed for two weeks',
        'rec0Due-day': '19',
        'rec0Due-month': '6',
        'rec0Due-year': '2026',
      });
      assert.equal(missingOwner.statusCode, 400);
      assert.match(text(missingOwner.body), /Enter who owns recommendation 1/);
      const ok = await c.post(`/case-reviews/${id}/recommendations`, {
        rowCount: '3',
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        rec0Text: 'Noise monitoring equipment installed for two weeks',
        rec0Owner: 'Pollution Control Team',
        'rec0Due-day': '19',
        'rec0Due-month': '6',
        'rec0Due-year': '2026',
        rec1Text: 'Joint visit to the flat by police and housing',
        rec1Owner: 'City of London Police',
        'rec1Due-day': '12',
        'rec1Due-month': '6',
        'rec1Due-year': '2026',
      });
      assert.equal(ok.statusCode, 303, text(ok.body).slice(0, 1500));
      const recs = await t.deps.db
        .selectFrom('case_review_recommendations')
        .selectAll()
        .where('case_review_id', '=', id)
        .orderBy('sort_order')
        .execute();
      assert.deepEqual(
        recs.map((r) => [r.owner, r.due_on, r.status]),
        [
          ['Pollution Control Team', '2026-06-19', 'open'],
          ['City of London Police', '2026-06-12', 'open'],
        ],
      );
      const upd = await c.post(`/case-reviews/${id}/recommendations/${recs[1].id}`, {
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        status: 'done',
        note: 'Visit made on 4 June; warning given.',
      });
      assert.equal(upd.statusCode, 303);
      await c.get(`/case-reviews/${id}/do/send-outcome`);
      const outcome = await c.post(`/case-reviews/${id}/do/send-outcome`, {
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
        summary: 'The partners should have acted on the second complaint.',
      });
      assert.equal(outcome.statusCode, 303);
      const letter = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', id)
        .where('template', '=', 'case-review-outcome')
        .executeTakeFirstOrThrow();
      assert.match(
        letter.body,
        /1\. Noise monitoring equipment installed for two weeks \(Pollution Control Team, by Friday 19 June 2026\)/,
      );
      assert.match(
        letter.body,
        /ask the Common Council of the City of London, as the police and crime body for the City to look at it again. Tell us by Thursday 18 June 2026/,
      );
      await c.get(`/case-reviews/${id}/do/close`);
      const closed = await c.post(`/case-reviews/${id}/do/close`, {
        'on-day': '4',
        'on-month': '6',
        'on-year': '2026',
      });
      assert.equal(closed.statusCode, 303);
      const row = await t.deps.db
        .selectFrom('case_reviews')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'closed');
      assert.equal(row.closure, 'outcome-sent');
      assert.equal(row.review_held_on, '2026-06-04');
      assert.equal(row.recommendations_count, 2);
      const list = await c.get('/case-reviews?status=closed');
      assert.match(text(list.body), new RegExp(`${row.reference} Ann Victim 2026-06-01 Closed`));
    });

    it('publishes the four figures without personal data, and audits every view and change', async () => {
      const page = await c.get('/case-review/statistics?from=2026-04-01&to=2027-03-31');
      assert.equal(page.statusCode, 200);
      assert.match(
        text(page.body),
        /Applications received 1 Times the threshold was not met 0 Reviews carried out 1 Reviews that led to recommendations 1/,
      );
      assert.doesNotMatch(page.body, /Ann Victim/);
      const json = await c.get('/case-review/statistics.json?from=2026-04-01&to=2027-03-31');
      assert.deepEqual(JSON.parse(json.body), {
        from: '2026-04-01',
        to: '2027-03-31',
        applications: 1,
        thresholdNotMet: 0,
        reviewsCarriedOut: 1,
        reviewsWithRecommendations: 1,
      });
      const csv = await c.get('/case-review/statistics.csv?from=2026-04-01&to=2027-03-31');
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.equal(csv.body.trim().split('\n')[1], '2026-04-01,2027-03-31,1,0,1,1');
      const bad = await c.get(
        '/case-review/statistics?from-day=1&from-month=4&from-year=2027&to-day=1&to-month=3&to-year=2027',
      );
      assert.equal(bad.statusCode, 400);
      assert.match(text(bad.body), /The start of the period must be today or in the past/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', id)
        .execute();
      const actions = new Set(audit.map((a) => a.action));
      for (const a of [
        'case-review.submitted',
        'case-review.viewed',
        'case-review.threshold-viewed',
        'case-review.acknowledge',
        'case-review.complaint-added',
        'case-review.decide-threshold',
        'case-review.convene-panel',
        'case-review.record-recommendations',
        'case-review.send-outcome',
        'case-review.close',
      ]) {
        assert.ok(actions.has(a), `audit has ${a}`);
      }
    });
  });
}
