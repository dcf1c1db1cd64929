import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fixedClock } from '../../src/platform/db/clock.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;|’/g, "'")
    .replace(/\s+/g, ' ');
const errorsOf = (html: string) =>
  [...html.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2].replace(/&#39;|’/g, "'")]);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** A multipart form post through the client's session (for the consent upload). */
async function postMultipart(
  t: TestApp,
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; content: Buffer },
) {
  const boundary = `----asbhub${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = (c as unknown as { cookieHeader(): string }).cookieHeader();
  return t.app.inject({
    method: 'POST',
    url: `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(c.csrf)}`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

interface Answers {
  applicantKind: 'victim' | 'on-behalf';
  victimType?: string;
  victim: Record<string, string>;
  consent?: 'later' | 'upload';
  what?: Record<string, string>;
  reported?: Record<string, string | string[]>;
  contact: Record<string, string | string[]>;
}

/** Goes through every page of the public application and sends it; returns the confirmation page. */
async function apply(t: TestApp, a: Answers) {
  const c = new Client(t.app);
  const step = async (url: string, form: Record<string, string | string[]>) => {
    await c.get(url);
    const r = await c.post(url, form);
    assert.equal(r.statusCode, 302, `${url}: ${JSON.stringify(errorsOf(r.body))}`);
    return r.headers.location;
  };
  assert.equal(
    await step('/case-review/apply', { applicantKind: a.applicantKind }),
    '/case-review/apply/victim-type',
  );
  await step('/case-review/apply/victim-type', { victimType: a.victimType ?? 'person' });
  const afterVictim = await step('/case-review/apply/victim', a.victim);
  if (a.applicantKind === 'on-behalf') {
    assert.equal(afterVictim, '/case-review/apply/consent');
    await c.get('/case-review/apply/consent');
    const r =
      a.consent === 'upload'
        ? await postMultipart(
            t,
            c,
            '/case-review/apply/consent',
            { consentMethod: 'upload' },
            { name: 'consentFile', filename: 'consent.pdf', type: 'application/pdf', content: PDF },
          )
        : await c.post('/case-review/apply/consent', { consentMethod: 'later' });
    assert.equal(r.statusCode, 302, JSON.stringify(errorsOf(r.body)));
  } else assert.equal(afterVictim, '/case-review/apply/what');
  await step(
    '/case-review/apply/what',
    a.what ?? {
      description: 'Drug dealing and shouting on the stairs every night.',
      location: 'Golden Lane Estate',
      hate: 'no',
    },
  );
  await step(
    '/case-review/apply/reported',
    a.reported ?? {
      agencies: ['police'],
      'policeFirst-month': '4',
      'policeFirst-year': '2026',
      policeReferences: 'CAD 4471',
    },
  );
  assert.equal(await step('/case-review/apply/contact', a.contact), '/case-review/apply/check');
  const check = await c.get('/case-review/apply/check');
  assert.equal(check.statusCode, 200);
  const sent = await c.post('/case-review/apply/check', {});
  assert.equal(sent.statusCode, 303);
  const confirmation = await c.get('/case-review/apply/confirmation');
  const reference = /id="reference">([^<]+)/.exec(confirmation.body)?.[1];
  assert.ok(reference, 'the confirmation shows a reference');
  return { c, check, confirmation, reference };
}

for (const dialect of testDialects()) {
  describe(`ASB Case Review: the public application [${dialect}]`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-06-01T09:00:00Z');
    const coordinator = async () => {
      const at = clock.iso();
      clock.set(new Date()); // security codes follow real time
      const c = new Client(t.app);
      await c.signIn(DEMO.coordinator);
      clock.set(at);
      return c;
    };
    const row = (reference: string) =>
      t.deps.db
        .selectFrom('case_reviews')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(dialect, { clock });
    });
    after(() => t.close());

    it('explains the process and the local threshold, and keeps the threshold within the law', async () => {
      const about = await t.app.inject({ method: 'GET', url: '/case-review' });
      assert.equal(about.statusCode, 200);
      assert.match(
        text(about.body),
        /at least 3 times, about different incidents, each within 1 month of the behaviour/,
      );
      assert.match(text(about.body), /or you have reported 1 hate incident/);
      assert.match(
        text(about.body),
        /appeal to the Common Council of the City of London, as the police and crime body/,
      );
      const c = await coordinator();
      const form = (await c.get('/case-reviews/settings')).body;
      const values = Object.fromEntries(
        [...form.matchAll(/name="(\w+)"[^>]*value="([^"]*)"/g)]
          .filter((m) => m[1] !== '_csrf')
          .map((m) => [m[1], m[2]]),
      );
      const tooHigh = await c.post('/case-reviews/settings', { ...values, complaintsThreshold: '4' });
      assert.equal(tooHigh.statusCode, 400);
      assert.match(text(tooHigh.body), /cannot be more than 3/);
      const order = await c.post('/case-reviews/settings', { ...values, thresholdDecisionWorkingDays: '1' });
      assert.equal(order.statusCode, 400);
      assert.match(
        text(order.body),
        /Decide the threshold within \(1\) must be the same as or more than acknowledge within \(2\)/,
      );
      const lower = await c.post('/case-reviews/settings', {
        ...values,
        complaintsThreshold: '2',
        communityThreshold: '',
      });
      assert.equal(lower.statusCode, 303);
      const after = text((await t.app.inject({ method: 'GET', url: '/case-review' })).body);
      assert.match(after, /at least 2 times/);
      assert.doesNotMatch(after, /different people have reported/);
      await c.post('/case-reviews/settings', values);
    });

    it('names dates in the future and in the wrong order, and the missing answers', async () => {
      const c = new Client(t.app);
      await c.get('/case-review/apply');
      await c.post('/case-review/apply', { applicantKind: 'victim' });
      await c.get('/case-review/apply/victim-type');
      await c.post('/case-review/apply/victim-type', { victimType: 'business' });
      await c.get('/case-review/apply/victim');
      const noName = await c.post('/case-review/apply/victim', { victimName: 'Sam Owner' });
      assert.deepEqual(errorsOf(noName.body), [['victimOrganisation', 'Enter the name of the business']]);
      await c.post('/case-review/apply/victim', {
        victimName: 'Sam Owner',
        victimOrganisation: 'Cheapside Coffee',
      });
      await c.get('/case-review/apply/what');
      const future = await c.post('/case-review/apply/what', {
        description: 'x',
        location: 'Cheapside',
        hate: 'no',
        'started-month': '7',
        'started-year': '2026',
      });
      assert.deepEqual(errorsOf(future.body), [
        ['started', 'The month it started must be this month or in the past'],
      ]);
      await c.post('/case-review/apply/what', {
        description: 'Begging at the door',
        location: 'Cheapside',
        hate: 'no',
        'started-month': '3',
        'started-year': '2026',
      });
      await c.get('/case-review/apply/reported');
      const order = await c.post('/case-review/apply/reported', {
        agencies: ['council'],
        'councilFirst-month': '5',
        'councilFirst-year': '2026',
        'councilLast-month': '4',
        'councilLast-year': '2026',
      });
      assert.deepEqual(errorsOf(order.body), [
        [
          'councilLast',
          'The date you last reported it to the council must be the same as or after the date you first reported it',
        ],
      ]);
      const beforeStart = await c.post('/case-review/apply/reported', {
        agencies: ['police'],
        'policeFirst-month': '2',
        'policeFirst-year': '2026',
      });
      assert.deepEqual(errorsOf(beforeStart.body), [
        [
          'policeFirst',
          'The date you first reported it to the police must be the same as or after the month the problem started',
        ],
      ]);
      const both = await c.post('/case-review/apply/reported', { agencies: ['none', 'police'] });
      assert.match(errorsOf(both.body)[0][1], /not both/);
      await c.post('/case-review/apply/reported', { agencies: ['none'] });
      await c.get('/case-review/apply/contact');
      const noEmail = await c.post('/case-review/apply/contact', {
        contactMethod: 'email',
        contactPhone: '07700 900982',
      });
      assert.deepEqual(errorsOf(noEmail.body), [
        ['contactEmail', 'Enter your email address, or choose another way for us to contact you'],
      ]);
      // the check page cannot be skipped to
      const fresh = new Client(t.app);
      const skip = await fresh.get('/case-review/apply/check');
      assert.equal(skip.headers.location, '/case-review/apply');
    });

    let first = '';
    it('takes the victim’s own application, confirms it with a reference and acknowledges receipt', async () => {
      const { check, confirmation, reference } = await apply(t, {
        applicantKind: 'victim',
        victim: { victimName: 'Jo Resident' },
        contact: {
          contactEmail: 'jo.resident@example.com',
          contactMethod: 'email',
          supportNeeds: ['interpreter'],
          supportDetails: 'Polish',
        },
      });
      first = reference;
      assert.match(text(check.body), /Reported to The police: in April 2026; references CAD 4471/);
      assert.match(text(confirmation.body), /We will acknowledge your application by Wednesday 3 June 2026/);
      assert.match(text(confirmation.body), /We have sent a confirmation to jo.resident@example.com/);
      const r = await row(reference);
      assert.equal(r.status, 'received');
      assert.equal(r.channel, 'online');
      assert.deepEqual(JSON.parse(r.support_needs), ['interpreter']);
      const receipt = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', r.id)
        .where('template', '=', 'case-review-received')
        .executeTakeFirstOrThrow();
      assert.equal(receipt.recipient, 'jo.resident@example.com');
      assert.match(receipt.subject, new RegExp(reference));
      const reported = await t.deps.db
        .selectFrom('case_review_agency_reports')
        .selectAll()
        .where('case_review_id', '=', r.id)
        .execute();
      assert.deepEqual(
        reported.map((x) => [x.agency, x.first_reported, x.reference_numbers]),
        [['police', '2026-04', 'CAD 4471']],
      );
    });

    it('links a second application for the same victim and problem, and counts it once', async () => {
      clock.set('2026-06-08T09:00:00Z');
      const { confirmation, reference } = await apply(t, {
        applicantKind: 'victim',
        victim: { victimName: 'Jo Resident' },
        contact: { contactEmail: 'jo.resident@example.com', contactMethod: 'email' },
      });
      assert.match(
        text(confirmation.body),
        new RegExp(`You have already applied about this problem \\(reference ${first}\\)`),
      );
      const dup = await row(reference);
      const original = await row(first);
      assert.equal(dup.duplicate_of, original.id);
      const c = await coordinator();
      const page = await c.get(`/case-reviews/${dup.id}`);
      assert.match(text(page.body), /Deadlines run under the earlier application/);
      assert.doesNotMatch(text(page.body), /Record consent/);
      assert.match(
        text(page.body),
        new RegExp(`Linked as a duplicate of ${first} ?: Same victim and same place as ${first}`),
      );
      const stats = JSON.parse(
        (
          await t.app.inject({
            method: 'GET',
            url: '/case-review/statistics.json?from=2026-06-01&to=2026-06-30',
          })
        ).body,
      );
      assert.equal(stats.applications, 1);
    });

    let held = '';
    it('holds an application made on someone’s behalf until their consent is recorded', async () => {
      const { confirmation, reference } = await apply(t, {
        applicantKind: 'on-behalf',
        victim: {
          victimName: 'Edna Elder',
          victimAddress: '12 Bastwick Street',
          victimPostcode: 'EC1V 3PS',
          victimPhone: '020 7946 0000',
        },
        consent: 'later',
        contact: {
          applicantName: 'Kim Carer',
          relationship: 'Her support worker',
          contactEmail: 'kim.carer@example.com',
          contactMethod: 'email',
        },
      });
      held = reference;
      assert.match(text(confirmation.body), /We need the victim's written consent before we can start/);
      const r = await row(reference);
      assert.equal(r.status, 'awaiting-consent');
      assert.equal(r.clock_starts_on, null);
      const stats = JSON.parse(
        (
          await t.app.inject({
            method: 'GET',
            url: '/case-review/statistics.json?from=2026-06-01&to=2026-06-30',
          })
        ).body,
      );
      assert.equal(stats.applications, 1, 'not counted until consent arrives');

      const c = await coordinator();
      const list = await c.get('/case-reviews');
      assert.match(
        text(list.body),
        new RegExp(`${reference} Edna Elder 2026-06-08 Awaiting consent Waiting for the victim's consent`),
      );
      await c.get(`/case-reviews/${r.id}/do/acknowledge`);
      const ack = await c.post(`/case-reviews/${r.id}/do/acknowledge`, {
        'on-day': '8',
        'on-month': '6',
        'on-year': '2026',
      });
      assert.equal(ack.statusCode, 400);
      assert.match(
        text(ack.body),
        /You cannot acknowledge when the status is held awaiting the victim's consent/,
      );

      clock.set('2026-06-10T09:00:00Z');
      const c2 = await coordinator();
      await c2.get(`/case-reviews/${r.id}/consent`);
      const notPdf = await postMultipart(
        t,
        c2,
        `/case-reviews/${r.id}/consent`,
        { 'on-day': '10', 'on-month': '6', 'on-year': '2026', note: 'Signed letter' },
        {
          name: 'consentFile',
          filename: 'consent.exe',
          type: 'application/pdf',
          content: Buffer.from('MZ not a pdf'),
        },
      );
      assert.equal(notPdf.statusCode, 400);
      assert.match(text(notPdf.body), /The selected file must be a PDF, JPG or PNG/);
      const ok = await c2.post(`/case-reviews/${r.id}/consent`, {
        'on-day': '10',
        'on-month': '6',
        'on-year': '2026',
        note: 'Signed letter received by post',
      });
      assert.equal(ok.statusCode, 303);
      const after = await row(reference);
      assert.equal(after.status, 'received');
      assert.equal(after.consent_on, '2026-06-10');
      assert.equal(after.clock_starts_on, '2026-06-10');
      const overview = await c2.get(`/case-reviews/${r.id}`);
      assert.match(text(overview.body), /Acknowledge the application 2026-06-12/);
      const letter = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', r.id)
        .where('template', '=', 'case-review-consent-received')
        .executeTakeFirstOrThrow();
      assert.match(letter.body, /acknowledge your application by Friday 12 June 2026/);
      const counted = JSON.parse(
        (
          await t.app.inject({
            method: 'GET',
            url: '/case-review/statistics.json?from=2026-06-01&to=2026-06-30',
          })
        ).body,
      );
      assert.equal(counted.applications, 2);
    });

    it('takes an uploaded consent with the application, and lets a coordinator open it', async () => {
      const { reference } = await apply(t, {
        applicantKind: 'on-behalf',
        victimType: 'community-group',
        victim: { victimOrganisation: 'Golden Lane Tenants’ Association', victimName: 'Raj Secretary' },
        consent: 'upload',
        contact: {
          applicantName: 'Cllr Pat Member',
          relationship: 'Ward councillor',
          contactAddress: 'Guildhall, London',
          contactPostcode: 'EC2V 7HH',
          contactMethod: 'letter',
        },
      });
      assert.notEqual(reference, held);
      const r = await row(reference);
      assert.equal(r.status, 'received');
      assert.equal(r.consent_method, 'uploaded');
      assert.equal(r.clock_starts_on, '2026-06-10');
      const files = await t.deps.db
        .selectFrom('case_review_files')
        .selectAll()
        .where('case_review_id', '=', r.id)
        .execute();
      assert.equal(files.length, 1);
      const receipt = await t.deps.db
        .selectFrom('outbox')
        .selectAll()
        .where('related_id', '=', r.id)
        .where('template', '=', 'case-review-received')
        .executeTakeFirstOrThrow();
      assert.equal(receipt.channel, 'letter');
      assert.equal(receipt.recipient, 'Guildhall, London, EC2V 7HH');
      const c = await coordinator();
      const file = await c.get(`/case-reviews/${r.id}/files/${files[0].id}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.ok(file.rawPayload.equals(PDF));
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', r.id)
        .where('action', '=', 'case-review.file-viewed')
        .execute();
      assert.equal(audit.length, 1);
    });
  });
}
