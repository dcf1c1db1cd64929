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
        'openedOn-day': '1',
        'openedOn-month': '1',
        'openedOn-year': '2026',
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

    it('keeps the risk questionnaire and bands as versioned settings, refusing bands that cannot work', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const page = await admin.get('/settings/risk-assessment');
      assert.equal(page.statusCode, 200);
      const questionnaire = /<textarea[^>]*id="questionnaire"[^>]*>([\s\S]*?)<\/textarea>/
        .exec(page.body)![1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      const base = {
        questionnaire,
        'reassessDays-standard': '28',
        'reassessDays-medium': '14',
        'reassessDays-high': '7',
      };
      const crossed = await admin.post('/settings/risk-assessment', {
        ...base,
        mediumFrom: '30',
        highFrom: '20',
      });
      assert.equal(crossed.statusCode, 400);
      assert.match(crossed.body, /The high band must start above the medium band/);
      const unreachable = await admin.post('/settings/risk-assessment', {
        ...base,
        mediumFrom: '16',
        highFrom: '80',
      });
      assert.match(
        unreachable.body,
        /No set of answers can reach the high band: the highest possible score is 57/,
      );
      const badJson = await admin.post('/settings/risk-assessment', {
        ...base,
        questionnaire: '[{',
        mediumFrom: '16',
        highFrom: '32',
      });
      assert.match(badJson.body, /The questions are not valid JSON/);
      const ok = await admin.post('/settings/risk-assessment', { ...base, mediumFrom: '10', highFrom: '20' });
      assert.equal(ok.statusCode, 303);
      const saved = await t.deps.db
        .selectFrom('risk_questionnaires')
        .selectAll()
        .where('active', '=', 1)
        .execute();
      assert.equal(saved.length, 1);
      assert.equal(JSON.parse(saved[0].definition).highFrom, 20);
      // An officer's form now explains the new bands.
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      const cases = await t.deps.db.selectFrom('cases').select('id').execute();
      const form = await officer.get(`/cases/${cases[0].id}/risk/new`);
      assert.match(form.body, /A score of 20 or more is high risk/);
      assert.equal((await officer.get('/settings/risk-assessment')).statusCode, 403);
    });
  });
}
