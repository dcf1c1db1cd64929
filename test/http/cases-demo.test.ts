/**
 * The cases demo seed: cases at every stage, made the same way from the same seed, and every case
 * page renders for its single point of contact.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedReportsDemo } from '../../src/reports/seed/demo.js';
import { seedCasesDemo } from '../../src/cases/seed.js';
import { fixedClock } from '../../src/platform/db/clock.js';

async function seed(t: TestApp) {
  const shared: Record<string, unknown> = { ...t.demo };
  const ctx = { deps: t.deps, partnershipId: t.demo.partnershipId, shared, rng: seededRng(11) };
  await seedReportsDemo({ ...ctx, rng: seededRng(5) }, 1500);
  const result = await seedCasesDemo(ctx);
  return { result, shared };
}

const summary = (t: TestApp) =>
  t.deps.db
    .selectFrom('cases')
    .select(['title', 'status', 'risk_band', 'case_type', 'opened_on'])
    .orderBy('reference')
    .execute();

describe('cases demo seed [sqlite]', () => {
  let t: TestApp;
  let shared: Record<string, unknown>;
  before(async () => {
    t = await startTestApp('sqlite');
    const s = await seed(t);
    shared = s.shared;
    assert.equal(s.result.cases, 38);
  });
  after(() => t.close());

  it('makes cases at every stage, with parties, risk, actions, contacts, ladder steps and referrals', async () => {
    const rows = await summary(t);
    assert.equal(rows.length, 38);
    assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), [
      'closed',
      'in-progress',
      'open',
      'under-review',
    ]);
    assert.deepEqual([...new Set(rows.map((r) => r.risk_band ?? 'none'))].sort(), [
      'high',
      'medium',
      'none',
      'standard',
    ]);
    const count = async (
      table:
        | 'case_parties'
        | 'risk_assessments'
        | 'case_actions'
        | 'case_contacts'
        | 'ladder_steps'
        | 'marac_referrals'
        | 'case_reports',
    ) =>
      Number(
        (
          await t.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.ok((await count('case_parties')) >= 38 * 2, 'a victim and a perpetrator on each case');
    assert.equal(await count('risk_assessments'), 33, 'every case past "open" is assessed');
    const counts = {
      actions: await count('case_actions'),
      contacts: await count('case_contacts'),
      steps: await count('ladder_steps'),
      referrals: await count('marac_referrals'),
    };
    assert.ok(
      counts.actions >= 33 && counts.contacts > 50 && counts.steps > 30 && counts.referrals >= 6,
      JSON.stringify(counts),
    );
    const fromReports = await t.deps.db.selectFrom('case_reports').select('case_id').distinct().execute();
    assert.ok(fromReports.length >= 15, `${fromReports.length} cases opened from reports`);
    const letters = await t.deps.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'case-closure')
      .execute();
    assert.ok(letters.length >= 4, 'closed cases told their victims by letter');
    assert.equal((shared.cases as unknown[]).length, 38);
  });

  it('makes the same cases from the same seed', async () => {
    // The demo reports are dated back from "now", so both runs fix the clock at the same time.
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const app = await startTestApp('sqlite', { clock: fixedClock('2026-06-15T09:30:00.000Z') });
      try {
        await seed(app);
        runs.push(await summary(app));
      } finally {
        await app.close();
      }
    }
    assert.equal(runs[0].length, 38);
    assert.deepEqual(runs[1], runs[0]);
  });

  it('renders every case for its single point of contact, and the work lists', async () => {
    const officers = [
      DEMO.officer,
      DEMO.policeOfficer,
      DEMO.noiseOfficer,
      DEMO.estateOfficer,
      DEMO.cleansingOfficer,
    ];
    const cases = await t.deps.db.selectFrom('cases').select(['id', 'spoc_user_id']).execute();
    let seen = 0;
    for (const email of officers) {
      const mine = cases.filter((c) => c.spoc_user_id === t.demo.users[email]);
      if (!mine.length) continue;
      const c = new Client(t.app);
      await c.signIn(email);
      for (const k of mine) {
        for (const path of ['', '/risk', '/actions', '/powers', '/contacts', '/timeline']) {
          const res = await c.get(`/cases/${k.id}${path}`);
          assert.equal(res.statusCode, 200, `${email} ${path}`);
        }
        seen++;
      }
      for (const path of ['/cases', '/my-work', '/expiring-soon?days=90', '/my-work/overdue'])
        assert.equal((await c.get(path)).statusCode, 200, path);
    }
    assert.equal(seen, 38);
    const coordinator = new Client(t.app);
    await coordinator.signIn(DEMO.coordinator);
    const inbox = await coordinator.get('/marac-referrals?status=');
    assert.equal(inbox.statusCode, 200);
    const listed = (inbox.body.match(/href="\/marac-referrals\/[0-9a-f-]{36}"/g) ?? []).length;
    assert.equal(
      listed,
      Number(
        (
          await t.deps.db
            .selectFrom('marac_referrals')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  });
});
