import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedCaseReviewDemo } from '../../src/case-review/seed.js';
import { PlanService } from '../../src/plan/service.js';
import { applySmallNumbers } from '../../src/plan/transparency.js';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];

it('hides small numbers and rounds a total that would reveal them', () => {
  assert.deepEqual(applySmallNumbers([23, 3, 12, 0], 8), ['about 25', 'fewer than 8', '12', '0']);
  assert.deepEqual(applySmallNumbers([23, 9, 12, 8], 8), ['23', '9', '12', '8']);
  assert.deepEqual(applySmallNumbers([5, 0, 0, 0], 8), ['fewer than 8', '0', '0', '0']);
});

for (const dialect of testDialects()) {
  describe(`the public transparency page [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      const shared: Record<string, unknown> = { ...t.demo };
      await seedCaseReviewDemo({
        deps: t.deps,
        partnershipId: t.demo.partnershipId,
        shared,
        rng: seededRng(8),
      });
      await new PlanService(t.deps).loadCityPlan(t.demo.partnershipId);
    });
    after(() => t.close());

    it('shows nothing until published, then only the published sections with the small-number rule, audited', async () => {
      const anon = new Client(t.app);
      const before = await anon.get('/transparency');
      assert.equal(before.statusCode, 200);
      assert.match(main(before.body), /Nothing has been published yet/);
      assert.match(main(before.body), /href="\/report"/);

      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      await c.get('/plan/transparency');
      const bad = await c.post('/plan/transparency', { threshold: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose what to publish/);
      assert.match(bad.body, /Enter the small-number threshold as a whole number/);
      const ok = await c.post('/plan/transparency', { sections: 'caseReview', threshold: '8' });
      assert.equal(ok.statusCode, 302);

      const page = main((await anon.get('/transparency')).body);
      assert.match(page, /ASB Case Reviews/);
      assert.match(page, /counts from 1 to 7 are shown as "fewer than 8"/);
      assert.match(page, /fewer than 8/);
      assert.doesNotMatch(page, /progress by theme/, 'the plan was not published');
      // No figure from 1 to 7 appears as a number in the Case Review table.
      const cells = [...page.matchAll(/govuk-table__cell--numeric">\s*([^<]*?)\s*</g)].map((m) => m[1]);
      assert.ok(cells.length >= 4);
      assert.ok(
        cells.every((v) => !/^[1-7]$/.test(v)),
        cells.join(','),
      );

      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['details', 'user_label'])
        .where('action', '=', 'transparency.published')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details), { sections: ['caseReview'], threshold: 8 });

      await c.get('/plan/transparency');
      await c.post('/plan/transparency', { sections: ['caseReview', 'plan'], threshold: '5' });
      const again = main((await anon.get('/transparency')).body);
      assert.match(again, /Action plan 2023: progress by theme/);
      assert.match(again, /fewer than 5|[0-9]/);
      assert.equal((await anon.get('/plan/transparency')).statusCode, 302, 'publishing needs a sign-in');
    });
  });
}
