/**
 * The action plan's live figures: each equals a count made here from the raw rows, for the last
 * complete quarter and the same quarter a year before, and they show on the action and the board.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TZDate } from '@date-fns/tz';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedReportsDemo } from '../../src/reports/seed/demo.js';
import { seedCasesDemo } from '../../src/cases/seed.js';
import { seedPremisesDemo } from '../../src/premises/demo.js';
import { seedCaseReviewDemo } from '../../src/case-review/seed.js';
import { PlanService } from '../../src/plan/service.js';
import { PlanFiguresService } from '../../src/plan/figures-service.js';
import { planFigure, lastCompleteQuarter, yearBefore, type FigurePeriod } from '../../src/plan/figures.js';
import '../../src/plan-figures.js';

/** London midnight of a day, as a UTC instant, made with the timezone library (not the plan's code). */
const londonStart = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new TZDate(y, m - 1, d, 'Europe/London').toISOString();
};
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const inPeriod = (iso: string, p: FigurePeriod) =>
  Date.parse(iso) >= Date.parse(londonStart(p.from)) &&
  Date.parse(iso) < Date.parse(londonStart(nextDay(p.to)));

for (const dialect of testDialects()) {
  describe(`the action plan's live figures [${dialect}]`, () => {
    let t: TestApp;
    let quarter: FigurePeriod;
    before(async () => {
      t = await startTestApp(dialect);
      const shared: Record<string, unknown> = { ...t.demo };
      const ctx = { deps: t.deps, partnershipId: t.demo.partnershipId, shared, rng: seededRng(3) };
      await seedReportsDemo({ ...ctx, rng: seededRng(5) }, 900);
      await seedPremisesDemo({ ...ctx, rng: seededRng(6) });
      await seedCasesDemo({ ...ctx, rng: seededRng(7) });
      await seedCaseReviewDemo({ ...ctx, rng: seededRng(8) });
      await new PlanService(t.deps).loadCityPlan(t.demo.partnershipId);
      quarter = lastCompleteQuarter(new Date(t.deps.clock.now()).toISOString().slice(0, 10));
    });
    after(() => t.close());

    const value = async (key: string, p: FigurePeriod = quarter) =>
      (await new PlanFiguresService(t.deps).compute(planFigure(key)!, t.demo.partnershipId, p)).value;

    it('reports by channel, routed share and repeat phone callers equal counts of the raw reports', async () => {
      const reports = await t.deps.db
        .selectFrom('reports')
        .select(['id', 'channel', 'created_at', 'reporter_person_id'])
        .where('partnership_id', '=', t.demo.partnershipId)
        .execute();
      const routes = new Set(
        (await t.deps.db.selectFrom('report_team_routes').select('report_id').execute()).map(
          (r) => r.report_id,
        ),
      );
      for (const p of [quarter, yearBefore(quarter)]) {
        const of = reports.filter((r) => inPeriod(r.created_at, p));
        assert.ok(of.length > 20 || p !== quarter, `the demo has reports in ${p.from} to ${p.to}`);
        const pct = (n: number) => (of.length ? Math.round((n / of.length) * 1000) / 10 : null);
        assert.equal(await value('reports.total', p), of.length);
        assert.equal(await value('reports.phone', p), of.filter((r) => r.channel === 'phone').length);
        assert.equal(
          await value('reports.online-share', p),
          pct(of.filter((r) => r.channel === 'web').length),
        );
        assert.equal(await value('reports.routed-share', p), pct(of.filter((r) => routes.has(r.id)).length));
        const repeat = of.filter(
          (r) =>
            r.channel === 'phone' &&
            r.reporter_person_id &&
            reports.some(
              (e) =>
                e.reporter_person_id === r.reporter_person_id &&
                e.created_at < r.created_at &&
                Date.parse(e.created_at) >= Date.parse(londonStart(p.from)) - 365 * 86_400_000,
            ),
        );
        assert.equal(await value('reports.phone-repeat-callers', p), repeat.length);
      }
    });

    it('environmental jobs cleared and the median time to clear equal the raw jobs', async () => {
      const jobs = await t.deps.db
        .selectFrom('environmental_jobs')
        .select(['state', 'raised_at', 'cleared_at'])
        .execute();
      const cleared = jobs.filter(
        (j) => j.state === 'cleared' && j.cleared_at && inPeriod(j.cleared_at, quarter),
      );
      assert.equal(await value('environment.cleared'), cleared.length);
      const hours = cleared
        .map((j) => (Date.parse(j.cleared_at!) - Date.parse(j.raised_at)) / 3_600_000)
        .sort((a, b) => a - b);
      const mid = Math.floor(hours.length / 2);
      const median = !hours.length ? null : hours.length % 2 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
      assert.equal(await value('environment.median-hours-to-clear'), median);
    });

    it('powers used, open high-risk cases and Case Review applications equal the raw rows', async () => {
      const steps = await t.deps.db.selectFrom('ladder_steps').select('issued_on').execute();
      const inQuarter = (d: string | null) => !!d && d >= quarter.from && d <= quarter.to;
      assert.equal(await value('cases.powers-used'), steps.filter((s) => inQuarter(s.issued_on)).length);
      const cases = await t.deps.db.selectFrom('cases').select(['status', 'risk_band']).execute();
      assert.equal(
        await value('cases.open-high-risk'),
        cases.filter((c) => c.status !== 'closed' && c.risk_band === 'high').length,
      );
      const reviews = await t.deps.db
        .selectFrom('case_reviews')
        .select(['clock_starts_on', 'duplicate_of', 'review_held_on'])
        .execute();
      const whole = { from: '2000-01-01', to: '2099-12-31' };
      assert.equal(
        await value('case-review.applications', whole),
        reviews.filter((r) => r.clock_starts_on && !r.duplicate_of).length,
      );
      assert.equal(
        await value('case-review.reviews', whole),
        reviews.filter((r) => r.review_held_on && !r.duplicate_of).length,
      );
    });

    it('premises by colour add up to the register', async () => {
      const total = (await t.deps.db.selectFrom('premises').select('id').execute()).length;
      const [red, amber, green] = [
        await value('premises.red'),
        await value('premises.amber'),
        await value('premises.green'),
      ];
      assert.equal(red! + amber! + green!, total);
      assert.ok(red! > 0 && green! > 0, 'the demo register has red and green premises');
    });

    it("shows the figures on the action with the year-before trend, and the owner's target suggests a status", async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      const { id } = await t.deps.db
        .selectFrom('plan_actions')
        .select('id')
        .where('number', '=', 6)
        .executeTakeFirstOrThrow();
      const page = await c.get(`/plan/${id}`);
      assert.match(page.body, /Share of reports made online/);
      assert.match(
        page.body,
        /1 July 2026 to 30 September 2026|to 30 September|to 31 December|to 30 June|to 31 March/,
      );
      assert.match(page.body, /href="\/queue"/);
      const total = await value('reports.total');
      const saved = await c.post(`/plan/${id}/target`, {
        figureKey: 'reports.total',
        figureTarget: String(total! - 1),
      });
      assert.equal(saved.statusCode, 302);
      const after = await c.get(`/plan/${id}`);
      assert.match(
        after.body,
        /Reports of ASB made has reached the target of \d+: consider setting the status to Green/,
      );
      const bad = await c.post(`/plan/${id}/target`, { figureKey: 'reports.total', figureTarget: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the target as a number/);
      const board = await c.get('/plan/board');
      assert.match(board.body, /Environmental jobs cleared/);
    });

    it('the board dashboard shows a quarter beside the year before, each figure linking to its detail', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.manager);
      const page = await c.get('/plan/dashboard');
      assert.equal(page.statusCode, 200);
      const main = /<main[\s\S]*<\/main>/.exec(page.body)![0];
      assert.match(main, new RegExp(`Q\\d ${quarter.from.slice(0, 4)}`));
      assert.match(main, /<a class="govuk-link" href="\/premises">Licensed premises on red/);
      assert.match(main, /<a class="govuk-link" href="\/case-reviews">ASB Case Review applications received/);
      assert.match(main, /Reports by month and channel \(the chart as a table\)/);
      const total = await value('reports.total');
      assert.match(
        main,
        new RegExp(
          `Reports of ASB made</a>\\s*</td>\\s*<td class="govuk-table__cell govuk-table__cell--numeric">${total}`,
        ),
      );
      const older = await c.get(`/plan/dashboard?period=${yearBefore(quarter).from}`);
      assert.equal(older.statusCode, 200);
    });
  });
}
