import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

/** Walks the public journey with a client that has no JavaScript, as a phone browser would. */
export async function fileReport(
  c: Client,
  answers: {
    category?: string;
    hate?: string;
    location?: string;
    contexts?: string[];
    named?: boolean;
    email?: string;
    description?: string;
  } = {},
) {
  await c.get('/report');
  await c.get('/report/what');
  let r = await c.post('/report/what', {
    category: answers.category ?? 'noise-street',
    hate: answers.hate ?? 'no',
  });
  assert.equal(r.statusCode, 302, r.body);
  await c.get('/report/where');
  r = await c.post('/report/where', {
    location: answers.location ?? 'Cheapside',
    contexts: answers.contexts ?? [],
  });
  assert.equal(r.statusCode, 302, r.body);
  await c.get('/report/when');
  r = await c.post('/report/when', { when: 'ongoing' });
  assert.equal(r.statusCode, 302);
  await c.get('/report/details');
  r = await c.post('/report/details', {
    description:
      answers.description ?? 'A group shouting and playing loud music outside the shops every night.',
  });
  assert.equal(r.statusCode, 302);
  await c.get('/report/photos');
  r = await c.post('/report/photos', { action: 'continue' });
  assert.equal(r.statusCode, 302);
  await c.get('/report/about');
  r = await c.post(
    '/report/about',
    answers.named === false
      ? { reporterKind: 'witness', identity: 'anonymous' }
      : {
          reporterKind: 'victim',
          identity: 'named',
          name: 'Jo Bloggs',
          email: answers.email ?? 'jo.bloggs@example.com',
          phone: '07700 900982',
          contact: 'email',
        },
  );
  assert.equal(
    r.statusCode,
    302,
    r.body.match(/govuk-error-message[^<]*<[^>]*>[^<]*<\/span>([^<]*)/)?.[1] ?? r.body.slice(0, 300),
  );
  assert.equal(r.headers.location, '/report/check');
  const check = await c.get('/report/check');
  assert.equal(check.statusCode, 200);
  r = await c.post('/report/check');
  assert.equal(r.headers.location, '/report/confirmation');
  const conf = await c.get('/report/confirmation');
  const reference = /id="reference">(ASB-\d{4}-\d{6})</.exec(conf.body)?.[1];
  assert.ok(reference, 'confirmation shows a reference');
  return { reference: reference!, confirmation: conf.body, check: check.body };
}

for (const dialect of testDialects()) {
  describe(`public reporting journey [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('shows emergency guidance and the exit-this-page button before the first question', async () => {
      const c = new Client(t.app);
      const res = await c.get('/report');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /call 999/);
      assert.match(res.body, /101/);
      assert.match(res.body, /govuk-exit-this-page/);
    });

    it('files a report end to end, routes it to the noise team, acknowledges the reporter and tells the team', async () => {
      const c = new Client(t.app);
      const { reference, confirmation, check } = await fileReport(c, {
        category: 'noise-street',
        location: 'Cheapside',
      });
      assert.match(check, /Noise in the street/);
      assert.match(check, /Cheapside/);
      assert.match(confirmation, /Public Protection/);
      const report = await t.deps.db
        .selectFrom('reports')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(report.channel, 'web');
      assert.equal(report.category_code, 'noise-street');
      assert.ok(report.lat! > 51.5 && report.lng! < -0.08);
      assert.ok(report.reporter_person_id);
      const routes = await t.deps.db
        .selectFrom('report_team_routes')
        .innerJoin('teams', 'teams.id', 'report_team_routes.team_id')
        .select('teams.code')
        .where('report_id', '=', report.id)
        .execute();
      assert.deepEqual(
        routes.map((r) => r.code),
        ['PP'],
      );
      const ack = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', report.id)
        .where('template', '=', 'report-acknowledgement')
        .execute();
      assert.equal(ack.length, 1);
      assert.equal(ack[0].recipient, 'jo.bloggs@example.com');
      assert.match(ack[0].body, new RegExp(reference));
      const person = await t.deps.db
        .selectFrom('person_records')
        .selectAll()
        .where('source_id', '=', report.id)
        .executeTakeFirstOrThrow();
      assert.equal(person.given_name, 'Jo');
      assert.equal(person.surname, 'Bloggs');
    });

    it('finds the report in the right team queue and not in another team', async () => {
      const c = new Client(t.app);
      const { reference } = await fileReport(c, {
        category: 'graffiti',
        location: 'Leadenhall Street',
        email: 'graffiti.reporter@example.com',
      });
      const cleansing = new Client(t.app);
      await cleansing.signIn(DEMO.cleansingOfficer);
      const queue = await cleansing.get('/queue');
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, new RegExp(reference));
      const page = await cleansing.get(`/reports/${reference}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Leadenhall Street/);
      const noise = new Client(t.app);
      await noise.signIn(DEMO.noiseOfficer);
      assert.doesNotMatch((await noise.get('/queue')).body, new RegExp(reference));
      assert.equal((await noise.get(`/reports/${reference}`)).statusCode, 403);
      const job = await t.deps.db
        .selectFrom('environmental_jobs')
        .innerJoin('reports', 'reports.id', 'environmental_jobs.report_id')
        .select(['environmental_jobs.state'])
        .where('reports.reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(job.state, 'raised');
    });

    it('keeps every answer and names the problem when answers are missing or invalid', async () => {
      const c = new Client(t.app);
      await c.get('/report/what');
      let r = await c.post('/report/what', {});
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /Select what happened/);
      assert.match(r.body, /govuk-error-summary/);
      r = await c.post('/report/what', { category: 'drug-use' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /value="drug-use" checked/);
      await c.post('/report/what', { category: 'drug-use', hate: 'no' });
      await c.get('/report/where');
      r = await c.post('/report/where', { location: 'Nowhere Lane Springfield' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /could not find that place/);
      assert.match(r.body, /value="Nowhere Lane Springfield"/);
      r = await c.post('/report/where', { location: 'SW1A 2AA' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /outside the City of London/);
      assert.match(r.body, /101/);
      r = await c.post('/report/where', { location: '', lat: '51.5007', lng: '-0.1246' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /outside the City of London/);
      r = await c.post('/report/where', { location: 'EC2V 6DN' });
      assert.equal(r.statusCode, 302);
      await c.get('/report/when');
      r = await c.post('/report/when', {
        when: 'at',
        'date-day': '31',
        'date-month': '2',
        'date-year': '2026',
        time: '25:00',
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /must be a real date/);
      assert.match(r.body, /Enter the time like/);
      assert.match(r.body, /value="31"/);
      await c.post('/report/when', { when: 'ongoing' });
      await c.get('/report/details');
      r = await c.post('/report/details', { description: 'x'.repeat(2001) });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /2,000 characters or fewer/);
      r = await c.post('/report/details', { description: 'People injecting in the stairwell' });
      await c.get('/report/photos');
      await c.post('/report/photos', { action: 'continue' });
      await c.get('/report/about');
      r = await c.post('/report/about', {
        reporterKind: 'victim',
        identity: 'named',
        name: '',
        email: 'not-an-email',
        contact: 'phone',
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /Enter your name/);
      assert.match(r.body, /correct format/);
      assert.match(r.body, /Enter your telephone number so we can contact you by phone/);
      assert.match(r.body, /value="not-an-email"/);
    });

    it('tells someone reporting again within 6 months about the ASB Case Review', async () => {
      const first = await fileReport(new Client(t.app), { email: 'again@example.com' });
      assert.doesNotMatch(first.confirmation, /You have reported to us before/);
      const second = await fileReport(new Client(t.app), {
        email: 'again@example.com',
        category: 'licensed-premises',
      });
      assert.match(second.confirmation, /You have reported to us before in the last 6 months/);
      const ack = await t.deps.db
        .selectFrom('outbox')
        .select('body')
        .where('subject', 'like', `%${second.reference}`)
        .executeTakeFirstOrThrow();
      assert.match(ack.body, /ASB Case Review/);
    });

    it('does not let anyone skip questions', async () => {
      const c = new Client(t.app);
      const r = await c.get('/report/about');
      assert.equal(r.statusCode, 302);
      assert.equal(r.headers.location, '/report/what');
      const check = await c.get('/report/check');
      assert.equal(check.headers.location, '/report/what');
    });

    it('routes by place: noise on the Barbican Estate goes to the estate office; a hate incident also to police and community safety', async () => {
      const c = new Client(t.app);
      const { reference } = await fileReport(c, {
        category: 'noise-residential',
        location: 'Cromwell Tower',
        hate: 'yes',
        email: 'barbican.resident@example.com',
      });
      const report = await t.deps.db
        .selectFrom('reports')
        .select(['id', 'hate_incident', 'due_at', 'created_at'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      const codes = (
        await t.deps.db
          .selectFrom('report_team_routes')
          .innerJoin('teams', 'teams.id', 'report_team_routes.team_id')
          .select('teams.code')
          .where('report_id', '=', report.id)
          .execute()
      )
        .map((r) => r.code)
        .sort();
      assert.deepEqual(codes, ['BE', 'CCS', 'COLP-LP']);
      assert.equal(report.hate_incident, 1);
      assert.equal(new Date(report.due_at).getTime() - new Date(report.created_at).getTime(), 24 * 3_600_000);
    });
  });
}
