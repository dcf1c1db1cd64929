import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { AuditService } from '../../src/platform/audit/service.js';

for (const dialect of testDialects()) {
  describe(`reports JSON API [${dialect}]`, () => {
    let t: TestApp;
    let key: string;
    let other: string;
    before(async () => {
      t = await startTestApp(dialect);
      const keys = t.services.reports.apiKeys;
      key = await keys.createForSystem(t.demo.partnershipId, 'Partner A', 1000);
      other = await keys.createForSystem(t.demo.partnershipId, 'Partner B', 1000);
    });
    after(() => t.close());

    const send = (body: unknown, k: string | null = key) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: k ? { 'x-api-key': k } : {},
        payload: body as object,
      });

    it('publishes an OpenAPI 3 document and a docs page', async () => {
      const doc = (await t.app.inject({ url: '/api/docs/openapi.json' })).json();
      assert.equal(doc.openapi, '3.0.3');
      assert.ok(doc.paths['/api/v1/reports'].post);
      assert.ok(doc.components.schemas.NewReport.properties.category);
      const page = await t.app.inject({ url: '/api/docs' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /X-API-Key/);
    });

    it('creates a report, routes it, and lets only the sending key read it', async () => {
      const res = await send({
        category: 'aggressive-begging',
        description: 'Man following commuters and demanding money',
        location: { lat: 51.5178, lng: -0.0823 },
        reporter: {
          kind: 'witness',
          name: 'Sam Partner',
          email: 'sam@partner.example',
          contactPreference: 'email',
        },
        externalId: 'P-1',
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.match(body.reference, /^ASB-\d{4}-\d{6}$/);
      assert.deepEqual(body.teams.map((x: any) => x.code).sort(), ['CCS', 'COLP-LP']);
      assert.equal(res.headers.location, `/api/v1/reports/${body.reference}`);
      const got = await t.app.inject({
        url: `/api/v1/reports/${body.reference}`,
        headers: { 'x-api-key': key },
      });
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().externalId, 'P-1');
      assert.equal(got.json().updates[0].text, 'Report received');
      const stranger = await t.app.inject({
        url: `/api/v1/reports/${body.reference}`,
        headers: { authorization: `Bearer ${other}` },
      });
      assert.equal(stranger.statusCode, 404);
      const mine = (
        await t.app.inject({ url: '/api/v1/reports?state=open', headers: { 'x-api-key': key } })
      ).json();
      assert.ok(mine.reports.some((r: any) => r.reference === body.reference));
      const theirs = (await t.app.inject({ url: '/api/v1/reports', headers: { 'x-api-key': other } })).json();
      assert.equal(theirs.reports.length, 0);
      const ack = await t.deps.db
        .selectFrom('outbox')
        .select('recipient')
        .where('related_id', '=', body.id)
        .where('template', '=', 'report-acknowledgement')
        .execute();
      assert.deepEqual(ack, [{ recipient: 'sam@partner.example' }]);
    });

    it('files reports sent at once in shared commits, each with its audit entry, team notices and acknowledgement, and the audit chain still verifies', async () => {
      const report = (i: number, reporter: Record<string, unknown>) => ({
        category: 'aggressive-begging',
        description: `Sent at once ${i}`,
        location: { lat: 51.5178, lng: -0.0823 },
        reporter,
        externalId: `AT-ONCE-${i}`,
      });
      // Teams with an address are told about new work by email.
      const teamEmails = () => t.services.reports.reference.invalidate(t.demo.partnershipId);
      await t.deps.db
        .updateTable('teams')
        .set({ email: 'team@partner.example' })
        .where('partnership_id', '=', t.demo.partnershipId)
        .where('code', 'in', ['CCS', 'COLP-LP'])
        .execute();
      teamEmails();
      const sent = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          send(
            report(
              i,
              i === 3
                ? {
                    kind: 'victim',
                    name: 'Robin Again',
                    email: 'robin.again@partner.example',
                    contactPreference: 'email',
                  }
                : i % 2
                  ? { anonymous: true }
                  : { name: `Person ${i}`, email: `p${i}@partner.example`, contactPreference: 'email' },
            ),
          ),
        ),
      );
      assert.deepEqual(
        new Set(sent.map((r) => r.statusCode)),
        new Set([201]),
        sent.map((r) => r.body).join('\n'),
      );
      const ids = sent.map((r) => r.json().id as string);
      assert.equal(new Set(sent.map((r) => r.json().reference)).size, 12);
      const audited = await t.deps.db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'report.created')
        .where('subject_id', 'in', ids)
        .execute();
      assert.equal(audited.length, 12);
      const messages = await t.deps.db
        .selectFrom('outbox')
        .select(['related_id', 'template', 'body'])
        .where('related_id', 'in', ids)
        .execute();
      for (const [i, id] of ids.entries()) {
        const mine = messages.filter((m) => m.related_id === id);
        assert.equal(
          mine.filter((m) => m.template === 'report-acknowledgement').length,
          i % 2 && i !== 3 ? 0 : 1,
          `acknowledgement of report ${i}`,
        );
        assert.equal(
          mine.filter((m) => m.template === 'report-new-in-queue').length,
          2,
          `team notices of report ${i}`,
        );
        for (const m of mine) assert.doesNotMatch(m.body, /ASB Case Review/);
      }
      // The same reporter again: their acknowledgement now mentions the ASB Case Review.
      const again = await send(
        report(12, {
          kind: 'victim',
          name: 'Robin Again',
          email: 'robin.again@partner.example',
          contactPreference: 'email',
        }),
      );
      assert.equal(again.statusCode, 201, again.body);
      const ack = await t.deps.db
        .selectFrom('outbox')
        .select('body')
        .where('related_id', '=', again.json().id)
        .where('template', '=', 'report-acknowledgement')
        .executeTakeFirstOrThrow();
      assert.match(ack.body, /ASB Case Review/);
      const verified = await new AuditService(t.deps.db, t.deps.dialect, t.deps.clock).verify();
      assert.equal(verified.ok, true, JSON.stringify(verified));
      await t.deps.db
        .updateTable('teams')
        .set({ email: null })
        .where('partnership_id', '=', t.demo.partnershipId)
        .where('code', 'in', ['CCS', 'COLP-LP'])
        .execute();
      teamEmails();
    });

    it('refuses requests without a valid key', async () => {
      assert.equal((await send({ category: 'graffiti' }, null)).statusCode, 401);
      assert.equal((await send({ category: 'graffiti' }, 'asbh_bad_key')).statusCode, 403);
    });

    it('names each field at fault', async () => {
      const res = await send({
        category: 'graffiti',
        description: '',
        location: {},
        reporter: { email: 'nope' },
        surprise: 1,
      });
      assert.equal(res.statusCode, 400);
      const fields = res.json().fields;
      assert.ok(fields.description);
      assert.ok(fields.location);
      assert.ok(fields['reporter.email']);
      assert.ok(fields[''] || fields.body, 'unknown keys are refused');
      const unknown = await send({ category: 'no-such', description: 'x', location: { text: 'Cheapside' } });
      assert.equal(unknown.statusCode, 400);
      assert.ok(unknown.json().fields.category);
      const outside = await send({
        category: 'graffiti',
        description: 'x',
        location: { lat: 51.5007, lng: -0.1246 },
      });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.json().fields.location, /outside/);
    });

    it('lets administrators make and revoke keys in the UI; a revoked key stops working', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      await admin.get('/admin/api-keys');
      const made = await admin.post('/admin/api-keys', { name: 'FixMyStreet City', rateLimit: '600' });
      assert.equal(made.statusCode, 200);
      const newKey = /id="new-key">([^<]+)</.exec(made.body)![1];
      const ok = await send(
        { category: 'fly-posting', description: 'Posters', location: { text: 'Cheapside' } },
        newKey,
      );
      assert.equal(ok.statusCode, 201);
      const row = await t.deps.db
        .selectFrom('partner_api_keys')
        .select('id')
        .where('name', '=', 'FixMyStreet City')
        .executeTakeFirstOrThrow();
      const revoked = await admin.post(`/admin/api-keys/${row.id}/revoke`);
      assert.equal(revoked.statusCode, 302);
      assert.equal(
        (
          await send(
            { category: 'fly-posting', description: 'Posters', location: { text: 'Cheapside' } },
            newKey,
          )
        ).statusCode,
        403,
      );
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      assert.equal((await officer.get('/admin/api-keys')).statusCode, 403);
    });
  });
}
