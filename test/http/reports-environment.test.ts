import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { type NewReport } from '../../src/reports/service.js';

const graffiti: NewReport = {
  channel: 'web',
  categoryCode: 'graffiti',
  hateIncident: false,
  description: 'Tags on the wall',
  location: {
    text: 'Bishopsgate',
    postcode: null,
    lat: 51.5165,
    lng: -0.0812,
    precision: 'gazetteer',
    contexts: ['street'],
  },
  occurred: { kind: 'ongoing', at: null, note: null },
  reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
};

for (const dialect of testDialects()) {
  describe(`environmental jobs [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('takes a job from raised to cleared, resolves the report and counts it on the dashboard', async () => {
      const r = await t.services.reports.reports.create(
        t.demo.partnershipId,
        graffiti,
        { kind: 'public' },
        { ip: null, requestId: null },
      );
      assert.ok(r.environmentalJob);
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      const list = await c.get('/environment/jobs');
      assert.match(list.body, new RegExp(r.environmentalJob!));
      const url = `/environment/jobs/${r.environmentalJob}`;
      await c.get(url);
      let res = await c.post(url, { action: 'schedule', scheduledFor: '32/13/2026 09:00' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter the date and time like/);
      res = await c.post(url, { action: 'schedule', scheduledFor: '30/11/2026 09:00', note: 'Crew 2' });
      assert.equal(res.statusCode, 302);
      await c.get(url);
      res = await c.post(url, { action: 'start' });
      assert.equal(res.statusCode, 302);
      await c.get(url);
      res = await c.post(url, { action: 'schedule', scheduledFor: '30/11/2026 09:00' });
      assert.equal(res.statusCode, 400, 'an in-progress job cannot be scheduled again');
      res = await c.post(url, { action: 'clear' });
      assert.equal(res.statusCode, 302);
      const job = await t.deps.db
        .selectFrom('environmental_jobs')
        .selectAll()
        .where('reference', '=', r.environmentalJob!)
        .executeTakeFirstOrThrow();
      assert.equal(job.state, 'cleared');
      assert.ok(job.cleared_at && job.scheduled_for && job.started_at);
      const report = await t.deps.db
        .selectFrom('reports')
        .select(['state_code', 'state_kind'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(report, { state_code: 'resolved', state_kind: 'closed' });
      const dash = await c.get('/environment/dashboard');
      assert.equal(dash.statusCode, 200);
      assert.match(dash.body, /Graffiti \(120 h\)/);
      assert.match(dash.body, /100%/);
    });

    it('needs a reason to cancel, and keeps jobs to their team', async () => {
      const r = await t.services.reports.reports.create(
        t.demo.partnershipId,
        { ...graffiti, categoryCode: 'fly-posting' },
        { kind: 'public' },
        { ip: null, requestId: null },
      );
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      const url = `/environment/jobs/${r.environmentalJob}`;
      await c.get(url);
      const res = await c.post(url, { action: 'cancel', reason: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter why the job is cancelled/);
      const noise = new Client(t.app);
      await noise.signIn(DEMO.noiseOfficer);
      assert.equal((await noise.get(url)).statusCode, 403);
    });
  });
}
