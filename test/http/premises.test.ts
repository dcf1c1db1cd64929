import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { seedPremisesDemo } from '../../src/premises/demo.js';
import { seededRng } from '../../src/platform/rng.js';

for (const dialect of testDialects()) {
  describe(`licensed premises and the Traffic Light Scheme [${dialect}]`, () => {
    let t: TestApp;
    let premisesId: string;
    before(async () => {
      t = await startTestApp(dialect);
      const shared: Record<string, unknown> = {};
      await seedPremisesDemo({
        deps: t.deps,
        rng: seededRng(1),
        partnershipId: t.demo.partnershipId,
        shared,
      });
      premisesId = (shared.premises as { id: string }[])[0].id;
    });
    after(() => t.close());

    it('lists premises worst first with their colours', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.policeOfficer);
      const res = await c.get('/premises');
      assert.equal(res.statusCode, 200);
      const points = [...res.body.matchAll(/govuk-table__cell--numeric app-points">(\d+)</g)].map((m) =>
        Number(m[1]),
      );
      assert.equal(points.length, 36);
      assert.deepEqual(
        points,
        [...points].sort((a, b) => b - a),
      );
    });

    it('records incidents and shows why the colour changed, audited', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
      const before = await c.get(`/premises/${premisesId}`);
      const total = (b: string) => Number(/(\d+) points? \(/.exec(b)?.[1]);
      const start = total(before.body);
      for (let i = 0; i < 6; i++) {
        const r = await c.post(`/premises/${premisesId}/items`, {
          kind: 'penalty',
          type: 'crime',
          occurredOn: '2026-11-20',
          summary: `Assault outside ${i}`,
        });
        assert.equal(r.statusCode, 302);
        await c.get(`/premises/${premisesId}`);
      }
      const after = await c.get(`/premises/${premisesId}`);
      assert.ok(total(after.body) >= start + 18 - 4, `total went from ${start} to ${total(after.body)}`);
      assert.match(after.body, /Red:/);
      assert.match(after.body, /Crime: Assault outside 5/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', premisesId)
        .execute();
      assert.ok(audit.some((a) => a.action === 'premises.penalty-added'));
      assert.ok(audit.some((a) => a.action === 'premises.viewed'));
    });

    it('lists ASB reports made near the premises and records one as an incident, once', async () => {
      const p = await t.deps.db
        .selectFrom('premises')
        .selectAll()
        .where('id', '=', premisesId)
        .executeTakeFirstOrThrow();
      assert.ok(p.lat != null && p.lng != null, 'demo premises have a location');
      const file = (metresNorth: number, description: string) =>
        t.services.reports.reports.create(
          t.demo.partnershipId,
          {
            channel: 'web',
            categoryCode: 'licensed-premises',
            hateIncident: false,
            description,
            location: {
              text: 'Outside the bar',
              postcode: null,
              lat: p.lat! + metresNorth / 111_320,
              lng: p.lng!,
              precision: 'pin',
              contexts: [],
            },
            occurred: { kind: 'at', at: new Date(Date.now() - 86_400_000).toISOString(), note: null },
            reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
          },
          { kind: 'public' },
          { ip: null, requestId: null },
        );
      const near = await file(20, 'Shouting and glasses thrown outside at closing time');
      const far = await file(400, 'Noise from a street far away');
      const c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
      const page = await c.get(`/premises/${premisesId}`);
      assert.equal(page.statusCode, 200);
      const table = page.body.slice(page.body.indexOf('id="nearby-reports-table"'));
      assert.ok(table.includes(near.reference), 'the report 20 m away is listed');
      assert.ok(!page.body.includes(far.reference), 'the report 400 m away is not');
      const before = await t.deps.db
        .selectFrom('premises_items')
        .select('id')
        .where('premises_id', '=', premisesId)
        .execute();
      assert.equal((await c.post(`/premises/${premisesId}/reports/${near.id}`, {})).statusCode, 302);
      const item = await t.deps.db
        .selectFrom('premises_items')
        .selectAll()
        .where('source_id', '=', near.id)
        .executeTakeFirstOrThrow();
      assert.equal(item.premises_id, premisesId);
      assert.equal(item.type, 'asb');
      assert.equal(item.source_type, 'report');
      assert.match((await c.get(`/premises/${premisesId}`)).body, /Recorded as an incident/);
      // Twice, or a report from elsewhere: refused, nothing written.
      await c.post(`/premises/${premisesId}/reports/${near.id}`, {});
      await c.post(`/premises/${premisesId}/reports/${far.id}`, {});
      const after = await t.deps.db
        .selectFrom('premises_items')
        .select('id')
        .where('premises_id', '=', premisesId)
        .execute();
      assert.equal(after.length, before.length + 1);
      const refused = await c.get(`/premises/${premisesId}`);
      assert.match(refused.body, /is not within 50 metres/);

      // The register counts them for each premises.
      const list = await c.get('/premises');
      const row = list.body.slice(list.body.indexOf(`/premises/${premisesId}"`));
      const cells = [
        ...row.slice(0, row.indexOf('</tr>')).matchAll(/govuk-table__cell--numeric">(\d+|–)</g),
      ].map((m) => m[1]);
      assert.ok(Number(cells[0]) >= 1, `nearby reports counted for the premises: ${cells.join(', ')}`);

      // The partnership coordinator sees the list but cannot change a Traffic Light record.
      const coordinator = new Client(t.app);
      await coordinator.signIn(DEMO.coordinator);
      const seen = await coordinator.get(`/premises/${premisesId}`);
      assert.ok(seen.body.includes(near.reference));
      assert.doesNotMatch(seen.body, /Record as incident/);
      assert.equal(
        (await coordinator.post(`/premises/${premisesId}/reports/${near.id}`, {})).statusCode,
        403,
      );
    });

    it('names bad fields and keeps what was typed', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
      await c.get(`/premises/${premisesId}`);
      const res = await c.post(`/premises/${premisesId}/items`, {
        kind: 'penalty',
        type: 'noise',
        occurredOn: '27/11/2026',
        summary: 'Loud music',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter the date as YYYY-MM-DD/);
      assert.match(res.body, /href="#occurredOn"/);
      assert.match(res.body, /Loud music/);
      const future = await c.post(`/premises/${premisesId}/items`, {
        kind: 'credit',
        type: 'best-bar-none',
        occurredOn: '2099-01-01',
      });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /href="#credit-occurredOn"/);
    });

    it('a call handler cannot see premises', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.callHandler);
      assert.equal((await c.get('/premises')).statusCode, 403);
    });
  });
}
