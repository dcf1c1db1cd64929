import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { addBackground } from './people-fixtures.js';

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};
const errorSummary = (body: string) =>
  (/govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

for (const dialect of testDialects()) {
  describe(`people on other pages, thresholds and meeting lists [${dialect}]`, () => {
    let t: TestApp;
    let pid: string;
    let officer: Client;
    let admin: Client;
    const reports: { id: string; reference: string }[] = [];
    let personId = '';
    before(async () => {
      t = await startTestApp(dialect);
      pid = t.demo.partnershipId;
      await addBackground(t.deps, pid);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const margaret = {
        name: 'Margaret Whitfield',
        email: 'm.whitfield@example.com',
        phone: '07700 900888',
      };
      reports.push(await fileTestReport(t.deps, pid, margaret));
      reports.push(
        await fileTestReport(t.deps, pid, { ...margaret, description: 'Again: shouting at the door.' }),
      );
      personId = (
        await t.deps.db
          .selectFrom('reports')
          .select('reporter_person_id')
          .where('id', '=', reports[0].id)
          .executeTakeFirstOrThrow()
      ).reporter_person_id!;
    });
    after(() => t.close());

    it('thresholds: an administrator changes them (bad values named in the error summary) and flags use them', async () => {
      const people = t.services.people.people;
      assert.deepEqual(
        await people.flagsFor(pid, personId),
        [],
        'two reports: not yet a repeat victim at 3 in 90 days',
      );
      assert.equal((await officer.get('/people/settings')).statusCode, 403);
      const page = await admin.get('/people/settings');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /value="3"/);
      const bad = await admin.post('/people/settings', {
        minReports: 'two',
        windowDays: '5',
        radiusMetres: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      const summary = errorSummary(bad.body);
      assert.match(summary, /Enter the number of reports as a whole number/);
      assert.match(summary, /Enter the number of days from 7 to 730/);
      assert.match(summary, /Enter the distance in metres/);
      assert.match(bad.body, /value="two"/, 'what was typed is kept');
      const ok = await admin.post('/people/settings', {
        minReports: '2',
        windowDays: '60',
        radiusMetres: '75',
      });
      assert.equal(ok.statusCode, 302);
      assert.deepEqual(await people.settings.thresholds(pid), {
        minReports: 2,
        windowDays: 60,
        radiusMetres: 75,
      });
      // Both reports are at one postcode, so the person is at a repeat location as well.
      assert.deepEqual(
        (await people.flagsFor(pid, personId)).sort(),
        ['repeat-location', 'repeat-victim'],
        'two reports are enough now',
      );
      assert.match((await admin.get('/people/admin')).body, /2 or more/);
      // Back to the defaults for the rest of the suite.
      await admin.get('/people/settings');
      await admin.post('/people/settings', { minReports: '3', windowDays: '90', radiusMetres: '50' });
      assert.deepEqual(await people.flagsFor(pid, personId), []);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'people.settings-changed')
        .execute();
      assert.equal(audit.length, 2);
    });

    it('intake history finds the caller by the linkage model, not only exact matches, with flags and open cases', async () => {
      reports.push(
        await fileTestReport(t.deps, pid, {
          name: 'Margaret Whitfield',
          email: 'm.whitfield@example.com',
          phone: '07700 900888',
          description: 'Third time this month.',
        }),
      );
      await officer.get(`/cases/new?reports=${reports[2].id}`);
      const opened = await officer.post('/cases/new', {
        title: 'Harassment of Margaret',
        caseType: 'personal',
        summary: 'Repeated shouting at her door.',
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
        ...date('openedOn', todayInLondon(new Date())),
        reportIds: [reports[2].id],
        addReporters: 'yes',
      });
      assert.equal(opened.statusCode, 303);
      const caseId = String(opened.headers.location).split('/').pop()!;
      const caseRef = (
        await t.deps.db
          .selectFrom('cases')
          .select('reference')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).reference;

      // Surname misheard: no exact match, but phone and a close name are enough for the model.
      const typed = { phone: '07700900888', surname: 'Whitfeld', givenName: 'Margaret' };
      assert.equal(
        (await t.services.people.people.search(pid, typed)).length,
        0,
        'exact matching finds nothing',
      );
      // Need-to-know: the police call handler's agency has no report, case or record of her, so the
      // history says a match exists and whom to ask, not who she is.
      const handler = new Client(t.app);
      await handler.signIn(DEMO.callHandler);
      const live = await handler.get(`/intake/history?${new URLSearchParams(typed)}`);
      assert.equal(live.statusCode, 200);
      assert.doesNotMatch(live.body, /Margaret Whitfield/);
      assert.match(live.body, /A person matching these details/);
      assert.match(live.body, /Not shown: your agency has no link to them\. Ask Community and Children/);
      assert.doesNotMatch(live.body, new RegExp(reports[0].reference));
      assert.doesNotMatch(live.body, new RegExp(caseRef));
      assert.equal((await handler.get(`/people/${personId}`)).statusCode, 403);
      // The officer's agency holds her case: the flags and reports.
      const full = await officer.get(`/intake/history?${new URLSearchParams(typed)}`);
      assert.match(full.body, /Margaret Whitfield/);
      assert.match(full.body, /Repeat victim/);
      assert.match(full.body, new RegExp(reports[0].reference));
      assert.match(full.body, new RegExp(`href="/people/${personId}"`));
      // An officer of the team holding the case sees it listed.
      const byOfficer = await officer.get(`/intake/history?${new URLSearchParams(typed)}`);
      assert.match(
        byOfficer.body,
        new RegExp(`Open case <a class="govuk-link" href="/cases/${caseId}">${caseRef}</a>`),
      );
      // Without JavaScript the look-up button renders the same panel.
      await officer.get('/intake');
      const page = await officer.post('/intake/lookup', { ...typed, channel: 'phone' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Repeat victim/);

      // The report page and the case page show the flags with a link to the person.
      const reportPage = await officer.get(`/reports/${reports[0].reference}`);
      assert.equal(reportPage.statusCode, 200);
      assert.match(reportPage.body, /Repeat flags/);
      assert.match(
        reportPage.body,
        new RegExp(`<a class="govuk-link" href="/people/${personId}">Margaret Whitfield</a>`),
      );
      assert.match(reportPage.body, /Repeat victim/);
      const casePage = await officer.get(`/cases/${caseId}`);
      assert.equal(casePage.statusCode, 200);
      assert.match(casePage.body, /Repeat flags of the people in the case/);
      assert.match(casePage.body, new RegExp(`href="/people/${personId}"`));
    });

    it('the person page shows only the reports and cases the viewer may see', async () => {
      const own = await officer.get(`/people/${personId}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, new RegExp(reports[0].reference));
      assert.match(own.body, /Harassment of Margaret/);
      const other = new Client(t.app);
      await other.signIn(DEMO.noiseOfficer);
      const page = await other.get(`/people/${personId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Repeat victim/, 'flags count every report');
      assert.doesNotMatch(page.body, new RegExp(reports[0].reference));
      assert.doesNotMatch(page.body, /Harassment of Margaret/);
      assert.match(page.body, /held by teams you are not part of/);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'person.viewed')
        .where('subject_id', '=', personId)
        .execute();
      assert.ok(audit.length >= 2);
    });

    it('meeting lists: repeat victims for the MARAC, printable and as CSV (audited)', async () => {
      const list = await officer.get('/people/repeats?flag=repeat-victim');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Repeat victims/);
      assert.match(list.body, /City Community MARAC/);
      assert.match(list.body, new RegExp(`/people/${personId}`));
      const perps = await officer.get('/people/repeats?flag=repeat-perpetrator');
      assert.doesNotMatch(perps.body, new RegExp(`/people/${personId}`));
      const csv = await officer.get('/people/repeats.csv?flag=repeat-victim');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /repeat-victims-\d{4}-\d{2}-\d{2}\.csv/);
      const lines = csv.body.trim().split('\n');
      assert.match(
        lines[0],
        /^person,flags,reports_and_cases_in_90_days,latest_record,open_cases,person_page/,
      );
      assert.ok(
        lines.some(
          (l) =>
            l.startsWith('Margaret Whitfield,Repeat victim; Repeat location,3,') &&
            l.includes(`/people/${personId}`),
        ),
        lines.join('\n'),
      );
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'people.repeats-exported')
        .execute();
      assert.equal(audit.length, 1);
    });
  });
}
