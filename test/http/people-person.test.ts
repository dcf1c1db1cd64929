import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { newId } from '../../src/platform/db/ids.js';

for (const dialect of testDialects()) {
  describe(`person page and repeats [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('flags a repeat victim after 3 reports, lists them and shows the person with an audited view', async () => {
      const people = t.services.people.people;
      const pid = t.demo.partnershipId;
      const add = (sourceId: string) =>
        people.addRecord(t.deps.db, {
          partnershipId: pid,
          sourceType: 'import',
          sourceId,
          role: 'victim',
          givenName: 'Ada',
          surname: 'Lovelace',
          dob: '1990-12-10',
          phone: '07700 900777',
        });
      const first = await add(newId());
      await add(newId());
      assert.deepEqual(await people.flagsFor(pid, first.personId), []);
      await add(newId());
      assert.deepEqual(await people.flagsFor(pid, first.personId), ['repeat-victim']);
      assert.equal((await people.repeatVictims(pid)).length, 1);

      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator); // sees every person (need-to-know)
      const list = await c.get('/people/repeats');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`/people/${first.personId}`));
      const page = await c.get(`/people/${first.personId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Repeat victim/);
      assert.equal((page.body.match(/Lovelace/g) ?? []).length >= 3, true);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'person.viewed')
        .where('subject_id', '=', first.personId)
        .execute();
      assert.equal(audit.length, 1);
      assert.equal((await c.get(`/people/${newId()}`)).statusCode, 404);
    });
  });
}
