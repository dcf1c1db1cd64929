/**
 * The partnership's meetings over HTTP on a real database: a CCM series from its form, meetings
 * generated and moved off bank holidays, an agenda built at the cut-off with exactly the right
 * referrals, reviews and advice, frozen packs, confidentiality refused and audited, decisions on
 * the case timeline, actions carried forward, minutes approved and sealed; the public calendar.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { extractText, getDocumentProxy } from 'unpdf';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, TEST_SEED, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/partnership/demo.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { hashContent } from '../../src/meetings/pack-content.js';
import { ApiKeyService } from '../../src/reports/api/keys.js';
import { runDueJobs } from '../../src/platform/jobs.js';
import { referredCase, seriesForm } from './meetings-fixtures.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;|’/g, "'")
    .replace(/\s+/g, ' ');
const errorsOf = (body: string) =>
  [
    ...body.matchAll(/govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span>([^<]+)</g),
  ].map((m) => m[1].trim());
/** A pack page without its per-request parts (CSRF token, nonce). */
const packBody = (html: string) =>
  (/app-marking[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/value="[^"]+"/g, '');

for (const dialect of testDialects()) {
  describe(`meetings: a City Community MARAC from series to sealed minutes [${dialect}]`, () => {
    let t: TestApp;
    const clock = fixedClock('2027-02-01T09:00:00Z');
    const c: Record<string, Client> = {};
    let seriesId = '';
    const meetingOn = async (date: string) =>
      await t.deps.db
        .selectFrom('meetings')
        .selectAll()
        .where('series_id', '=', seriesId)
        .where('held_on', '=', date)
        .executeTakeFirstOrThrow();
    const refs: Record<string, Awaited<ReturnType<typeof referredCase>>> = {};

    /** Time passes: everyone signs in again on the new day (the test clock runs ahead of real time). */
    const moveTo = async (iso: string) => {
      clock.set(iso);
      for (const [k, email] of Object.entries({
        coordinator: DEMO.coordinator,
        officer: DEMO.officer,
        police: DEMO.policeOfficer,
        partner: DEMO.partner,
      })) {
        c[k] = new Client(t.app);
        await signInAt(c[k], email, clock.now());
      }
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      await moveTo('2027-02-01T09:00:00Z'); // a Monday
    });
    after(() => t.close());

    it('refuses a series without a chair, naming the field, and keeps what was typed', async () => {
      await c.coordinator.get('/meetings/series/new');
      const res = await c.coordinator.post(
        '/meetings/series',
        seriesForm(t, { chairUserIds: [], startTime: '25:00' }),
      );
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorsOf(res.body).sort(), [
        'Choose the chair',
        'Enter the time as HH:MM, for example 10:00',
      ]);
      assert.match(res.body, /value="Guildhall, Committee Room 2"/);
    });

    it('adds the CCM series and generates its meetings a rolling 12 months ahead', async () => {
      await c.coordinator.get('/meetings/series/new');
      const res = await c.coordinator.post('/meetings/series', seriesForm(t));
      assert.equal(res.statusCode, 302);
      seriesId = (res.headers.location as string).split('/').pop()!;
      const rows = await t.deps.db
        .selectFrom('meetings')
        .select(['held_on', 'moved_reason'])
        .where('series_id', '=', seriesId)
        .orderBy('held_on')
        .execute();
      assert.deepEqual(
        rows.slice(0, 4).map((r) => r.held_on),
        ['2027-02-09', '2027-03-09', '2027-04-13', '2027-05-11'],
      );
      assert.equal(rows.at(-1)!.held_on, '2028-01-11');
      assert.equal(rows.length, 12);
    });

    it('moves the weekly NTE meeting off Easter Monday and keeps moved and cancelled meetings when topping up', async () => {
      const s = t.services.meetings;
      const actor = { user: { ...(await userOf(t, DEMO.coordinator)) } };
      const r = await s.series.create(actor, {
        ...baseSeries(t),
        name: 'Night Time Economy meeting',
        code: 'NTE',
        type: 'nte',
        schedule: { kind: 'weekly', weekday: 1 },
        from: '2027-03-22',
      });
      assert.ok(r.ok);
      const nte = await t.deps.db
        .selectFrom('meetings')
        .selectAll()
        .where('series_id', '=', r.ok ? r.value.id : '')
        .orderBy('held_on')
        .execute();
      const easter = nte.find((m) => m.scheduled_on === '2027-03-29')!;
      assert.equal(easter.held_on, '2027-03-30');
      assert.equal(easter.moved_reason, 'Moved from Monday 29 March 2027 (Easter Monday, a bank holiday)');
      const next = nte.find((m) => m.scheduled_on === '2027-04-05')!;
      assert.ok(
        (
          await s.series.move(actor, next.id, {
            date: '2027-04-07',
            startTime: '11:00',
            venue: 'Walbrook Wharf',
            reason: 'Room booked for elections',
          })
        ).ok,
      );
      const later = nte.find((m) => m.scheduled_on === '2027-04-12')!;
      assert.ok((await s.series.cancel(actor, later.id, 'No quorum')).ok);
      await t.deps.db
        .deleteFrom('meetings')
        .where('series_id', '=', easter.series_id)
        .where('scheduled_on', '>', '2027-06-01')
        .execute();
      await s.series.topUp(t.demo.partnershipId);
      const after = await t.deps.db
        .selectFrom('meetings')
        .selectAll()
        .where('series_id', '=', easter.series_id)
        .execute();
      assert.equal(after.find((m) => m.id === next.id)!.held_on, '2027-04-07');
      assert.equal(after.find((m) => m.id === later.id)!.status, 'cancelled');
      assert.equal(after.length, nte.length, 'topped up to the same horizon, nothing doubled');
      // The NTE agenda carries the issued pack of the weekend before: Easter's runs Friday 26 March to
      // Tuesday 06:00, so the meeting moved to the Tuesday hears that weekend.
      assert.ok((await s.agenda.build(actor, easter.id)).ok);
      const packItems = await t.deps.db
        .selectFrom('meeting_items')
        .selectAll()
        .where('meeting_id', '=', easter.id)
        .where('kind', '=', 'pack')
        .execute();
      assert.equal(packItems.length, 1);
      const pack = await t.deps.db
        .selectFrom('nte_packs')
        .select(['kind', 'period'])
        .where('id', '=', packItems[0].source_id!)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...pack }, { kind: 'weekend', period: '2027-03-26' });
      // A meeting without series, date or chair is refused with each field named.
      const bad = await s.series.addMeeting(actor, { startTime: '10:00' });
      assert.equal(bad.ok, false);
      assert.deepEqual(Object.keys(bad.ok ? {} : bad.errors).sort(), ['chairUserId', 'date', 'seriesId']);
    });

    it('builds the agenda at the cut-off with exactly the right referrals, reviews and advice', async () => {
      refs.a = await referredCase(t, c.officer, 'Alice Adams'); // 2 February: before the cut-off (3 February)
      refs.c = await referredCase(t, c.officer, 'Carol Clark');
      await c.coordinator.get(`/marac-referrals/${refs.c.referralId}`);
      await c.coordinator.post(`/marac-referrals/${refs.c.referralId}`, {
        decision: 'return',
        note: 'Below threshold: refer to Victim Support and the housing officer.',
      });
      await moveTo('2027-02-03T09:00:00Z'); // after the cut-off
      refs.b = await referredCase(t, c.officer, 'Bella Brown');
      const feb = await meetingOn('2027-02-09');
      await c.coordinator.get(`/meetings/${feb.id}`);
      const built = await c.coordinator.post(`/meetings/${feb.id}/agenda/build`);
      assert.equal(built.statusCode, 302);
      const items = await t.deps.db
        .selectFrom('meeting_items')
        .selectAll()
        .where('meeting_id', '=', feb.id)
        .orderBy('position')
        .execute();
      const bySection = (s: string) => items.filter((i) => i.section === s).map((i) => i.case_id);
      assert.deepEqual(bySection('New referrals'), [refs.a.caseId]);
      assert.deepEqual(bySection('High-risk cases due for review'), [refs.a.caseId, refs.c.caseId]);
      assert.deepEqual(bySection('Referrals that did not meet the threshold, and the advice given'), [
        refs.c.caseId,
      ]);
      assert.deepEqual(bySection('Actions carried forward'), []);
      const page = await c.coordinator.get(`/meetings/${feb.id}`);
      assert.match(text(page.body), /Risk: high \(score 57\)/);
      assert.match(text(page.body), /Advice given: Below threshold: refer to Victim Support/);
      assert.match(text(page.body), /The items take 32 of the meeting's 120 minutes/);
    });

    it('issues a frozen pack that later data changes do not alter; a re-issue is a new version', async () => {
      const feb = await meetingOn('2027-02-09');
      await c.coordinator.get(`/meetings/${feb.id}`);
      assert.equal((await c.coordinator.post(`/meetings/${feb.id}/agenda/issue`)).statusCode, 302);
      const v1 = await t.deps.db
        .selectFrom('meeting_packs')
        .selectAll()
        .where('meeting_id', '=', feb.id)
        .executeTakeFirstOrThrow();
      const before = packBody((await c.coordinator.get(`/meetings/${feb.id}/packs/${v1.id}`)).body);
      assert.match(before, /Harassment of Alice Adams/);
      await c.officer.get(`${refs.a.caseUrl}/edit`);
      const edited = await c.officer.post(`${refs.a.caseUrl}/edit`, {
        title: 'Harassment and threats to Alice Adams',
        caseType: 'personal',
        summary: 'Now with threats.',
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
      });
      assert.equal(edited.statusCode, 303);
      assert.equal(
        (await c.coordinator.post(`/meetings/${feb.id}/agenda/build`)).statusCode,
        302,
        'refused, back to the page',
      );
      assert.equal(packBody((await c.coordinator.get(`/meetings/${feb.id}/packs/${v1.id}`)).body), before);
      assert.equal(hashContent(v1.content), v1.hash);
      await c.coordinator.post(`/meetings/${feb.id}/agenda/issue`);
      const packs = await t.deps.db
        .selectFrom('meeting_packs')
        .selectAll()
        .where('meeting_id', '=', feb.id)
        .orderBy('version')
        .execute();
      assert.deepEqual(
        packs.map((p) => p.number),
        ['CCM-2027-02-09-A1', 'CCM-2027-02-09-A2'],
      );
      assert.equal(packs[0].content, v1.content);
    });

    it('refuses a non-member clearly and audits it; another agency sees case items withheld', async () => {
      const feb = await meetingOn('2027-02-09');
      const pack = await t.deps.db
        .selectFrom('meeting_packs')
        .select('id')
        .where('meeting_id', '=', feb.id)
        .executeTakeFirstOrThrow();
      for (const url of [
        `/meetings/${feb.id}`,
        `/meetings/${feb.id}/packs/${pack.id}`,
        `/meetings/${feb.id}/packs/${pack.id}/pdf`,
      ]) {
        const res = await c.partner.get(url);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /You do not have permission to see this/);
      }
      const denied = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'meeting.access-denied')
        .where('user_id', '=', t.demo.users[DEMO.partner])
        .execute();
      assert.equal(denied.length, 3);
      const police = await c.police.get(`/meetings/${feb.id}/packs/${pack.id}`);
      assert.equal(police.statusCode, 200);
      assert.doesNotMatch(police.body, /Alice Adams/);
      assert.match(text(police.body), /Item about case CASE-\d{4}-\d{6}: details withheld/);
      const pdf = await c.coordinator.get(`/meetings/${feb.id}/packs/${pack.id}/pdf`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const read = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      assert.match(read.text, /OFFICIAL-SENSITIVE/);
      assert.match(read.text, /CCM-2027-02-09-A1/);
      assert.match(read.text, /Alice Adams/);
      const opened = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('subject_id', '=', pack.id)
        .execute();
      assert.ok(
        opened.some(
          (a) => a.action === 'meeting.pack-downloaded' && a.user_id === t.demo.users[DEMO.coordinator],
        ),
      );
      assert.ok(
        opened.some(
          (a) => a.action === 'meeting.pack-opened' && a.user_id === t.demo.users[DEMO.policeOfficer],
        ),
      );
    });

    it('records the meeting: attendance, a decision on the case timeline, an action refused without owner or with a past due date', async () => {
      await moveTo('2027-02-09T14:00:00Z');
      const feb = await meetingOn('2027-02-09');
      const items = await t.deps.db
        .selectFrom('meeting_items')
        .selectAll()
        .where('meeting_id', '=', feb.id)
        .orderBy('position')
        .execute();
      await c.coordinator.get(`/meetings/${feb.id}/attendance`);
      const att = await c.coordinator.post(`/meetings/${feb.id}/attendance`, {
        [`status-${t.demo.users[DEMO.coordinator]}`]: 'present',
        [`status-${t.demo.users[DEMO.policeOfficer]}`]: 'present',
        [`status-${t.demo.users[DEMO.officer]}`]: 'apologies',
      });
      assert.equal(att.statusCode, 302);
      const referral = items.find((i) => i.kind === 'referral')!;
      await c.coordinator.get(`/meetings/${feb.id}/items/${referral.id}`);
      const noAdvice = await c.coordinator.post(`/meetings/${feb.id}/items/${referral.id}`, {
        notes: 'Discussed',
        decision: 'not-accepted',
      });
      assert.equal(noAdvice.statusCode, 400);
      assert.deepEqual(errorsOf(noAdvice.body), ['Give the advice for the referrer']);
      assert.match(noAdvice.body, />Discussed</, 'what was typed is kept');
      const ok = await c.coordinator.post(`/meetings/${feb.id}/items/${referral.id}`, {
        notes: 'Housing to move the victim.',
        decision: 'accepted',
      });
      assert.equal(ok.statusCode, 302);
      const timeline = await c.officer.get(`${refs.a.caseUrl}/timeline`);
      assert.match(
        text(timeline.body),
        /City Community MARAC of Tuesday 9 February 2027 accepted the case \(MARAC-\d{4}-\d{6}\)/,
      );
      const heard = await t.deps.db
        .selectFrom('marac_referrals')
        .select('status')
        .where('id', '=', refs.a.referralId)
        .executeTakeFirstOrThrow();
      assert.equal(heard.status, 'heard');
      await c.coordinator.get(`/meetings/${feb.id}/actions/new`);
      const bad = await c.coordinator.post(`/meetings/${feb.id}/actions`, {
        text: 'Move the victim',
        ownerUserId: '',
        dueOn: '2027-02-01',
        rag: 'amber',
      });
      assert.deepEqual(errorsOf(bad.body), ['Choose who owns the action']);
      const early = await c.coordinator.post(`/meetings/${feb.id}/actions`, {
        text: 'Move the victim',
        ownerUserId: t.demo.users[DEMO.estateOfficer],
        dueOn: '2027-02-01',
        rag: 'amber',
      });
      assert.deepEqual(errorsOf(early.body), [
        'The due date must be on or after the meeting (Tuesday 9 February 2027)',
      ]);
      const raised = await c.coordinator.post(`/meetings/${feb.id}/actions`, {
        text: 'Move the victim',
        ownerUserId: t.demo.users[DEMO.estateOfficer],
        dueOn: '2027-03-01',
        rag: 'amber',
        itemId: referral.id,
      });
      assert.equal(raised.statusCode, 302);
      await c.coordinator.get(`/meetings/${feb.id}`);
      assert.equal((await c.coordinator.post(`/meetings/${feb.id}/minutes/circulate`)).statusCode, 302);
    });

    it('carries the open action to the next meeting with its reason, approves and seals the minutes', async () => {
      await moveTo('2027-03-09T09:00:00Z');
      const [feb, mar] = [await meetingOn('2027-02-09'), await meetingOn('2027-03-09')];
      await c.coordinator.get(`/meetings/${mar.id}`);
      await c.coordinator.post(`/meetings/${mar.id}/agenda/build`);
      const carried = await t.deps.db
        .selectFrom('meeting_items')
        .selectAll()
        .where('meeting_id', '=', mar.id)
        .where('kind', '=', 'action')
        .executeTakeFirstOrThrow();
      assert.equal(carried.title, 'Move the victim');
      assert.deepEqual(
        (
          await t.deps.db
            .selectFrom('meeting_items')
            .select('case_id')
            .where('meeting_id', '=', mar.id)
            .where('section', '=', 'New referrals')
            .execute()
        ).map((i) => i.case_id),
        [refs.b.caseId],
      );
      await c.coordinator.get(`/meetings/${mar.id}/items/${carried.id}`);
      const res = await c.coordinator.post(`/meetings/${mar.id}/items/${carried.id}`, {
        decision: 'agency-did-not-act',
        decisionNote: 'Housing has not offered a move yet',
      });
      assert.equal(res.statusCode, 302);
      assert.ok((await runDueJobs(t.deps, 20, t.jobs)) >= 1, 'the due-date reminder job ran');
      const reminder = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('template', '=', 'meeting-action-due')
        .executeTakeFirstOrThrow();
      assert.equal(reminder.recipient, DEMO.estateOfficer);
      assert.match(reminder.subject, /due on Monday 1 March 2027/);
      const update = await t.deps.db
        .selectFrom('meeting_action_updates')
        .selectAll()
        .where('action_id', '=', carried.source_id!)
        .executeTakeFirstOrThrow();
      assert.equal(update.carried, 'agency-did-not-act');
      await c.coordinator.get(`/meetings/${mar.id}`);
      assert.equal(
        (await c.coordinator.post(`/meetings/${mar.id}/minutes/approve-previous`)).statusCode,
        302,
      );
      const sealed = await meetingOn('2027-02-09');
      const minutes = await t.deps.db
        .selectFrom('meeting_packs')
        .selectAll()
        .where('meeting_id', '=', feb.id)
        .where('kind', '=', 'minutes')
        .executeTakeFirstOrThrow();
      assert.equal(sealed.minutes_status, 'approved');
      assert.equal(sealed.minutes_hash, hashContent(minutes.content));
      assert.equal(minutes.sealed, 1);
      assert.match(minutes.content, /Housing to move the victim/);
      const late = await c.coordinator.post(`/meetings/${feb.id}/attendance`, {
        [`status-${t.demo.users[DEMO.coordinator]}`]: 'absent',
      });
      assert.equal(late.statusCode, 400);
      assert.match(late.body, /The minutes are approved: the meeting’s record is sealed/);
    });

    it('shows the public calendar and its iCalendar feeds without sign-in; confidential meetings never appear', async () => {
      const s = t.services.meetings;
      const actor = { user: await userOf(t, DEMO.coordinator) };
      const made = await s.series.create(actor, {
        ...baseSeries(t),
        name: 'Aldersgate Cluster Panel',
        code: 'CP-ALD',
        type: 'cluster',
        ward: 'Aldersgate',
        venue: 'Golden Lane Community Centre',
        confidentiality: 'public',
        protectiveMarking: 'OFFICIAL',
        startTime: '18:30',
        schedule: { kind: 'quarterly', nth: 1, weekday: 3, firstMonth: 3 },
        from: '2027-03-01',
      });
      assert.ok(made.ok);
      const anon = new Client(t.app);
      const page = await anon.get('/calendar');
      assert.equal(page.statusCode, 200);
      assert.match(
        text(page.body),
        /Wednesday 3 March 2027, 18:30 Aldersgate Cluster Panel Aldersgate Golden Lane Community Centre/,
      );
      assert.doesNotMatch(page.body, /City Community MARAC|Night Time Economy/);
      for (const url of ['/calendar.ics', '/calendar/CP-ALD.ics']) {
        const ics = await anon.get(url);
        assert.equal(ics.statusCode, 200, url);
        assert.match(ics.headers['content-type'] as string, /^text\/calendar/);
        const events = new ICAL.Component(ICAL.parse(ics.body))
          .getAllSubcomponents('vevent')
          .map((v) => new ICAL.Event(v));
        assert.deepEqual(
          events.slice(0, 2).map((e) => [e.summary, e.location, e.startDate.toJSDate().toISOString()]),
          [
            [
              'Aldersgate Cluster Panel (Aldersgate)',
              'Golden Lane Community Centre',
              '2027-03-03T18:30:00.000Z',
            ], // GMT
            [
              'Aldersgate Cluster Panel (Aldersgate)',
              'Golden Lane Community Centre',
              '2027-06-02T17:30:00.000Z',
            ], // BST
          ],
        );
        assert.ok(events.every((e) => !/MARAC|Night Time/.test(e.summary)));
      }
      assert.equal((await anon.get('/calendar/CCM.ics')).statusCode, 404);
      const staff = await anon.get('/meetings');
      assert.equal(staff.statusCode, 302);
      assert.match(staff.headers.location as string, /sign-in/);
    });

    it('serves meetings, public agendas and actions to an API key, refuses confidential ones, and documents them', async () => {
      const key = await new ApiKeyService(t.deps).createForSystem(t.demo.partnershipId, 'Ward website', 100);
      const api = (url: string, k: string | null = key) =>
        t.app.inject({ method: 'GET', url, headers: k ? { 'x-api-key': k } : {} });
      assert.equal((await api('/api/v1/meetings', null)).statusCode, 401);
      const list = await api('/api/v1/meetings?from=2027-03-01&to=2027-06-30');
      assert.equal(list.statusCode, 200);
      const meetings = list.json().meetings as { id: string; series: { code: string }; date: string }[];
      assert.ok(meetings.some((m) => m.series.code === 'CCM' && m.date === '2027-04-13'));
      const panels = meetings.filter((m) => m.series.code === 'CP-ALD');
      assert.deepEqual(
        panels.map((m) => m.date),
        ['2027-03-03', '2027-06-02'],
      );
      const panel = panels[0];
      assert.equal((await api(`/api/v1/meetings/${panel.id}`)).statusCode, 200);
      assert.deepEqual((await api(`/api/v1/meetings/${panel.id}/actions`)).json(), { actions: [] });
      const ccm = meetings.find((m) => m.series.code === 'CCM')!;
      const refusedRes = await api(`/api/v1/meetings/${ccm.id}/actions`);
      assert.equal(refusedRes.statusCode, 403);
      assert.match(refusedRes.body, /confidential/);
      assert.equal((await api('/api/v1/meetings?from=03/03/2027')).statusCode, 400);
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json();
      assert.ok(doc.paths['/api/v1/meetings'] && doc.paths['/api/v1/meetings/{id}/actions']);
    });
  });
}

async function signInAt(client: Client, email: string, at: Date) {
  await client.get('/sign-in');
  await client.post('/sign-in', { email, password: DEMO_PASSWORD });
  await client.get('/sign-in/two-factor');
  const res = await client.post('/sign-in/two-factor', {
    code: currentTotp(demoTotpSecret(TEST_SEED, email), at.getTime()),
  });
  assert.equal(res.statusCode, 302, `second factor for ${email}`);
}

async function userOf(t: TestApp, email: string) {
  const u = await t.deps.db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.partnership_id',
      'users.agency_id',
      'users.team_id',
      'users.role',
      'users.name',
      'users.email',
      'agencies.code',
      'agencies.name as agency_name',
    ])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    id: u.id,
    partnershipId: u.partnership_id,
    agencyId: u.agency_id,
    agencyCode: u.code,
    agencyName: u.agency_name,
    teamId: u.team_id,
    teamName: null,
    mustChangePassword: false,
    role: u.role as 'coordinator',
    name: u.name,
    email: u.email,
  };
}

function baseSeries(t: TestApp) {
  return {
    name: 'x',
    code: 'X',
    type: 'ccm',
    schedule: { kind: 'monthly' as const, nth: 1 as const, weekday: 2 },
    startTime: '10:00',
    durationMinutes: 90,
    venue: 'Guildhall',
    ward: null,
    confidentiality: 'confidential' as const,
    protectiveMarking: 'OFFICIAL-SENSITIVE',
    termsOfReference: 'Terms',
    agendaCutoffDays: 5,
    minutesDeadlineDays: 3,
    minutesPerCase: 10,
    chairUserIds: [t.demo.users[DEMO.coordinator]],
    memberAgencyIds: [t.demo.agencies.CoLC],
    memberUserIds: [],
  };
}
