import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`the partnership's action plan [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await t.services.plan.plan.loadCityPlan(t.demo.partnershipId);
    });
    after(() => t.close());

    it('lists the 28 actions and a coordinator sets one green with progress, audited', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      const list = await c.get('/plan');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<span class="app-stat">28<\/span> amber/);
      const id = /href="\/plan\/([0-9a-f-]+)">Advertise ASB Case Review/.exec(list.body)![1];
      await c.get(`/plan/${id}`);
      const bad = await c.post(`/plan/${id}`, { rag: 'purple', note: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Select a status/);
      assert.match(bad.body, /Describe the progress/);
      const ok = await c.post(`/plan/${id}`, { rag: 'green', note: 'Case Review page and online form live' });
      assert.equal(ok.statusCode, 302);
      const after = await c.get('/plan');
      assert.match(after.body, /<span class="app-stat">1<\/span> green/);
      const page = await c.get(`/plan/${id}`);
      assert.match(page.body, /Case Review page and online form live/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'plan.updated')
        .where('subject_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details), { from: 'amber', to: 'green' });
    });

    it('an officer reads the plan but cannot change it', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.officer);
      const list = await c.get('/plan');
      const id = /href="\/plan\/([0-9a-f-]+)"/.exec(list.body)![1];
      const page = await c.get(`/plan/${id}`);
      assert.doesNotMatch(page.body, /Save progress/);
      assert.equal((await c.post(`/plan/${id}`, { rag: 'red', note: 'x' })).statusCode, 403);
    });
  });
}
