import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

const call = (over: Record<string, string | string[]> = {}) => ({
  channel: 'phone',
  givenName: 'William',
  surname: 'Pemberton',
  phone: '07911 123456',
  email: '',
  address: 'Flat 3, Cromwell Tower',
  reporterKind: 'victim',
  contact: 'phone',
  category: 'noise-residential',
  location: 'Cromwell Tower',
  when: 'ongoing',
  occurredAt: '',
  description: 'Loud music from the flat below every night this week.',
  ...over,
});

for (const dialect of testDialects()) {
  describe(`telephone intake [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('is for call handlers and officers, not analysts or the public', async () => {
      const anon = new Client(t.app);
      assert.equal((await anon.get('/intake')).statusCode, 302);
      const analyst = new Client(t.app);
      await analyst.signIn(DEMO.analyst);
      assert.equal((await analyst.get('/intake')).statusCode, 403);
    });

    it('saves a call, routes it, and shows the earlier contacts of the caller and the place on the next call', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.callHandler);
      await c.get('/intake');
      const saved = await c.post('/intake', call());
      assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
      const first = await t.deps.db
        .selectFrom('reports')
        .selectAll()
        .where('channel', '=', 'phone')
        .executeTakeFirstOrThrow();
      assert.equal(first.reporter_name, 'William Pemberton');
      assert.equal(first.created_by_user_id !== null, true);
      // The handler who took the call may open it even though it went to the Barbican Estate office.
      assert.equal((await c.get(`/reports/${first.reference}`)).statusCode, 200);

      // Next call: same number typed differently; the history shows the earlier report.
      const live = await c.get('/intake/history?phone=%2B44%207911%20123456');
      assert.equal(live.statusCode, 200);
      assert.match(live.body, /William Pemberton/);
      assert.match(live.body, new RegExp(first.reference));
      const byPlace = await c.get('/intake/history?location=Cromwell%20Tower');
      assert.match(byPlace.body, /At Cromwell Tower/);
      assert.match(byPlace.body, /1 open/);

      // Without JavaScript: the look-up button re-renders the page keeping what was typed.
      await c.get('/intake');
      const page = await c.post(
        '/intake/lookup',
        call({ givenName: 'Bill', description: 'Same again tonight' }),
      );
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(first.reference));
      assert.match(page.body, /value="Bill"/);
      assert.match(page.body, /Same again tonight/);

      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'intake.lookup')
        .execute();
      assert.ok(audit.length >= 3);
    });

    it('names missing and invalid answers and keeps what was typed', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.callHandler);
      await c.get('/intake');
      const res = await c.post(
        '/intake',
        call({
          category: '',
          location: 'Trafalgar Square SW1A 2DN',
          phone: '12',
          when: 'at',
          occurredAt: '31/02/2026 10:00',
          description: '',
        }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Select what happened/);
      assert.match(res.body, /Enter a telephone number/);
      assert.match(res.body, /Enter what happened/);
      assert.match(res.body, /outside the City of London/);
      assert.match(res.body, /value="Trafalgar Square SW1A 2DN"/);
      const bad = await c.post('/intake', call({ when: 'at', occurredAt: '31/02/2026 10:00' }));
      assert.match(bad.body, /Enter the date and time like/);
    });
  });
}
