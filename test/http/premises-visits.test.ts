import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { newId } from '../../src/platform/db/ids.js';
import { londonDateOf, addDays } from '../../src/platform/dates/index.js';
import { VisitService } from '../../src/premises/visits.js';
import { refreshColours } from '../../src/premises/colours.js';
import { NteService } from '../../src/nte/service.js';
import type { LlpPack } from '../../src/nte/llp-pack.js';

for (const dialect of testDialects()) {
  describe(`licensing visits [${dialect}]`, () => {
    let t: TestApp;
    let c: Client;
    const id = newId();
    const today = londonDateOf(new Date());

    before(async () => {
      t = await startTestApp(dialect);
      await t.deps.db
        .insertInto('premises')
        .values({
          id,
          partnership_id: t.demo.partnershipId,
          name: 'The Visited Arms',
          address: '2 Test Row',
          postcode: null,
          lat: null,
          lng: null,
          licence_ref: 'PL/2',
          licence_type: 'pub',
          hours: null,
          created_at: new Date().toISOString(),
          licensed_from: '2021-03-01',
          officer_user_id: null,
        })
        .execute();
      await refreshColours(t.deps, t.demo.partnershipId); // the daily job has seen it green
      c = new Client(t.app);
      await c.signIn(DEMO.noiseOfficer);
    });
    after(() => t.close());

    it('shows a premises never visited as due, on the list and the home card', async () => {
      const due = await new VisitService(t.deps).due(t.demo.partnershipId);
      assert.deepEqual(
        due.map((d) => d.premises.name),
        ['The Visited Arms'],
      );
      const home = await c.get('/staff');
      assert.match(home.body, /1 due a licensing visit/);
      const list = await c.get('/premises/visits/due');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /The Visited Arms/);
    });

    it('refuses a visit done without findings or outcome, and a planned visit in the past, keeping what was typed', async () => {
      await c.get(`/premises/${id}/visits/new`);
      const r = await c.post(`/premises/${id}/visits`, {
        status: 'done',
        visitOn: today,
        conditionsChecked: 'CCTV',
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /There is a problem/);
      assert.match(r.body, /Select the outcome of the visit/);
      assert.match(r.body, /Enter what the visit found/);
      assert.match(r.body, />CCTV</);
      const past = await c.post(`/premises/${id}/visits`, { status: 'planned', visitOn: addDays(today, -3) });
      assert.match(past.body, /A planned visit must be today or later/);
    });

    it('adds Traffic Light points for breaches in one step, and the premises is then not due for a month', async () => {
      await c.get(`/premises/${id}/visits/new`);
      const r = await c.post(`/premises/${id}/visits`, {
        status: 'done',
        visitOn: today,
        findings: 'No door staff at 23:30; capacity exceeded',
        conditionsChecked: 'Door staff; capacity',
        outcome: 'breaches',
        breaches: '2',
      });
      assert.equal(r.statusCode, 302);
      const items = await t.deps.db
        .selectFrom('premises_items')
        .selectAll()
        .where('premises_id', '=', id)
        .execute();
      assert.equal(items.length, 2);
      assert.ok(items.every((i) => i.type === 'licence-breach' && i.source_type === 'visit'));
      const page = await c.get(`/premises/${id}`);
      assert.match(page.body, /Amber: 6 points/);
      assert.match(page.body, /Breaches of licence conditions found \(2\)/);
      assert.match(page.body, /Green to Amber/);
      assert.deepEqual(await new VisitService(t.deps).due(t.demo.partnershipId), []);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', id)
        .execute();
      assert.ok(audit.some((a) => a.action === 'premises.visit-done'));
    });

    it('records interventions with their statutory dates, refuses a review date beyond 12 weeks, and closes them with an outcome', async () => {
      await c.get(`/premises/${id}/interventions/new`);
      const late = await c.post(`/premises/${id}/interventions`, {
        kind: 'action-plan',
        startedOn: today,
        details: 'Door staff from 22:00',
        responsiblePerson: 'Duty manager',
        reviewOn: addDays(today, 85),
      });
      assert.equal(late.statusCode, 400);
      assert.match(late.body, /within 12 weeks/);
      assert.match(late.body, /value="Duty manager"/);
      const plan = await c.post(`/premises/${id}/interventions`, {
        kind: 'action-plan',
        startedOn: today,
        details: 'Door staff from 22:00',
        responsiblePerson: 'Duty manager',
        reviewOn: addDays(today, 84),
      });
      assert.equal(plan.statusCode, 302);
      const earlyHearing = await c.post(`/premises/${id}/interventions`, {
        kind: 'licence-review',
        startedOn: today,
        details: 'Serious disorder',
        hearingOn: addDays(today, 20),
      });
      assert.match(earlyHearing.body, /after the 28-day representation period/);
      const review = await c.post(`/premises/${id}/interventions`, {
        kind: 'licence-review',
        startedOn: today,
        details: 'Serious disorder',
        summaryReview: 'yes',
        hearingOn: addDays(today, 10),
      });
      assert.equal(review.statusCode, 302);
      const page = await c.get(`/premises/${id}`);
      assert.ok(page.body.includes(`Representations close: ${addDays(today, 28)}`));
      assert.ok(page.body.includes(`Interim steps decided by (48 hours): ${addDays(today, 2)}`));
      assert.ok(page.body.includes(`Appeal window closes (21 days): ${addDays(today, 31)}`));
      const llp = (await new NteService(t.deps).build(
        t.demo.partnershipId,
        'llp',
        today.slice(0, 7),
      )) as LlpPack;
      assert.deepEqual(llp.openInterventions.map((i) => i.kind).sort(), [
        'Agreed action plan',
        'Licence review',
      ]);
      const open = await t.deps.db
        .selectFrom('premises_interventions')
        .selectAll()
        .where('kind', '=', 'action-plan')
        .executeTakeFirstOrThrow();
      assert.equal(
        (await c.post(`/premises/${id}/interventions/${open.id}/outcome`, { outcome: 'met' })).statusCode,
        302,
      );
      assert.match((await c.get(`/premises/${id}`)).body, /Outcome: Met/);
    });
  });
}
