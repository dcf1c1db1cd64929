import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { recordContact } from '../helpers/operations.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { PeopleService } from '../../src/people/service.js';

const today = () => todayInLondon(new Date()).split('-');
const ticket = (kind: 'green' | 'amber', extra: Record<string, string> = {}) => {
  const [y, m, d] = today();
  return {
    kind,
    'issuedOn-day': d,
    'issuedOn-month': m,
    'issuedOn-year': y,
    partners: kind === 'green' ? 'Outreach team, drug and alcohol service' : '',
    ...extra,
  };
};

for (const dialect of testDialects()) {
  describe(`Luscombe tickets and support before enforcement [${dialect}]`, () => {
    let t: TestApp;
    let worker: Client;
    let officer: Client;
    const personOf = (res: { headers: Record<string, unknown> }) =>
      String(res.headers.location).split('/').pop()!;
    const steps = (personId: string) =>
      t.deps.db
        .selectFrom('ladder_steps')
        .select(['power', 'case_id', 'details'])
        .where('subject_key', '=', `person:${personId}`)
        .orderBy('created_at')
        .execute();

    before(async () => {
      t = await startTestApp(dialect);
      worker = new Client(t.app);
      await worker.signIn(DEMO.outreach);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
    });
    after(() => t.close());

    it('refuses an amber ticket with no support offer on record unless a named override reason is given (audited)', async () => {
      const { done } = await recordContact(worker, { givenName: 'Sean', surname: 'Brady' });
      const sean = personOf(done);
      await officer.get(`/operations/people/${sean}/tickets/new?kind=amber`);
      const refused = await officer.post(`/operations/people/${sean}/tickets`, ticket('amber'));
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /No support offer is on record for this person/);
      assert.match(refused.body, /href="#overrideReason"/);
      assert.equal((await steps(sean)).length, 0);
      assert.equal(
        (await t.deps.db.selectFrom('luscombe_cases').selectAll().execute()).length,
        0,
        'no case opened',
      );

      // With a reason the amber still warns (no green ticket first) until the warning is acknowledged.
      const reason = 'Threatening commuters at the barriers; outreach will follow up this week';
      const warned = await officer.post(
        `/operations/people/${sean}/tickets`,
        ticket('amber', { overrideReason: reason }),
      );
      assert.equal(warned.statusCode, 400);
      assert.match(warned.body, /No green ticket before this amber ticket/);
      const ok = await officer.post(
        `/operations/people/${sean}/tickets`,
        ticket('amber', { overrideReason: reason, acknowledgeWarnings: 'yes' }),
      );
      assert.equal(ok.statusCode, 303);
      const [step] = await steps(sean);
      assert.equal(step.power, 'luscombe-amber');
      assert.equal(JSON.parse(step.details).override.reason, reason);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['reason', 'details'])
        .where('action', '=', 'case.ladder-override')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0].reason, reason);

      // The same rule through the cases module's own ladder page: a CPW for Sean is refused too.
      const party = await t.deps.db
        .selectFrom('luscombe_cases')
        .select(['case_id', 'party_id'])
        .where('person_id', '=', sean)
        .executeTakeFirstOrThrow();
      await officer.get(`/cases/${party.case_id}/powers/new`);
      const [y, m, d] = today();
      const cpw = await officer.post(`/cases/${party.case_id}/powers/new`, {
        subject: `party:${party.party_id}`,
        power: 'community-protection-warning',
        'issuedOn-day': d,
        'issuedOn-month': m,
        'issuedOn-year': y,
      });
      assert.equal(cpw.statusCode, 400);
      assert.match(cpw.body, /No support offer is on record/);
      assert.match(cpw.body, /id="overrideReason"/);
    });

    it('engagement, then a green ticket, then an amber ticket follow on the ladder without refusal; the person page shows both sides', async () => {
      const { done } = await recordContact(
        worker,
        { givenName: 'Kelly', surname: 'Price' },
        { offered: ['emergency-bed'] },
      );
      const kelly = personOf(done);
      await officer.get(`/operations/people/${kelly}/tickets/new`);
      const noPartners = await officer.post(
        `/operations/people/${kelly}/tickets`,
        ticket('green', { partners: '' }),
      );
      assert.equal(noPartners.statusCode, 400);
      assert.match(noPartners.body, /Name the partners/);
      assert.equal(
        (await officer.post(`/operations/people/${kelly}/tickets`, ticket('green'))).statusCode,
        303,
      );
      assert.equal(
        (await officer.post(`/operations/people/${kelly}/tickets`, ticket('amber'))).statusCode,
        303,
      );
      const s = await steps(kelly);
      assert.deepEqual(
        s.map((x) => x.power),
        ['luscombe-green', 'luscombe-amber'],
      );
      assert.equal(s[0].case_id, s[1].case_id, 'one case holds the tickets');
      const page = await officer.get(`/people/${kelly}`);
      const support = page.body.slice(
        page.body.indexOf('id="support-side"'),
        page.body.indexOf('id="enforcement-side"'),
      );
      const enforcement = page.body.slice(page.body.indexOf('id="enforcement-side"'));
      assert.match(support, /Green ticket/);
      assert.match(support, /Emergency bed or shelter/);
      assert.match(enforcement, /Amber ticket/);
      assert.doesNotMatch(enforcement, /Green ticket/);
    });

    it('a green ticket before any engagement warns with the reason; a hub session counts as support', async () => {
      const rec = await new PeopleService(t.deps).addRecord(t.deps.db, {
        partnershipId: t.demo.partnershipId,
        sourceType: 'import',
        sourceId: null,
        role: 'perpetrator',
        givenName: 'Marek',
        surname: 'Nowak',
      });
      await officer.get(`/operations/people/${rec.personId}/tickets/new`);
      const warned = await officer.post(`/operations/people/${rec.personId}/tickets`, ticket('green'));
      assert.equal(warned.statusCode, 400);
      assert.match(warned.body, /No outreach engagement is recorded with this person/);

      await worker.get(`/operations/people/${rec.personId}/hub/new`);
      const [y, m, d] = today();
      const hub = await worker.post(`/operations/people/${rec.personId}/hub`, {
        'attendedOn-day': d,
        'attendedOn-month': m,
        'attendedOn-year': y,
        attended: 'yes',
        partners: 'Housing options',
        outcomes: 'accommodation-found',
      });
      assert.equal(hub.statusCode, 303);
      const amber = await officer.post(
        `/operations/people/${rec.personId}/tickets`,
        ticket('amber', { acknowledgeWarnings: 'yes' }),
      );
      assert.equal(amber.statusCode, 303, 'support on record: only the out-of-order warning, acknowledged');
    });

    it('an outreach worker cannot give tickets (cases.manage) and the refusal is audited', async () => {
      const res = await worker.get(`/operations/people/00000000-0000-7000-8000-000000000000/tickets/new`);
      assert.equal(res.statusCode, 403);
      const denied = await t.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'access.denied')
        .where('user_id', '=', t.demo.users[DEMO.outreach])
        .execute();
      assert.ok(denied.length >= 1);
    });
  });
}
