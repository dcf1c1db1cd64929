import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { recordContact } from '../helpers/operations.js';

for (const dialect of testDialects()) {
  describe(`outreach contacts [${dialect}]`, () => {
    let t: TestApp;
    const worker = new Client(null as never);
    let firstPerson = '';
    before(async () => {
      t = await startTestApp(dialect);
      Object.assign(worker, new Client(t.app));
      await worker.signIn(DEMO.outreach);
    });
    after(() => t.close());

    it('refuses a contact without a place or a time, naming the field, and keeps what was typed', async () => {
      await worker.get('/operations');
      const start = await worker.post('/operations/contacts');
      const base = String(start.headers.location).replace(/\/where$/, '');
      await worker.get(`${base}/where`);
      const r = await worker.post(`${base}/where`, {
        landmark: '',
        placeDetail: 'By the north exit',
        'occurredOn-day': '7',
        'occurredOn-month': '12',
        'occurredOn-year': '2026',
        occurredTime: '',
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /Enter where the contact took place/);
      assert.match(r.body, /Enter the time of the contact/);
      assert.match(r.body, /href="#landmark"/);
      assert.match(r.body, /value="By the north exit"/);
      // The draft kept what was valid: a dropped connection here loses nothing.
      const again = await worker.get(`${base}/where`);
      assert.match(again.body, /value="By the north exit"/);
      const bad = await worker.post(`${base}/where`, {
        landmark: 'Bank station',
        'occurredOn-day': '7',
        'occurredOn-month': '12',
        'occurredOn-year': '2026',
        occurredTime: '25:99',
      });
      assert.match(bad.body, /hours and minutes/);
      // Submitting the draft without a time is refused with the field named.
      await worker.get(`${base}/check`);
      const submit = await worker.post(`${base}/submit`);
      assert.equal(submit.statusCode, 400);
      assert.match(submit.body, /Enter the time of the contact/);
      assert.match(submit.body, /id="occurredTime"/);
      const row = await t.deps.db
        .selectFrom('outreach_contacts')
        .selectAll()
        .where('id', '=', base.split('/').pop()!)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
      assert.equal(row.place_name, 'Bank station');
      // The worker's unfinished contact is on their outreach page.
      assert.match((await worker.get('/operations')).body, /Your unfinished contacts/);
    });

    it('records a contact, then a later contact recognises the same person through the suggestions', async () => {
      const first = await recordContact(
        worker,
        { givenName: 'Danny', surname: 'Mills', appearance: 'Green parka, grey beard' },
        { offered: ['hub-place'] },
      );
      assert.equal(first.done.statusCode, 303);
      firstPerson = String(first.done.headers.location).split('/').pop()!;
      const second = await recordContact(
        worker,
        { givenName: 'Danny', appearance: 'Green parka' },
        { match: 'first' },
      );
      assert.equal(String(second.done.headers.location).split('/').pop(), firstPerson);
      const rows = await t.deps.db
        .selectFrom('outreach_contacts')
        .select(['person_id'])
        .where('status', '=', 'submitted')
        .execute();
      assert.equal(rows.filter((r) => r.person_id === firstPerson).length, 2);
      const page = await worker.get(`/operations/people/${firstPerson}`);
      assert.equal(page.statusCode, 200);
      assert.equal((page.body.match(/Liverpool Street station/g) ?? []).length >= 2, true);
    });

    it('refuses support accepted that was not offered, naming the field', async () => {
      await worker.get('/operations');
      const start = await worker.post('/operations/contacts');
      const base = String(start.headers.location).replace(/\/where$/, '');
      await worker.get(`${base}/needs`);
      const r = await worker.post(`${base}/needs`, { supportAccepted: 'emergency-bed' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /Support accepted must also be ticked as offered/);
    });

    it('a draft belongs to its worker: another user cannot open it', async () => {
      await worker.get('/operations');
      const start = await worker.post('/operations/contacts');
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      assert.equal((await officer.get(String(start.headers.location))).statusCode, 404);
    });

    it('street counts refuse negative and non-numeric totals and show totals by area', async () => {
      await worker.get('/operations/counts');
      const neg = await worker.post('/operations/counts', {
        'night-day': '1',
        'night-month': '12',
        'night-year': '2026',
        area: 'Aldgate',
        total: '-2',
      });
      assert.equal(neg.statusCode, 400);
      assert.match(neg.body, /cannot be negative/);
      assert.match(neg.body, /value="Aldgate"/);
      const nan = await worker.post('/operations/counts', {
        'night-day': '1',
        'night-month': '12',
        'night-year': '2026',
        area: 'Aldgate',
        total: 'lots',
      });
      assert.match(nan.body, /whole number/);
      for (const [area, total] of [
        ['Aldgate', '3'],
        ['Bishopsgate', '5'],
      ])
        assert.equal(
          (
            await worker.post('/operations/counts', {
              'night-day': '1',
              'night-month': '12',
              'night-year': '2026',
              area,
              total,
            })
          ).statusCode,
          303,
        );
      const page = await worker.get('/operations/counts');
      assert.match(page.body, /<svg class="app-count-chart"/);
      assert.match(page.body, /2026-12<\/th>[\s\S]*?>3<[\s\S]*?>5<[\s\S]*?>8</);
      assert.equal((await t.deps.db.selectFrom('street_counts').selectAll().execute()).length, 2);
    });

    it('the person page shows the support side through the people module hook', async () => {
      // The coordinator sees the whole partnership (need-to-know keeps other agencies' officers out).
      const coordinator = new Client(t.app);
      await coordinator.signIn(DEMO.coordinator);
      const page = await coordinator.get(`/people/${firstPerson}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Support and enforcement/);
      assert.match(page.body, /offered A place at the intervention hub/);
    });
  });
}
