import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { PeopleService } from '../../src/people/service.js';
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
      new PeopleService(t.deps).addRecord(t.deps.db, {
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
    const firstPossible = async (variants: [string, string, string | null, string | null, string | null][]) => {
      for (const [given, surname, dob, phone, postcode] of variants) {
        const r = await add(given, dob, phone, 'victim', surname, postcode);
        const m = await t.deps.db.selectFrom('possible_matches').selectAll().where('record_a_id', '=', r.recordId).execute();
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
      const pending = await t.deps.db.selectFrom('possible_matches').selectAll().where('record_a_id', '=', bill.recordId).execute();
      assert.equal(pending.length, 1);
      assert.ok(pending[0].probability >= 0.1, `probability ${pending[0].probability}`);

      const c = new Client(t.app);
      await c.signIn(DEMO.officer);
      const page = await c.get('/people/review');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Bill/);
      assert.match(page.body, /given name/);
      const confirmed = await c.post(`/people/review/${pending[0].id}`, { decision: 'confirm' });
      assert.equal(confirmed.statusCode, 302);
      const moved = await t.deps.db.selectFrom('person_records').select('person_id').where('id', '=', bill.recordId).executeTakeFirstOrThrow();
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
      const row = await t.deps.db.selectFrom('possible_matches').selectAll().where('id', '=', second[0].id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'rejected');
      const billyNow = await t.deps.db.selectFrom('person_records').select('person_id').where('id', '=', billy.recordId).executeTakeFirstOrThrow();
      assert.equal(billyNow.person_id, billy.personId);
      const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', 'in', ['people.match-confirmed', 'people.match-rejected']).execute();
      assert.equal(audit.length, 2);
    });

    it('refuses the queue to a call handler', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.callHandler);
      assert.equal((await c.get('/people/review')).statusCode, 403);
    });
  });
}
