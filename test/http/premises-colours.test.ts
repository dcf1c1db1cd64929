import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { newId } from '../../src/platform/db/ids.js';
import { runDueJobs, scheduleRecurringJobs } from '../../src/platform/jobs.js';
import { refreshColours } from '../../src/premises/colours.js';
import { NteRepository } from '../../src/nte/repository.js';
import type { LlpPack } from '../../src/nte/llp-pack.js';

for (const dialect of testDialects()) {
  describe(`Traffic Light colour changes [${dialect}]`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-11-29T12:00:00.000Z');
    const id = newId();
    let officerEmail: string;
    const pid = () => t.demo.partnershipId;
    const changes = () =>
      t.deps.db
        .selectFrom('premises_colour_changes')
        .selectAll()
        .where('premises_id', '=', id)
        .orderBy('created_at')
        .execute();
    const signedIn = async (email: string) => {
      const was = clock.iso();
      clock.set(new Date());
      const c = new Client(t.app);
      await c.signIn(email);
      clock.set(was);
      return c;
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      const officer = await t.deps.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', '=', DEMO.noiseOfficer)
        .executeTakeFirstOrThrow();
      officerEmail = officer.email;
      await new NteRepository(t.deps.db).saveSettings(
        t.deps.db,
        pid(),
        JSON.stringify({ licensingTeamEmail: 'licensing@example.gov.uk' }),
        clock.iso(),
        null,
      );
      await t.deps.db
        .insertInto('premises')
        .values({
          id,
          partnership_id: pid(),
          name: 'The Test Tavern',
          address: '1 Test Street',
          postcode: null,
          lat: 51.514,
          lng: -0.09,
          licence_ref: 'PL/1',
          licence_type: 'pub',
          hours: null,
          created_at: clock.iso(),
          licensed_from: '2024-06-01',
          officer_user_id: officer.id,
        })
        .execute();
      // Two crimes (3 points each): amber at 6. The first expires 12 months on, on 30 November 2026.
      const item = (on: string) => ({
        id: newId(),
        partnership_id: pid(),
        premises_id: id,
        kind: 'penalty' as const,
        type: 'crime',
        occurred_on: on,
        summary: 'Fight',
        points: null,
        points_reason: null,
        source_type: 'staff',
        source_id: null,
        recorded_by: null,
        created_at: clock.iso(),
      });
      await t.deps.db
        .insertInto('premises_items')
        .values([item('2025-11-30'), item('2026-01-10')])
        .execute();
    });
    after(() => t.close());

    it('turns green on the day points expire, overnight, and tells the licensing team and the named officer', async () => {
      assert.deepEqual(
        await refreshColours(t.deps, pid()),
        [],
        'the first colour is a starting point, not a change',
      );
      assert.equal((await changes())[0].to_band, 'amber');
      await scheduleRecurringJobs(t.deps);
      clock.set('2026-11-30T00:04:00.000Z');
      await runDueJobs(t.deps);
      assert.equal((await changes()).length, 1, 'nothing runs before the job is due');
      clock.set('2026-11-30T00:05:00.000Z');
      await runDueJobs(t.deps);
      const all = await changes();
      assert.equal(all.length, 2);
      assert.equal(all[1].from_band, 'amber');
      assert.equal(all[1].to_band, 'green');
      assert.equal(all[1].changed_on, '2026-11-30');
      assert.match(all[1].reason, /expired on 2026-11-30/);
      const outbox = await t.deps.db.selectFrom('outbox').selectAll().where('related_id', '=', id).execute();
      assert.deepEqual(
        outbox.map((m) => m.recipient).sort(),
        ['licensing@example.gov.uk', officerEmail].sort(),
      );
      assert.match(outbox[0].subject, /The Test Tavern is now green/);
    });

    it('refuses points dated before the premises existed or in the future, and never penalises its own calls', async () => {
      const c = await signedIn(DEMO.noiseOfficer);
      await c.get(`/premises/${id}`);
      const early = await c.post(`/premises/${id}/items`, {
        kind: 'penalty',
        type: 'crime',
        occurredOn: '2024-05-31',
        summary: 'Old',
      });
      assert.equal(early.statusCode, 400);
      assert.match(
        early.body,
        /first licensed on 2024-06-01: points cannot be dated before the premises existed/,
      );
      const future = await c.post(`/premises/${id}/items`, {
        kind: 'penalty',
        type: 'crime',
        occurredOn: '2026-12-25',
        summary: 'Later',
      });
      assert.match(future.body, /2026-12-25 is in the future/);
      const own = await c.post(`/premises/${id}/items`, {
        kind: 'penalty',
        type: 'crime',
        occurredOn: '2026-11-30',
        summary: 'Door staff called police to a fight',
        selfReported: 'yes',
      });
      assert.equal(own.statusCode, 302);
      const page = await c.get(`/premises/${id}`);
      assert.match(page.body, /Green: 3 points/);
      assert.match(page.body, /Reported by the premises itself/);
    });

    it("turns amber straight after incidents are recorded, and the month's Licensing Liaison pack lists both changes", async () => {
      const c = await signedIn(DEMO.noiseOfficer);
      await c.get(`/premises/${id}`);
      for (const day of ['2026-11-28', '2026-11-29'])
        assert.equal(
          (
            await c.post(`/premises/${id}/items`, {
              kind: 'penalty',
              type: 'asb',
              occurredOn: day,
              summary: 'Crowd',
            })
          ).statusCode,
          302,
        );
      const all = await changes();
      assert.equal(all.at(-1)!.to_band, 'amber');
      const page = await c.get(`/premises/${id}`);
      assert.match(page.body, /Green to Amber/);
      const llp = (await t.services.nte.build(pid(), 'llp', '2026-11')) as LlpPack;
      assert.deepEqual(
        llp.colourChanges.filter((x) => x.premises === 'The Test Tavern').map((x) => `${x.from}>${x.to}`),
        ['green>amber', 'amber>green'],
      );
      assert.equal(llp.topPremises[0].name, 'The Test Tavern');
    });
  });
}
