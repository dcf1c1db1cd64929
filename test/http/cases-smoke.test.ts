import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fileTestReport } from '../../src/cases/test-support.js';

for (const dialect of testDialects()) {
  describe(`cases smoke [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('opens a case from two reports and shows it', async () => {
      const r1 = await fileTestReport(t.deps, t.demo.partnershipId);
      const r2 = await fileTestReport(t.deps, t.demo.partnershipId);
      const c = new Client(t.app);
      await c.signIn(DEMO.officer);
      const form = await c.get(`/cases/new?reports=${r1.id},${r2.id}`);
      assert.equal(form.statusCode, 200, form.body);
      const res = await c.post('/cases/new', {
        title: 'Harassment at Golden Lane',
        caseType: 'personal',
        summary: 'Abuse from a neighbour',
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
        'openedOn-day': '1', 'openedOn-month': '1', 'openedOn-year': '2026',
        reportIds: [r1.id, r2.id],
        addReporters: 'yes',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const page = await c.get(res.headers.location as string);
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, new RegExp(r1.reference));
      assert.match(page.body, /Vera Victim/);
      for (const p of ['risk', 'actions', 'powers']) {
        const sub = await c.get(`${res.headers.location}/${p}`);
        assert.equal(sub.statusCode, 200, `${p}: ${sub.body.slice(0, 2000)}`);
      }
    });
  });
}
