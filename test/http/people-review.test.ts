import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { PeopleRepository } from '../../src/people/repository.js';
import { addBackground } from './people-fixtures.js';

for (const dialect of testDialects()) {
  describe(`people review queue [${dialect}]`, () => {
    let t: TestApp;
    let pid: string;
    before(async () => {
      t = await startTestApp(dialect);
      pid = t.demo.partnershipId;
      await addBackground(t.deps, pid);
    });
    after(() => t.close());

    const add = (
      given: string,
      dob: string | null,
      phone: string | null,
      role: 'victim' | 'perpetrator' = 'victim',
      surname = 'Smith',
      postcode: string | null = 'EC1A 1BB',
    ) =>
      t.services.people.people.addRecord(t.deps.db, {
        partnershipId: pid,
        sourceType: 'report',
        sourceId: null,
        role,
        givenName: given,
        surname,
        dob,
        phone,
        postcode,
      });

    /** Adds near-duplicates until one lands in the possible band (the band edges move as the model is retuned). */
    const firstPossible = async (
      variants: [string, string, string | null, string | null, string | null][],
    ) => {
      for (const [given, surname, dob, phone, postcode] of variants) {
        const r = await add(given, dob, phone, 'victim', surname, postcode);
        const m = await t.deps.db
          .selectFrom('possible_matches')
          .selectAll()
          .where('record_a_id', '=', r.recordId)
          .execute();
        if (m.length) return { record: r, matches: m };
      }
      throw new Error(`no variant of ${variants[0][0]} ${variants[0][1]} landed in the possible band`);
    };

    it('links a close duplicate, queues a possible match, and confirms / rejects from the page', async () => {
      const william = await add('William', '1980-03-07', '07700 900123');
      const same = await add('William', '1980-03-07', '07700 900123');
      assert.equal(same.personId, william.personId, 'an exact duplicate links');
      const found = await firstPossible([
        ['Bill', 'Smith', '1980-03-07', '07700 900999', 'EC1A 1BB'],
        ['Bill', 'Smith', '1980-07-03', '07700 900998', 'EC1A 1BB'],
        // Too little filled in to link automatically: the review queue decides.
        ['William', 'Smith', '1980', null, null],
        ['William', 'Smith', '1980-03-07', null, 'N1 9GU'],
      ]);
      const bill = found.record;
      assert.notEqual(bill.personId, william.personId, 'a possible match stays its own person');
      const pending = await t.deps.db
        .selectFrom('possible_matches')
        .selectAll()
        .where('record_a_id', '=', bill.recordId)
        .execute();
      assert.equal(pending.length, 1);
      assert.ok(pending[0].probability >= 0.1, `probability ${pending[0].probability}`);

      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator); // sees every person (need-to-know)
      const page = await c.get('/people/review');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Bill/);
      assert.match(page.body, /given name/);
      const confirmed = await c.post(`/people/review/${pending[0].id}`, { decision: 'confirm' });
      assert.equal(confirmed.statusCode, 302);
      const moved = await t.deps.db
        .selectFrom('person_records')
        .select('person_id')
        .where('id', '=', bill.recordId)
        .executeTakeFirstOrThrow();
      assert.equal(moved.person_id, william.personId);
      const after = await c.get('/people/review');
      assert.doesNotMatch(after.body, new RegExp(pending[0].id));

      await add('Robert', '1975-06-01', '07700 900321', 'victim', 'Jones');
      const other = await firstPossible([
        ['Bob', 'Jones', '1975-06-01', '07700 900555', 'EC1A 1BB'],
        ['Bob', 'Jones', '1975-01-06', '07700 900554', 'EC1A 1BB'],
        ['Robert', 'Jones', '1975', null, null],
        ['Robert', 'Jones', '1975-06-01', null, 'N1 9GU'],
      ]);
      const billy = other.record;
      const second = other.matches;
      assert.ok(second.length >= 1, 'Bob Jones with another phone is a possible match');
      await c.get('/people/review');
      const rejected = await c.post(`/people/review/${second[0].id}`, { decision: 'reject' });
      assert.equal(rejected.statusCode, 302);
      const row = await t.deps.db
        .selectFrom('possible_matches')
        .selectAll()
        .where('id', '=', second[0].id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'rejected');
      const billyNow = await t.deps.db
        .selectFrom('person_records')
        .select('person_id')
        .where('id', '=', billy.recordId)
        .executeTakeFirstOrThrow();
      assert.equal(billyNow.person_id, billy.personId);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', 'in', ['people.match-confirmed', 'people.match-rejected'])
        .execute();
      assert.equal(audit.length, 2);
    });

    it('asks once per pair of people, covers every pair of their records with one decision, and pages the queue', async () => {
      const repo = new PeopleRepository(t.deps.db);
      const explanation = { priorWeight: -8, matchWeight: 1, probability: 0.6, band: 'possible', fields: [] };
      const person = async (given: string, surname: string, n: number) => {
        const first = await add(given, null, null, 'victim', surname, null);
        const ids = [first.recordId];
        for (let i = 1; i < n; i++) {
          const r = await add(given, null, null, 'victim', surname, null);
          await t.deps.db
            .updateTable('person_records')
            .set({ person_id: first.personId })
            .where('id', '=', r.recordId)
            .execute();
          ids.push(r.recordId);
        }
        return { personId: first.personId, ids };
      };
      const possible = (a: string, b: string, probability: number) =>
        repo.insertPossible(
          pid,
          { a, b, weight: 1, probability, explanation: { ...explanation, probability } },
          new Date().toISOString(),
        );
      const clean = async () => {
        await t.deps.db
          .updateTable('possible_matches')
          .set({ status: 'rejected' })
          .where('partnership_id', '=', pid)
          .where('status', '=', 'pending')
          .execute();
      };
      const zara = await person('Zara', 'Quintero', 2);
      const zarah = await person('Zarah', 'Quinteros', 2);
      await clean(); // only the pairs made below
      for (const a of zarah.ids)
        for (const b of zara.ids) await possible(a, b, a === zarah.ids[0] && b === zara.ids[0] ? 0.7 : 0.5);

      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator); // sees every person (need-to-know)
      const page = await c.get('/people/review');
      assert.equal(
        (page.body.match(/class="govuk-!-margin-bottom-9 possible-match"/g) ?? []).length,
        1,
        'four record pairs, one question',
      );
      assert.match(page.body, /1 possible match to review/);
      assert.match(page.body, /have 4 pairs of records that may match/);
      const shown = page.body.match(/action="\/people\/review\/([0-9a-f-]{36})"/)![1];
      assert.equal((await c.post(`/people/review/${shown}`, { decision: 'reject' })).statusCode, 302);
      const statuses = await t.deps.db
        .selectFrom('possible_matches')
        .select('status')
        .where('record_a_id', 'in', zarah.ids)
        .where('record_b_id', 'in', zara.ids)
        .where('decided_by', 'is not', null)
        .execute();
      assert.deepEqual(
        statuses.map((r) => r.status),
        ['rejected', 'rejected', 'rejected', 'rejected'],
      );
      assert.match((await c.get('/people/review')).body, /There are no possible matches to review/);

      // 25 pairs of people: 20 on the first page, the rest on the second, most likely first.
      for (let i = 0; i < 25; i++) {
        const a = await person(
          `Given${String.fromCharCode(65 + i)}x`,
          `Family${String.fromCharCode(65 + i)}y`,
          1,
        );
        const b = await person(
          `Other${String.fromCharCode(65 + i)}q`,
          `Name${String.fromCharCode(65 + i)}w`,
          1,
        );
        await possible(b.ids[0], a.ids[0], 0.2 + i / 100);
      }
      await t.deps.db
        .updateTable('possible_matches')
        .set({ status: 'rejected' })
        .where('partnership_id', '=', pid)
        .where('status', '=', 'pending')
        .where('match_weight', '<>', 1)
        .execute();
      const first = await c.get('/people/review');
      assert.match(first.body, /25 possible matches to review, most likely first \(page 1 of 2\)/);
      assert.equal((first.body.match(/possible-match"/g) ?? []).length, 20);
      assert.match(first.body, /Probability 44%/);
      const second = await c.get('/people/review?page=2');
      assert.equal((second.body.match(/possible-match"/g) ?? []).length, 5);
      assert.match(second.body, /Probability 20%/);
      assert.doesNotMatch(second.body, /Probability 44%/);
      await clean();
    });

    it('refuses the queue to a call handler', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.callHandler);
      assert.equal((await c.get('/people/review')).statusCode, 403);
    });
  });
}
