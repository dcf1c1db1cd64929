/**
 * Subject access end to end over HTTP: the DPO records a request, finds the person with the linkage
 * engine, confirms each record, reviews redactions and downloads a ZIP holding every record type
 * for that person and nothing of anyone else's; then correction and restriction.
 */
import assert from 'node:assert/strict';
import { before, after, it, describe } from 'node:test';
import JSZip from 'jszip';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { createCaseServices } from '../../src/cases/services.js';
import { UserRepository } from '../../src/platform/auth/users.js';
import { PeopleService } from '../../src/people/service.js';

const DPO = 'dpo@demo.asbhub.example';

for (const dialect of testDialects()) {
  describe(`subject access, correction and restriction [${dialect}]`, () => {
    let t: TestApp;
    let ada1: { id: string; reference: string };
    let ada2: { id: string; reference: string };
    let bob: { id: string; reference: string };
    let caseId: string;
    before(async () => {
      t = await startTestApp(dialect);
      const pid = t.demo.partnershipId;
      ada1 = await fileTestReport(t.deps, pid, {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '07700 900111',
      });
      ada2 = await fileTestReport(t.deps, pid, {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '07700 900111',
        description: 'Loud music from flat 3 again',
      });
      await fileTestReport(t.deps, pid, {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '07700 900111',
      });
      bob = await fileTestReport(t.deps, pid, {
        name: 'Bob Bystander',
        email: 'bob@example.com',
        phone: '07700 900222',
      });
      const officer = (await new UserRepository(t.deps.db, t.deps.clock).current(
        t.demo.users[DEMO.officer],
      ))!;
      const s = createCaseServices(t.deps);
      const opened = await s.cases.open({ user: officer }, {
        title: 'Harassment at Golden Lane',
        caseType: 'asb',
        summary: 'Repeated abuse from flat 3',
        leadTeamId: officer.teamId!,
        spocUserId: undefined,
        location: undefined,
        openedOn: '2026-11-01',
        reportIds: [ada1.id],
        reportReferences: [],
        addReporters: true,
      } as never);
      assert.ok(opened.ok, JSON.stringify(opened));
      caseId = opened.value!.id;
      const party = await s.parties.add({ user: officer }, caseId, {
        role: 'perpetrator',
        givenName: 'Mick',
        surname: 'Menace',
        phone: '07700 900333',
        address: 'Flat 3, Golden Lane',
      } as never);
      assert.ok(party.ok);
    });
    after(() => t.close());

    it('runs a request from receipt to a ZIP with every record of the person and none of anyone else', async () => {
      // An officer looks at the case first: the export lists who viewed the records.
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      assert.equal((await officer.get(`/cases/${caseId}`)).statusCode, 200);

      const c = new Client(t.app);
      await c.signIn(DPO);
      assert.equal((await c.get('/data-protection')).statusCode, 200);
      await c.get('/data-protection/requests/new');
      const bad = await c.post('/data-protection/requests', {
        requesterName: 'Ada Lovelace',
        'receivedOn-day': '31',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the date the request was received|must be a real date/);
      assert.match(bad.body, /value="Ada Lovelace"/);
      const today = t.deps.clock.iso().slice(0, 10).split('-');
      const made = await c.post('/data-protection/requests', {
        requesterName: 'Ada Lovelace',
        requesterContact: 'ada@example.com',
        'receivedOn-day': today[2],
        'receivedOn-month': today[1],
        'receivedOn-year': today[0],
        lawEnforcement: 'no',
      });
      assert.equal(made.statusCode, 302);
      const url = made.headers.location as string;
      const id = url.split('/').pop()!;

      // Nothing can be exported before a record is confirmed.
      assert.equal((await c.get(`${url}/export.zip`)).statusCode, 400);

      const found = await c.get(`${url}?givenName=Ada&surname=Lovelace&email=ada%40example.com`);
      assert.equal(found.statusCode, 200);
      const personId = /name="personId" value="([^"]+)"/.exec(found.body)![1];
      const recordIds = [...found.body.matchAll(/name="recordIds" value="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(recordIds.length >= 3, `Ada's records from two reports and the case: ${recordIds.length}`);
      assert.doesNotMatch(found.body, /Bob Bystander/);
      const form: Record<string, string | string[]> = { personId, recordIds };
      for (const r of recordIds) form[`decision-${r}`] = 'theirs';
      assert.equal((await c.post(`${url}/records`, form)).statusCode, 302);

      await c.get(url);
      assert.equal((await c.get(`${url}/export.zip`)).statusCode, 400, 'needs a review first');
      const review = await c.get(`${url}/review`);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /Mick/);
      const proposed = [
        ...review.body.matchAll(/name="redact" type="checkbox" value="([^"]+)" checked/g),
      ].map((m) => m[1]);
      assert.ok(
        proposed.some((k) => k.startsWith('case_parties|')),
        'the perpetrator party is proposed for redaction',
      );
      assert.equal((await c.post(`${url}/review`, { redact: proposed })).statusCode, 302);

      const res = await c.get(`${url}/export.zip`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/zip');
      const zip = await JSZip.loadAsync(res.rawPayload);
      const data = JSON.parse(await zip.file('data.json')!.async('string'));
      const html = await zip.file('summary.html')!.async('string');
      const ids = data.records.map((r: { recordId: string }) => r.recordId);
      const types = new Set(data.records.map((r: { recordType: string }) => r.recordType));
      assert.ok(ids.includes(ada1.id) && ids.includes(ada2.id) && ids.includes(caseId));
      assert.ok(!ids.includes(bob.id), 'no one else’s report');
      assert.deepEqual([...types].sort(), ['case', 'person', 'report']);
      const text = JSON.stringify(data);
      assert.match(text, /Loud music from flat 3 again/);
      assert.doesNotMatch(text, /Bob Bystander|bob@example\.com/);
      assert.doesNotMatch(text, /07700 900333/, 'the perpetrator’s phone is redacted');
      assert.match(text, /\[redacted: third party\]/);
      assert.ok(data.auditOfWhoViewedOrChanged.some((a: { action: string }) => a.action === 'case.viewed'));
      assert.match(html, /The personal data we hold about you/);
      assert.match(html, /Loud music from flat 3 again/);
      const audited = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_id', '=', id)
        .where('action', '=', 'privacy.sar-exported')
        .execute();
      assert.equal(audited.length, 1);
      assert.doesNotMatch(audited[0].details, /Ada|Lovelace/);
    });

    it('refuses to extend a Part 3 request, and extends another told within the first month', async () => {
      const c = new Client(t.app);
      await c.signIn(DPO);
      await c.get('/data-protection/requests/new');
      const made = await c.post('/data-protection/requests', {
        requesterName: 'Pat Police',
        'receivedOn-day': '2',
        'receivedOn-month': '11',
        'receivedOn-year': '2026',
        lawEnforcement: 'yes',
      });
      const url = made.headers.location as string;
      await c.get(url);
      const r = await c.post(`${url}/extend`, {
        'toldOn-day': '5',
        'toldOn-month': '11',
        'toldOn-year': '2026',
        reason: 'Many records',
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /Part 3/);

      await c.get('/data-protection/requests/new');
      const other = await c.post('/data-protection/requests', {
        requesterName: 'Sam Resident',
        'receivedOn-day': '2',
        'receivedOn-month': '11',
        'receivedOn-year': '2026',
        lawEnforcement: 'no',
      });
      const url2 = other.headers.location as string;
      await c.get(url2);
      const late = await c.post(`${url2}/extend`, {
        'toldOn-day': '3',
        'toldOn-month': '12',
        'toldOn-year': '2026',
        reason: 'Many records',
      });
      assert.equal(late.statusCode, 400);
      assert.match(late.body, /within the first month/);
      const ok = await c.post(`${url2}/extend`, {
        'toldOn-day': '20',
        'toldOn-month': '11',
        'toldOn-year': '2026',
        reason: 'Many records across four agencies',
      });
      assert.equal(ok.statusCode, 302);
      const row = await t.deps.db
        .selectFrom('privacy_sar_requests')
        .selectAll()
        .where('requester_name', '=', 'Sam Resident')
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.due_on, row.extended_to], ['2026-12-02', '2027-02-02']);
    });

    it('corrects a record keeping the old value, and restriction hides the person from matching and lists', async () => {
      const pid = t.demo.partnershipId;
      const people = new PeopleService(t.deps);
      const [ada] = await people.findPeople(pid, { surname: 'Lovelace', email: 'ada@example.com' });
      assert.ok(ada);
      const c = new Client(t.app);
      await c.signIn(DPO);
      const page = await c.get(`/data-protection/people/${ada.personId}`);
      assert.equal(page.statusCode, 200);
      const recordId = /<option value="([^"]+)"/.exec(page.body.split('id="recordId"')[1])![1];
      const corrected = await c.post(`/data-protection/people/${ada.personId}/correct`, {
        recordId,
        field: 'phone',
        value: '07700 900999',
        reason: 'Requester gave her new number',
      });
      assert.equal(corrected.statusCode, 302);
      const history = await t.deps.db.selectFrom('person_corrections').selectAll().execute();
      assert.equal(history.length, 1);
      assert.equal(history[0].old_value, '07700 900111');
      assert.equal(history[0].new_value, '07700 900999');
      assert.equal(history[0].corrected_by, t.demo.users[DPO]);

      assert.ok(
        (await people.repeats(pid)).some((r) => r.personId === ada.personId),
        'a repeat victim before',
      );
      await c.get(`/data-protection/people/${ada.personId}`);
      const noReason = await c.post(`/data-protection/people/${ada.personId}/restrict`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(
        (await c.post(`/data-protection/people/${ada.personId}/restrict`, { reason: 'Accuracy contested' }))
          .statusCode,
        302,
      );
      assert.deepEqual(await people.findPeople(pid, { surname: 'Lovelace', email: 'ada@example.com' }), []);
      assert.equal((await people.search(pid, { email: 'ada@example.com' })).length, 0);
      assert.ok(!(await people.repeats(pid)).some((r) => r.personId === ada.personId));

      await c.get(`/data-protection/people/${ada.personId}`);
      await c.post(`/data-protection/people/${ada.personId}/unrestrict`, { reason: 'Accuracy confirmed' });
      assert.equal(
        (await people.findPeople(pid, { surname: 'Lovelace', email: 'ada@example.com' })).length,
        1,
      );
    });
  });
}
