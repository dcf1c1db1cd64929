/**
 * Need-to-know on people, role by role: a person reported to the council's community safety team
 * (noise, routed to the council) is seen by roles that see the whole partnership and by the council's staff; police staff with no
 * report, case or record of them get a refusal naming whom to ask, and no name in the lists.
 */
import assert from 'node:assert/strict';
import { before, after, it, describe } from 'node:test';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { PeopleService } from '../../src/people/service.js';

const EXPECTED: [string, string, number][] = [
  ['administrator', DEMO.admin, 200],
  ['coordinator', DEMO.coordinator, 200],
  ['data protection officer', 'dpo@demo.asbhub.example', 200],
  ['noise officer (another team of the same council)', DEMO.noiseOfficer, 200],
  ['council officer of the team it was routed to', DEMO.officer, 200],
  ['council team manager', DEMO.manager, 200],
  ['police officer', DEMO.policeOfficer, 403],
  ['police call handler', DEMO.callHandler, 403],
  ['police analyst', DEMO.analyst, 403],
  ['partner (no people access)', DEMO.partner, 403],
  ['auditor (no people access)', DEMO.auditor, 403],
];

for (const dialect of testDialects()) {
  describe(`need-to-know on the person page, per role [${dialect}]`, () => {
    let t: TestApp;
    let personId = '';
    before(async () => {
      t = await startTestApp(dialect);
      const pid = t.demo.partnershipId;
      for (let i = 0; i < 3; i++)
        await fileTestReport(t.deps, pid, {
          category: 'noise-residential',
          name: 'Grace Hopper',
          email: 'grace@example.com',
          phone: '07700 900444',
        });
      personId = (
        await new PeopleService(t.deps).findPeople(pid, { surname: 'Hopper', email: 'grace@example.com' })
      )[0].personId;
    });
    after(() => t.close());

    for (const [role, email, status] of EXPECTED)
      it(`${role}: ${status === 200 ? 'sees the person' : 'is refused'}`, async () => {
        const c = new Client(t.app);
        await c.signIn(email);
        const page = await c.get(`/people/${personId}`);
        assert.equal(page.statusCode, status);
        if (status === 200) assert.match(page.body, /Grace Hopper/);
        else assert.doesNotMatch(page.body, /Grace Hopper|grace@example\.com|07700 900444/);
        const lists = await c.get('/people/repeats.csv');
        if (lists.statusCode === 200) {
          if (status === 200) assert.match(lists.body, /Grace Hopper/);
          else assert.doesNotMatch(lists.body, /Grace Hopper/);
        }
      });

    it('a refusal names whom to ask and is audited; views stay audited', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.policeOfficer);
      const page = await c.get(`/people/${personId}`);
      assert.match(page.body, /A person matching this record exists/);
      assert.match(page.body, /id="holders"/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'user_label'])
        .where('subject_id', '=', personId)
        .where('action', 'in', ['person.viewed', 'person.refused'])
        .execute();
      assert.ok(audit.filter((a) => a.action === 'person.refused').length >= 3);
      assert.ok(audit.filter((a) => a.action === 'person.viewed').length >= 5);
    });
  });
}
