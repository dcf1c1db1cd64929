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
      await seedPremisesDemo({ deps: t.deps, rng: seededRng(1), partnershipId: t.demo.partnershipId, shared });
      premisesId = (shared.premises as { id: string }[])[0].id;
    });
    after(() => t.close());

    it('lists premises worst first with their colours', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.policeOfficer);
      const res = await c.get('/premises');
      assert.equal(res.statusCode, 200);
      const points = [...res.body.matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) => Number(m[1]));
      assert.equal(points.length, 36);
      assert.deepEqual(points, [...points].sort((a, b) => b - a));
    });

    it('records incidents and shows why the colour changed, audited', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
      const before = await c.get(`/premises/${premisesId}`);
      const total = (b: string) => Number(/(\d+) points? \(/.exec(b)?.[1]);
      const start = total(before.body);
      for (let i = 0; i < 6; i++) {
        const r = await c.post(`/premises/${premisesId}/items`, { kind: 'penalty', type: 'crime', occurredOn: '2026-11-20', summary: `Assault outside ${i}` });
        assert.equal(r.statusCode, 302);
        await c.get(`/premises/${premisesId}`);
      }
      const after = await c.get(`/premises/${premisesId}`);
      assert.ok(total(after.body) >= start + 18 - 4, `total went from ${start} to ${total(after.body)}`);
      assert.match(after.body, /Red:/);
      assert.match(after.body, /Crime: Assault outside 5/);
      const audit = await t.deps.db.selectFrom('audit_log').select('action').where('subject_id', '=', premisesId).execute();
      assert.ok(audit.some((a) => a.action === 'premises.penalty-added'));
      assert.ok(audit.some((a) => a.action === 'premises.viewed'));
    });

    it('names bad fields and keeps what was typed', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
      await c.get(`/premises/${premisesId}`);
      const res = await c.post(`/premises/${premisesId}/items`, { kind: 'penalty', type: 'noise', occurredOn: '27/11/2026', summary: 'Loud music' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter the date as YYYY-MM-DD/);
      assert.match(res.body, /href="#occurredOn"/);
      assert.match(res.body, /Loud music/);
      const future = await c.post(`/premises/${premisesId}/items`, { kind: 'credit', type: 'best-bar-none', occurredOn: '2099-01-01' });
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
