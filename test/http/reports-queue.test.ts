import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { ReportService, type NewReport } from '../../src/reports/service.js';

const base = (over: Partial<NewReport> = {}): NewReport => ({
  channel: 'web',
  categoryCode: 'graffiti',
  hateIncident: false,
  description: 'Tags sprayed on the shutters',
  location: {
    text: 'Cheapside',
    postcode: null,
    lat: 51.514,
    lng: -0.0935,
    precision: 'gazetteer',
    contexts: ['street'],
  },
  occurred: { kind: 'ongoing', at: null, note: null },
  reporter: {
    kind: 'victim',
    anonymous: false,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '07911 123456',
    contactPreference: 'email',
  },
  ...over,
});

for (const dialect of testDialects()) {
  describe(`team queues, report pages and following a report [${dialect}]`, () => {
    let t: TestApp;
    // Real time plus an offset, so sign-in codes (made from real time) stay valid while the test moves time.
    let offset = 0;
    const clock = {
      now: () => new Date(Date.now() + offset),
      iso: () => new Date(Date.now() + offset).toISOString(),
      set: (d: string | Date) => {
        offset = new Date(d).getTime() - Date.now();
      },
      advance: (ms: number) => {
        offset += ms;
      },
    };
    let reports: ReportService;
    before(async () => {
      t = await startTestApp(dialect, { clock });
      reports = t.services.reports.reports;
    });
    after(() => t.close());
    const file = (over: Partial<NewReport> = {}) =>
      reports.create(t.demo.partnershipId, base(over), { kind: 'public' }, { ip: null, requestId: null });

    it('highlights overdue reports, filters the queue and audits every view of a report page', async () => {
      clock.advance(-121 * 3_600_000);
      const late = await file();
      clock.set(new Date());
      const fresh = await file({ description: 'New tag today' });
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      const queue = await c.get('/queue');
      assert.match(queue.body, new RegExp(late.reference));
      assert.match(queue.body, new RegExp(fresh.reference));
      assert.match(queue.body, /app-overdue/);
      const overdue = await c.get('/queue?overdue=yes');
      assert.match(overdue.body, new RegExp(late.reference));
      assert.doesNotMatch(overdue.body, new RegExp(fresh.reference));
      const newest = await c.get('/queue?sort=newest');
      assert.ok(newest.body.indexOf(fresh.reference) < newest.body.indexOf(late.reference));
      const page = await c.get(`/reports/${late.reference}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Overdue/);
      assert.match(page.body, /Ada Lovelace/);
      const views = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'report.viewed')
        .where('subject_id', '=', late.id)
        .execute();
      assert.equal(views.length, 1);
    });

    it('changes state with public and internal updates; the reporter sees only the public ones', async () => {
      const r = await file({ description: 'Graffiti on the bridge' });
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      await c.get(`/reports/${r.reference}`);
      let res = await c.post(`/reports/${r.reference}/updates`, {
        stateCode: 'in-progress',
        text: 'Crew booked for tomorrow morning',
        public: 'yes',
      });
      assert.equal(res.statusCode, 302);
      await c.get(`/reports/${r.reference}`);
      res = await c.post(`/reports/${r.reference}/updates`, {
        stateCode: 'in-progress',
        text: 'Internal: access needs a cherry picker',
      });
      assert.equal(res.statusCode, 302);
      const page = await c.get(`/reports/${r.reference}`);
      assert.match(page.body, /State changed: In progress/);
      const updates = await t.deps.db
        .selectFrom('report_updates')
        .selectAll()
        .where('report_id', '=', r.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        updates.map((u) => u.state_code),
        ['new', 'in-progress', 'in-progress'],
      );

      const reporter = new Client(t.app);
      await reporter.get('/report/track');
      const tracked = await reporter.post('/report/track', {
        reference: r.reference.toLowerCase(),
        code: r.trackingCode.toLowerCase().replace('-', ' '),
      });
      assert.equal(tracked.statusCode, 200);
      assert.match(tracked.body, /Action under way/);
      assert.match(tracked.body, /Crew booked for tomorrow morning/);
      assert.doesNotMatch(tracked.body, /cherry picker/);
      const wrong = await reporter.post('/report/track', {
        reference: r.reference,
        code: 'ZZZZZ-ZZZZZ',
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /could not find a report/);
      const badRef = await reporter.post('/report/track', { reference: 'ABC', code: r.trackingCode });
      assert.match(badRef.body, /Enter the reference like ASB-2026-000123/);
      const emailed = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', r.id)
        .where('template', '=', 'report-public-update')
        .execute();
      assert.equal(emailed.length, 1);

      await c.get(`/reports/${r.reference}`);
      const nothing = await c.post(`/reports/${r.reference}/updates`, { stateCode: 'in-progress', text: '' });
      assert.equal(nothing.statusCode, 400);
      assert.match(nothing.body, /Enter an update or choose a different state/);
      await c.post(`/reports/${r.reference}/updates`, {
        stateCode: 'resolved',
        text: 'Removed',
        public: 'yes',
      });
      const closed = await t.deps.db
        .selectFrom('reports')
        .select(['state_kind', 'closed_at'])
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      assert.equal(closed.state_kind, 'closed');
      assert.ok(closed.closed_at);
    });

    it('assigns one report and bulk re-assigns several to officers of the team only', async () => {
      const a = await file({ description: 'one' });
      const b = await file({ description: 'two' });
      const c = new Client(t.app);
      await c.signIn(DEMO.cleansingOfficer);
      const me = await t.deps.db
        .selectFrom('users')
        .select(['id', 'team_id'])
        .where('email', '=', DEMO.cleansingOfficer)
        .executeTakeFirstOrThrow();
      await c.get(`/reports/${a.reference}`);
      assert.equal((await c.post(`/reports/${a.reference}/assign`, { assignee: me.id })).statusCode, 302);
      const stranger = await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', DEMO.noiseOfficer)
        .executeTakeFirstOrThrow();
      await c.get(`/reports/${a.reference}`);
      const refused = await c.post(`/reports/${a.reference}/assign`, { assignee: stranger.id });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Select an officer in this team/);
      await c.get('/queue');
      const bulk = await c.post('/queue/assign', {
        teamId: me.team_id!,
        reportIds: [a.id, b.id],
        assignee: me.id,
      });
      assert.equal(bulk.statusCode, 302);
      const mine = await c.get('/queue?assigned=me');
      assert.match(mine.body, new RegExp(a.reference));
      assert.match(mine.body, new RegExp(b.reference));
      // Another team's queue cannot be bulk-assigned.
      const noiseTeam = await t.deps.db
        .selectFrom('teams')
        .select('id')
        .where('code', '=', 'PP')
        .executeTakeFirstOrThrow();
      await c.get('/queue');
      assert.equal(
        (await c.post('/queue/assign', { teamId: noiseTeam.id, reportIds: [a.id], assignee: '' })).statusCode,
        403,
      );
    });

    it('re-routes with a reason: the old team loses it, the new team gets it, and it is audited', async () => {
      const r = await file({
        categoryCode: 'litter-fly-tipping',
        description: 'Actually it is noise from a building site',
      });
      const co = new Client(t.app);
      await co.signIn(DEMO.cleansingOfficer);
      const pp = await t.deps.db
        .selectFrom('teams')
        .select('id')
        .where('code', '=', 'PP')
        .executeTakeFirstOrThrow();
      await co.get(`/reports/${r.reference}`);
      const noReason = await co.post(`/reports/${r.reference}/route`, { teamIds: [pp.id], reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Enter the reason for re-routing/);
      const moved = await co.post(`/reports/${r.reference}/route`, {
        teamIds: [pp.id],
        reason: 'Construction noise, not litter',
      });
      assert.equal(moved.headers.location, '/queue');
      assert.equal((await co.get(`/reports/${r.reference}`)).statusCode, 403);
      const noise = new Client(t.app);
      await noise.signIn(DEMO.noiseOfficer);
      const page = await noise.get(`/reports/${r.reference}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Construction noise, not litter/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'report.rerouted')
        .where('subject_id', '=', r.id)
        .execute();
      assert.equal(audit.length, 1);
      const refused = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'report.refused')
        .where('subject_id', '=', r.id)
        .execute();
      assert.equal(refused.length, 1);
    });

    it('lets administrators change the service map, targets and states, which new reports follow', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const map = await admin.get('/admin/service-map');
      assert.equal(map.statusCode, 200);
      const vs = await t.deps.db
        .selectFrom('teams')
        .select('id')
        .where('code', '=', 'VS')
        .executeTakeFirstOrThrow();
      const added = await admin.post('/admin/service-map/rules', {
        categoryCode: 'harassment',
        placeContext: '*',
        teamId: vs.id,
        deliveryMethod: 'email',
        deliveryEmail: 'referrals@victimsupport.example',
      });
      assert.equal(added.statusCode, 302);
      await admin.get('/admin/service-map');
      const bad = await admin.post('/admin/service-map/rules', {
        categoryCode: 'harassment',
        placeContext: '*',
        teamId: vs.id,
        deliveryMethod: 'email',
        deliveryEmail: '',
      });
      assert.equal(bad.statusCode, 400);
      const harassment = await file({ categoryCode: 'harassment', description: 'Followed and threatened' });
      assert.ok(harassment.teams.some((x) => x.code === 'VS' && x.deliveryMethod === 'email'));
      const route = await t.deps.db
        .selectFrom('report_team_routes')
        .innerJoin('outbox', 'outbox.id', 'report_team_routes.outbox_id')
        .select(['outbox.recipient'])
        .where('report_team_routes.report_id', '=', harassment.id)
        .executeTakeFirstOrThrow();
      assert.equal(route.recipient, 'referrals@victimsupport.example');

      await admin.get('/admin/service-map/categories/graffiti');
      const slaBad = await admin.post('/admin/service-map/categories/graffiti', {
        slaHours: 'soon',
        publicDescription: 'x',
        active: 'yes',
      });
      assert.equal(slaBad.statusCode, 400);
      await admin.post('/admin/service-map/categories/graffiti', {
        slaHours: '48',
        publicDescription: 'Graffiti removed within 2 days',
        active: 'yes',
      });
      const g = await file();
      assert.equal(new Date(g.dueAt).getTime() - new Date(g.createdAt).getTime(), 48 * 3_600_000);

      await admin.get('/admin/service-map');
      await admin.post('/admin/service-map/states', {
        label: 'Passed to landlord',
        publicLabel: 'Passed to the landlord',
        kind: 'closed',
      });
      const states = await t.deps.db
        .selectFrom('report_states')
        .select(['code', 'kind'])
        .where('code', '=', 'passed-to-landlord')
        .execute();
      assert.deepEqual(states, [{ code: 'passed-to-landlord', kind: 'closed' }]);
      const tryIt = await admin.get(
        '/admin/service-map?tryCategory=noise-residential&tryContexts=barbican-estate',
      );
      assert.match(tryIt.body, /id="trial-result"[\s\S]*BE:/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'service-map.%')
        .execute();
      assert.equal(audit.length, 3);
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      assert.equal((await officer.get('/admin/service-map')).statusCode, 403);
    });
  });
}
