/**
 * A case from start to finish over HTTP: opened from two reports, parties added, risk assessed as
 * high, referred to the Community MARAC, a CPW then a CPN with its expiry, victim contacts, closure
 * with the victim told by the closure letter, and reopening. Plus the bad-input rules.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fileTestReport } from '../../src/cases/test-support.js';
import { DEFAULT_QUESTIONNAIRE } from '../../src/cases/rules/risk-assessment.js';
import { addCalendarMonths, addDays, todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { AuditService } from '../../src/platform/audit/service.js';
import { nextWorkingDayOnOrAfter } from '../../src/platform/dates/index.js';

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};
const errorsOf = (body: string) =>
  [
    ...body.matchAll(/govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span>([^<]+)</g),
  ].map((m) => m[1].trim());
/** Why a page was refused: its error summary, or the main content as text. */
const why = (body: string) =>
  (
    body.match(/govuk-error-summary__list">([\s\S]*?)<\/ul>/)?.[1] ??
    body.match(/<main[\s\S]*?<\/main>/)?.[0] ??
    body
  )
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 600);
const bannerOf = (body: string) =>
  /govuk-notification-banner__heading">\s*([^<]+)</.exec(body)?.[1].trim() ??
  /govuk-notification-banner__content">\s*<p[^>]*>([^<]+)</.exec(body)?.[1].trim();

for (const dialect of testDialects()) {
  describe(`case management end to end [${dialect}]`, () => {
    let t: TestApp;
    let officer: Client;
    let caseUrl = '';
    let caseId = '';
    const today = todayInLondon(new Date());
    const parties: Record<string, string> = {};

    before(async () => {
      t = await startTestApp(dialect);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
    });
    after(() => t.close());

    it('opens a case from two reports, adding the reporter as the victim', async () => {
      const r1 = await fileTestReport(t.deps, t.demo.partnershipId);
      const r2 = await fileTestReport(t.deps, t.demo.partnershipId, {
        description: 'They followed me to the bus stop and filmed me.',
      });
      await officer.get(`/cases/new?reports=${r1.id},${r2.id}`);
      const res = await officer.post('/cases/new', {
        title: 'Harassment of a resident at Golden Lane',
        caseType: 'personal',
        summary: 'A neighbour shouts abuse and follows the resident.',
        leadTeamId: t.demo.teams.CCS,
        spocUserId: t.demo.users[DEMO.officer],
        ...date('openedOn', today),
        reportIds: [r1.id, r2.id],
        addReporters: 'yes',
      });
      assert.equal(res.statusCode, 303);
      caseUrl = res.headers.location as string;
      caseId = caseUrl.split('/').pop()!;
      const page = await officer.get(caseUrl);
      assert.match(bannerOf(page.body) ?? '', /Case CASE-\d{4}-\d{6} opened/);
      assert.match(page.body, new RegExp(r1.reference));
      assert.match(page.body, new RegExp(r2.reference));
      const victims = await t.deps.db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', caseId)
        .execute();
      assert.equal(victims.length, 1, 'the same reporter is added once');
      assert.equal(victims[0].role, 'victim');
      assert.equal(victims[0].email, 'vera.victim@example.com');
      parties.victim = victims[0].id;
      // A second report within 6 months: the officer is prompted to tell the victim about the Case Review.
      assert.match(page.body, /Tell Vera Victim about the ASB Case Review/);
      assert.match(page.body, new RegExp(`${r2.reference}.*second within 6 months`));
    });

    it('adds parties with roles, linked to person records', async () => {
      await officer.get(`${caseUrl}/parties/new`);
      const bad = await officer.post(`${caseUrl}/parties/new`, {
        role: 'perpetrator',
        givenName: '',
        surname: '',
        email: 'not-an-email',
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        errorsOf(bad.body).sort(),
        [
          'Enter an email address in the correct format, like name@example.com',
          'Enter the person’s first name or last name',
        ].sort(),
      );
      const dob = addCalendarMonths(today, -12 * 30);
      const res = await officer.post(`${caseUrl}/parties/new`, {
        role: 'perpetrator',
        givenName: 'Percy',
        surname: 'Perp',
        ...date('dob', dob),
        address: 'Flat 3, Golden Lane',
      });
      assert.equal(res.statusCode, 303);
      await officer.post(`${caseUrl}/parties/new`, {
        role: 'witness',
        givenName: 'Wanda',
        surname: 'Witness',
        phone: '07700 900555',
      });
      const rows = await t.deps.db
        .selectFrom('case_parties')
        .selectAll()
        .where('case_id', '=', caseId)
        .execute();
      const perp = rows.find((p) => p.role === 'perpetrator')!;
      parties.perpetrator = perp.id;
      parties.witness = rows.find((p) => p.role === 'witness')!.id;
      const record = await t.deps.db
        .selectFrom('person_records')
        .selectAll()
        .where('id', '=', perp.person_record_id)
        .executeTakeFirstOrThrow();
      assert.equal(record.person_id, perp.person_id);
      assert.equal(record.source_type, 'case');
      assert.equal(record.source_id, caseId);
      const page = await officer.get(caseUrl);
      assert.match(page.body, /Percy Perp/);
      assert.match(page.body, /Perpetrator or subject/);
      assert.match(page.body, /Wanda Witness/);
    });

    it('refuses an invalid transition with the reason', async () => {
      await officer.get(`${caseUrl}/status/reopen`);
      const res = await officer.post(`${caseUrl}/status/reopen`, { ...date('on', today), reason: 'Trying' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /You cannot reopen the case when the status is open/);
    });

    it('assesses the risk as high and prompts a MARAC referral', async () => {
      await officer.get(`${caseUrl}/risk/new`);
      const missing = await officer.post(`${caseUrl}/risk/new`, {
        partyId: parties.victim,
        ...date('assessedOn', today),
      });
      assert.equal(missing.statusCode, 400);
      assert.equal(
        errorsOf(missing.body).length,
        DEFAULT_QUESTIONNAIRE.length,
        'each unanswered question is named',
      );
      const answers: Record<string, string> = {};
      for (const q of DEFAULT_QUESTIONNAIRE)
        answers[`answers-${q.id}`] = q.options.reduce((a, b) => (b.score > a.score ? b : a)).value;
      const res = await officer.post(`${caseUrl}/risk/new`, {
        partyId: parties.victim,
        ...date('assessedOn', today),
        ...answers,
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${caseUrl}/marac/new`);
      const form = await officer.get(res.headers.location as string);
      assert.match(
        bannerOf(form.body) ?? '',
        /Score 57 of 57: high risk.*Refer the case to the Community MARAC/,
      );
      const c = await t.deps.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      assert.equal(c.status, 'in-progress');
      assert.equal(c.risk_band, 'high');
      const ra = await t.deps.db
        .selectFrom('risk_assessments')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      assert.equal(ra.score, 57);
      assert.equal(ra.reassess_due_on, addDays(today, 7));
      const history = await officer.get(`${caseUrl}/risk`);
      assert.match(history.body, /Vulnerability factors: Repeat targeting, Hate motivation/);
      assert.match(
        history.body,
        new RegExp(`Next reassessment due by <strong>${addDays(today, 7)}</strong>`),
      );
    });

    it('refers the case to the Community MARAC; the coordinator accepts it from the inbox', async () => {
      assert.match((await officer.get(caseUrl)).body, /The risk to the victim is high/);
      const res = await officer.post(`${caseUrl}/marac/new`, {
        partyId: parties.victim,
        reason: 'High risk and repeat targeting; housing and police both involved.',
        actionsSoFar: 'Visited twice, CPW issued.',
        victimAware: 'yes',
      });
      assert.equal(res.statusCode, 303);
      assert.match(
        (await officer.get(caseUrl)).body,
        /Community MARAC referral <a[^>]*>MARAC-\d{4}-\d{6}<\/a>: waiting for the coordinator/,
      );
      const again = await officer.get(`${caseUrl}/marac/new`);
      assert.match(again.body, /This case was referred already/);
      const coordinator = new Client(t.app);
      await coordinator.signIn(DEMO.coordinator);
      const inbox = await coordinator.get('/marac-referrals');
      assert.equal(inbox.statusCode, 200);
      const id = /href="\/marac-referrals\/([^"]+)"/.exec(inbox.body)?.[1];
      assert.ok(id, 'the referral is in the inbox');
      const page = await coordinator.get(`/marac-referrals/${id}`);
      assert.match(page.body, /Score 57 of 57/);
      assert.match(page.body, /How safe does the victim feel at home/);
      const decided = await coordinator.post(`/marac-referrals/${id}`, { decision: 'accept' });
      assert.equal(decided.statusCode, 303);
      const row = await t.deps.db
        .selectFrom('marac_referrals')
        .selectAll()
        .where('id', '=', id!)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'accepted');
      const outbox = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('template', 'like', 'marac-%')
        .execute();
      assert.ok(outbox.some((m) => m.recipient === DEMO.coordinator));
      assert.ok(outbox.some((m) => m.recipient === DEMO.officer && /accepted/.test(m.subject)));
      // Someone who is not a coordinator cannot see the inbox, and is audited.
      const r = await officer.get('/marac-referrals');
      assert.equal(r.statusCode, 403);
    });

    it('records a CPW then a CPN with its expiry, without the CPN warning', async () => {
      await officer.get(`${caseUrl}/powers/new`);
      const cpwOn = addDays(today, -20);
      const cpw = await officer.post(`${caseUrl}/powers/new`, {
        power: 'community-protection-warning',
        subject: `party:${parties.perpetrator}`,
        ...date('issuedOn', cpwOn),
        conditions: 'Stop shouting at residents\nDo not follow residents',
      });
      assert.equal(cpw.statusCode, 303, why(cpw.body));
      const expiry = addCalendarMonths(today, 6);
      const cpn = await officer.post(`${caseUrl}/powers/new`, {
        power: 'community-protection-notice',
        subject: `party:${parties.perpetrator}`,
        ...date('issuedOn', today),
        ...date('expiresOn', expiry),
        conditions: 'Not to enter the Golden Lane Estate stairwell B',
      });
      assert.equal(cpn.statusCode, 303, why(cpn.body));
      const page = await officer.get(cpn.headers.location as string);
      assert.match(page.body, /Community Protection Notice recorded/);
      assert.doesNotMatch(page.body, /No Community Protection Warning/);
      assert.match(page.body, new RegExp(expiry));
      const steps = await t.deps.db
        .selectFrom('ladder_steps')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('issued_on')
        .execute();
      assert.deepEqual(
        steps.map((s) => s.power),
        ['community-protection-warning', 'community-protection-notice'],
      );
      assert.equal(steps[1].expires_on, expiry);
      const list = await officer.get(`${caseUrl}/powers`);
      assert.match(list.body, /Community Protection Warning/);
      assert.match(list.body, new RegExp(`<td class="govuk-table__cell">${expiry}</td>`));
      // The person's ladder shows the CPN in force and its expiry next.
      const person = await t.deps.db
        .selectFrom('case_parties')
        .select('person_id')
        .where('id', '=', parties.perpetrator)
        .executeTakeFirstOrThrow();
      const ladder = await officer.get(`/cases/people/${person.person_id}/ladder`);
      assert.match(ladder.body, /Community Protection Notice in force since/);
      const soon = await officer.get('/expiring-soon?days=28');
      assert.match(soon.body, /Community Protection Warning/, 'the CPW review falls due within 28 days');
    });

    it('names dates out of order and warns about a CPN with no CPW, under-age subjects and long dispersals', async () => {
      const wrong = await officer.post(`${caseUrl}/powers/new`, {
        power: 'acceptable-behaviour-contract',
        subject: `party:${parties.perpetrator}`,
        ...date('issuedOn', today),
        ...date('expiresOn', addDays(today, -3)),
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(
        wrong.body,
        new RegExp(
          `The expiry date \\(${addDays(today, -3)}\\) is before the date it was issued \\(${today}\\)`,
        ),
      );

      const noCpw = await officer.post(`${caseUrl}/powers/new`, {
        power: 'community-protection-notice',
        subject: `party:${parties.witness}`,
        ...date('issuedOn', today),
      });
      assert.equal(noCpw.statusCode, 400);
      assert.match(
        noCpw.body,
        /No Community Protection Warning to this person before this Community Protection Notice/,
      );
      assert.match(noCpw.body, /Read the warnings, then confirm you want to record this step/);

      const dispersal = await officer.post(`${caseUrl}/powers/new`, {
        power: 'dispersal-direction',
        subject: `party:${parties.perpetrator}`,
        ...date('issuedOn', today),
        durationHours: '60',
      });
      assert.equal(dispersal.statusCode, 400);
      assert.match(dispersal.body, /A Dispersal direction can last at most 48 hours; this one is 60/);
      const confirmed = await officer.post(`${caseUrl}/powers/new`, {
        power: 'dispersal-direction',
        subject: `party:${parties.perpetrator}`,
        ...date('issuedOn', today),
        durationHours: '60',
        acknowledgeWarnings: 'yes',
      });
      assert.equal(confirmed.statusCode, 303);

      await officer.post(`${caseUrl}/parties/new`, {
        role: 'perpetrator',
        givenName: 'Young',
        surname: 'Person',
        ...date('dob', addCalendarMonths(today, -12 * 14)),
      });
      const young = await t.deps.db
        .selectFrom('case_parties')
        .select('id')
        .where('display_name', '=', 'Young Person')
        .executeTakeFirstOrThrow();
      const cpwUnder16 = await officer.post(`${caseUrl}/powers/new`, {
        power: 'community-protection-warning',
        subject: `party:${young.id}`,
        ...date('issuedOn', today),
      });
      assert.match(cpwUnder16.body, /needs the person to be 16 or over; they were 14/);
      await officer.post(`${caseUrl}/parties/new`, {
        role: 'perpetrator',
        givenName: 'Small',
        surname: 'Child',
        ...date('dob', addCalendarMonths(today, -12 * 9)),
      });
      const child = await t.deps.db
        .selectFrom('case_parties')
        .select('id')
        .where('display_name', '=', 'Small Child')
        .executeTakeFirstOrThrow();
      const injunction = await officer.post(`${caseUrl}/powers/new`, {
        power: 'civil-injunction',
        subject: `party:${child.id}`,
        ...date('issuedOn', today),
      });
      assert.match(injunction.body, /needs the person to be 10 or over; they were 9/);

      const breach = await officer.post(
        `${caseUrl}/powers/${(await t.deps.db.selectFrom('ladder_steps').select('id').where('power', '=', 'community-protection-notice').executeTakeFirstOrThrow()).id}/breaches`,
        {
          ...date('breachedOn', addDays(today, -30)),
          description: 'Shouted at the victim in the stairwell',
        },
      );
      assert.equal(breach.statusCode, 400);
      assert.match(breach.body, /The breach date \(.+\) is before the CPN was issued/);
    });

    it('logs victim contacts against an agreed frequency and alerts when contact is overdue', async () => {
      await officer.get(`${caseUrl}/parties/${parties.victim}`);
      const prefs = await officer.post(`${caseUrl}/parties/${parties.victim}/preferences`, {
        contactFrequency: 'weekly',
        preferredChannel: 'phone',
        consentToShare: 'yes',
        ...date('consentRecordedOn', today),
      });
      assert.equal(prefs.statusCode, 303);
      // The agreement began three weeks ago: contact is overdue.
      await t.deps.db
        .updateTable('case_parties')
        .set({ contact_agreed_on: addDays(today, -21) })
        .where('id', '=', parties.victim)
        .execute();
      let page = await officer.get(`${caseUrl}/contacts`);
      assert.match(page.body, /Overdue/);
      assert.match(page.body, /Contact overdue by \d+ days?/);
      const future = await officer.post(`${caseUrl}/contacts`, {
        partyId: parties.victim,
        ...date('contactedOn', addDays(today, 2)),
        channel: 'phone',
        direction: 'outbound',
        successful: 'yes',
        summary: 'x',
      });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /The date of the contact must be today or in the past/);
      const res = await officer.post(`${caseUrl}/contacts`, {
        partyId: parties.victim,
        ...date('contactedOn', today),
        channel: 'phone',
        direction: 'outbound',
        successful: 'yes',
        summary: 'Explained the CPN; agreed weekly calls. Told her about the ASB Case Review.',
        toldAboutCaseReview: 'yes',
      });
      assert.equal(res.statusCode, 303);
      await officer.post(`${caseUrl}/contacts`, {
        partyId: parties.victim,
        ...date('contactedOn', today),
        channel: 'visit',
        direction: 'outbound',
        successful: 'no',
        summary: 'No answer at the door.',
      });
      page = await officer.get(`${caseUrl}/contacts`);
      assert.doesNotMatch(page.body, /Contact overdue/);
      assert.match(
        page.body,
        new RegExp(
          `Next contact due ${nextWorkingDayOnOrAfter(addDays(today, 7))} \\(last contact ${today}\\)`,
        ),
      );
      assert.match(page.body, /Explained the CPN/);
      assert.doesNotMatch(
        page.body,
        /Tell Vera Victim about the ASB Case Review/,
        'the prompt stops once she is told',
      );
    });

    it('adds actions with owners and RAG, shown in my work and the overdue view', async () => {
      await officer.get(`${caseUrl}/actions/new`);
      const early = await officer.post(`${caseUrl}/actions/new`, {
        title: 'x',
        owner: `user:${t.demo.users[DEMO.officer]}`,
        ...date('dueOn', '2020-01-01'),
        rag: 'green',
      });
      assert.match(early.body, /The due date \(2020-01-01\) cannot be before the case was opened/);
      await officer.post(`${caseUrl}/actions/new`, {
        title: 'Visit the neighbour with police',
        owner: `user:${t.demo.users[DEMO.officer]}`,
        ...date('dueOn', addDays(today, 3)),
        rag: 'amber',
      });
      await officer.post(`${caseUrl}/actions/new`, {
        title: 'Refer to mediation',
        owner: `team:${t.demo.teams.CCS}`,
        ...date('dueOn', today),
        rag: 'red',
      });
      const work = await officer.get('/my-work');
      assert.match(work.body, /Visit the neighbour with police/);
      assert.match(work.body, /Refer to mediation/);
      await t.deps.db
        .updateTable('case_actions')
        .set({ due_on: addDays(today, -5) })
        .where('title', '=', 'Refer to mediation')
        .execute();
      const manager = new Client(t.app);
      await manager.signIn(DEMO.manager);
      const overdue = await manager.get('/my-work/overdue');
      assert.match(overdue.body, /Refer to mediation/);
      assert.doesNotMatch(overdue.body, /Visit the neighbour with police/);
    });

    it('closes the case only after review, sending the victim the closure letter, and reopens it', async () => {
      await officer.get(`${caseUrl}/status/close`);
      const early = await officer.post(`${caseUrl}/status/close`, {
        ...date('on', today),
        reason: 'resolved',
        detail: 'The neighbour has moved out.',
        tellVictim: 'send-letter',
      });
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /A high-risk case must be reviewed by a manager before it closes/);
      const review = await officer.post(`${caseUrl}/status/request-review`, {
        ...date('on', today),
        note: 'Ready to close',
      });
      assert.equal(review.statusCode, 303);
      const closed = await officer.post(`${caseUrl}/status/close`, {
        ...date('on', today),
        reason: 'resolved',
        detail: 'The neighbour has moved out and the abuse has stopped.',
        tellVictim: 'send-letter',
      });
      assert.equal(closed.statusCode, 303, why(closed.body));
      const page = await officer.get(caseUrl);
      assert.match(bannerOf(page.body) ?? '', /Review done: case closed. Closure letter sent to the victim/);
      assert.match(page.body, /Closure letter sent by email/);
      const letter = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('template', '=', 'case-closure')
        .executeTakeFirstOrThrow();
      assert.equal(letter.recipient, 'vera.victim@example.com');
      assert.match(letter.body, /Why the case is closing: The behaviour has stopped\./);
      assert.match(letter.body, /The neighbour has moved out and the abuse has stopped\./);
      assert.match(letter.body, /ASB Case Review/);
      const reopened = await officer.post(`${caseUrl}/status/reopen`, {
        ...date('on', today),
        reason: 'The abuse started again',
      });
      assert.equal(reopened.statusCode, 303);
      const c = await t.deps.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      assert.equal(c.status, 'in-progress');
      assert.equal(c.closed_on, null);
      assert.equal(JSON.parse(c.state).reopenCount, 1);
    });

    it('shows everything on one timeline, newest first', async () => {
      const page = await officer.get(`${caseUrl}/timeline`);
      assert.equal(page.statusCode, 200);
      const labels = [...page.body.matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]);
      assert.ok(labels.length >= 15, `timeline has ${labels.length} items`);
      assert.deepEqual(labels, [...labels].sort().reverse(), 'newest first');
      for (const text of [
        /Report ASB-/,
        /Case opened from/,
        /Risk assessed as high/,
        /Referred to the Community MARAC/,
        /Community Protection Notice to Percy Perp/,
        /Phone call to Vera Victim/,
        /Case closed/,
        /Case reopened/,
      ]) {
        assert.match(page.body, text);
      }
      const only = await officer.get(`${caseUrl}/timeline?kind=ladder`);
      assert.doesNotMatch(only.body, /Case reopened/);
      assert.match(only.body, /Community Protection Warning to Percy Perp/);
    });

    it('refuses a user of another team with 403 and an audit entry, never the data', async () => {
      const noise = new Client(t.app);
      await noise.signIn(DEMO.noiseOfficer);
      for (const path of [
        '',
        '/risk',
        '/powers',
        '/contacts',
        '/timeline',
        '/documents',
        `/parties/${parties.victim}`,
      ]) {
        const res = await noise.get(`${caseUrl}${path}`);
        assert.equal(res.statusCode, 403, path);
        assert.doesNotMatch(res.body, /Vera Victim|Golden Lane|Percy/);
      }
      await noise.get('/cases');
      const post = await noise.post(`${caseUrl}/contacts`, {
        partyId: parties.victim,
        ...date('contactedOn', today),
        channel: 'phone',
        direction: 'outbound',
        successful: 'yes',
        summary: 'sneaky',
      });
      assert.equal(post.statusCode, 403);
      const list = await noise.get('/cases');
      assert.doesNotMatch(list.body, /Harassment of a resident/);
      const denied = await new AuditService(t.deps.db, t.deps.dialect, t.deps.clock).search({
        partnershipId: t.demo.partnershipId,
        action: 'case.access-denied',
        subjectId: caseId,
        limit: 100,
      });
      assert.ok(denied.filter((d) => d.user_label === DEMO.noiseOfficer).length >= 8);
      // The call handler's role holds no case permission: refused at the route.
      const handler = new Client(t.app);
      await handler.signIn(DEMO.callHandler);
      assert.equal((await handler.get(caseUrl)).statusCode, 403);
    });

    it('audits every view of the case', async () => {
      const views = await new AuditService(t.deps.db, t.deps.dialect, t.deps.clock).search({
        partnershipId: t.demo.partnershipId,
        action: 'case.viewed',
        subjectId: caseId,
        limit: 200,
      });
      const pages = new Set(views.map((v) => JSON.parse(v.details).page));
      for (const p of ['overview', 'risk', 'powers', 'contacts', 'timeline'])
        assert.ok(pages.has(p), `view of ${p} audited`);
    });
  });
}
