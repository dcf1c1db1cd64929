import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { recordContact } from '../helpers/operations.js';
import { DEMO_ACCOUNTS } from '../../src/partnership/demo.js';
import { can } from '../../src/platform/permissions/roles.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';

const WELFARE = 'Bruised arms, says a man takes her money';
const SLAVERY = 'Dropped off by a white van at six each morning';

for (const dialect of testDialects()) {
  describe(`modern slavery and welfare: visible only to safeguarding roles [${dialect}]`, () => {
    let t: TestApp;
    let worker: Client;
    let contactId = '';
    let personId = '';
    before(async () => {
      t = await startTestApp(dialect);
      worker = new Client(t.app);
      await worker.signIn(DEMO.outreach);
      const r = await recordContact(
        worker,
        { givenName: 'Ioana', appearance: 'Young woman, headscarf' },
        {
          offered: ['food-clothing'],
          welfare: {
            welfareConcern: 'yes',
            welfareNotes: WELFARE,
            slaveryIndicators: ['controlled', 'hands-over-money'],
            slaveryNotes: SLAVERY,
          },
        },
      );
      contactId = r.id;
      personId = String(r.done.headers.location).split('/').pop()!;
    });
    after(() => t.close());

    it('an NRM record needs a first responder organisation, and decisions need their dates', async () => {
      await worker.get(`/operations/people/${personId}/nrm/new`);
      const [y, m, d] = todayInLondon(new Date()).split('-');
      const base = {
        kind: 'nrm',
        'referredOn-day': d,
        'referredOn-month': m,
        'referredOn-year': y,
        referredBy: 'Ola Outreach',
        reasonableGrounds: 'positive',
        conclusiveGrounds: 'awaited',
      };
      const noResponder = await worker.post(`/operations/people/${personId}/nrm`, {
        ...base,
        firstResponder: '',
      });
      assert.equal(noResponder.statusCode, 400);
      assert.match(noResponder.body, /Enter the first responder organisation/);
      assert.match(noResponder.body, /value="Ola Outreach"/);
      assert.match(noResponder.body, /Enter the date of the reasonable grounds decision/);
      const early = await worker.post(`/operations/people/${personId}/nrm`, {
        ...base,
        reasonableGrounds: 'awaited',
        conclusiveGrounds: 'positive',
        firstResponder: 'Local authority',
        'conclusiveGroundsOn-day': d,
        'conclusiveGroundsOn-month': m,
        'conclusiveGroundsOn-year': y,
      });
      assert.match(early.body, /follows a positive reasonable grounds decision/);
      const ok = await worker.post(`/operations/people/${personId}/nrm`, {
        ...base,
        firstResponder: 'Local authority safeguarding team',
        'reasonableGroundsOn-day': d,
        'reasonableGroundsOn-month': m,
        'reasonableGroundsOn-year': y,
        notes: SLAVERY,
      });
      assert.equal(ok.statusCode, 303);
      assert.equal((await t.deps.db.selectFrom('nrm_records').selectAll().execute()).length, 1);
    });

    it('walks every role: safeguarding text and NRM records only for safeguarding roles, refusals audited', async () => {
      for (const account of DEMO_ACCOUNTS) {
        const role = account.role;
        const c = new Client(t.app);
        await c.signIn(account.email);
        const safeguarding = can(role, 'safeguarding.read');
        const author = account.email === DEMO.outreach;
        const list = await c.get('/operations/safeguarding');
        assert.equal(list.statusCode, safeguarding ? 200 : 403, `${account.email} NRM list`);
        if (safeguarding) assert.match(list.body, /Local authority safeguarding team/);
        const nrmForm = await c.get(`/operations/people/${personId}/nrm/new`);
        assert.equal(nrmForm.statusCode, safeguarding ? 200 : 403, `${account.email} NRM form`);

        const contact = await c.get(`/operations/contacts/${contactId}`);
        const street = await c.get(`/operations/people/${personId}`);
        const recent = await c.get('/operations');
        if (!can(role, 'operations.read')) {
          for (const r of [contact, street, recent])
            assert.equal(r.statusCode, 403, `${account.email} street pages`);
        } else {
          assert.equal(contact.statusCode, 200);
          const sees = safeguarding || author;
          assert.equal(contact.body.includes(WELFARE), sees, `${account.email} welfare text`);
          assert.equal(contact.body.includes(SLAVERY), sees, `${account.email} slavery text`);
          assert.equal(contact.body.includes('Hands over the money'), sees, `${account.email} indicators`);
          // Lists never carry the sensitive text, for anyone.
          assert.ok(
            !recent.body.includes(WELFARE) && !recent.body.includes(SLAVERY),
            `${account.email} list`,
          );
          assert.equal(
            street.body.includes(SLAVERY),
            safeguarding,
            `${account.email} NRM notes on street page`,
          );
          assert.ok(!street.body.includes(WELFARE), `${account.email} welfare on street page`);
        }
        if (can(role, 'people.read')) {
          const person = await c.get(`/people/${personId}`);
          // Need-to-know on people may refuse a role whose agency has no link to the person (403);
          // either way the page never carries the safeguarding text.
          assert.ok(
            [200, 403].includes(person.statusCode),
            `${account.email} person page ${person.statusCode}`,
          );
          assert.ok(
            !person.body.includes(WELFARE) && !person.body.includes(SLAVERY),
            `${account.email} person page`,
          );
        }
        if (!safeguarding) {
          const denied = await t.deps.db
            .selectFrom('audit_log')
            .select('id')
            .where('action', '=', 'access.denied')
            .where('user_id', '=', t.demo.users[account.email])
            .execute();
          assert.ok(denied.length >= 2, `${account.email} refusals audited`);
        }
      }
      // A non-safeguarding reader of the contact: the withholding is audited; the audit never holds the text.
      const withheld = await t.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'operations.safeguarding-withheld')
        .execute();
      assert.ok(withheld.length >= 1);
      const audit = await t.deps.db.selectFrom('audit_log').select(['details', 'reason']).execute();
      for (const a of audit)
        assert.ok(!`${a.details}${a.reason}`.includes(WELFARE) && !`${a.details}`.includes(SLAVERY));
    });
  });
}
