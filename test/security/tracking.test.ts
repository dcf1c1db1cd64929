import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, type TestApp } from '../helpers/app.js';
import { ReportService, type NewReport } from '../../src/reports/service.js';

const report = (email: string): NewReport => ({
  channel: 'web',
  categoryCode: 'graffiti',
  hateIncident: false,
  description: 'Tags sprayed on the shutters',
  location: {
    text: 'Cheapside',
    postcode: null,
    lat: 51.514,
    lng: -0.0935,
    precision: 'gazetteer',
    contexts: ['street'],
  },
  occurred: { kind: 'ongoing', at: null, note: null },
  reporter: {
    kind: 'victim',
    anonymous: false,
    name: 'Tracey Tracker',
    email,
    phone: null,
    contactPreference: 'email',
  },
});

/** The error summary's first message, which must not differ between a real and a made-up reference. */
const summary = (body: string) => /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]+)</.exec(body)?.[1].trim();

for (const dialect of testDialects()) {
  describe(`following a report cannot be walked [${dialect}]`, () => {
    let t: TestApp;
    let reports: ReportService;
    before(async () => {
      // Each test (and each guess in the spread attack) comes from its own forwarded address.
      t = await startTestApp(dialect, { env: { TRUST_PROXY: '127.0.0.1' } });
      reports = new ReportService(t.deps);
    });
    after(() => t.close());
    const file = (email: string) =>
      reports.create(t.demo.partnershipId, report(email), { kind: 'public' }, { ip: null, requestId: null });

    const from = (n: number) => ({ 'x-forwarded-for': `192.0.2.${n}` });

    it('needs the tracking code sent with the acknowledgement; the email address is not enough', async () => {
      const mine = await file('walker@example.com');
      const ack = await t.deps.db
        .selectFrom('outbox')
        .select('body')
        .where('related_id', '=', mine.id)
        .where('template', '=', 'report-acknowledgement')
        .executeTakeFirstOrThrow();
      assert.ok(ack.body.includes(mine.trackingCode), 'the acknowledgement carries the tracking code');

      const c = new Client(t.app);
      await c.get('/report/track');
      const byEmail = await c.post('/report/track', {
        reference: mine.reference,
        contact: 'walker@example.com',
      });
      assert.equal(byEmail.statusCode, 400);
      assert.doesNotMatch(byEmail.body, /Tags sprayed|Report received/);
      const byCode = await c.post(
        '/report/track',
        { reference: mine.reference, code: mine.trackingCode },
        from(1),
      );
      assert.equal(byCode.statusCode, 200);
      assert.match(byCode.body, new RegExp(mine.reference));
    });

    it('codes are not sequential: neighbouring reports have unrelated codes', async () => {
      const a = await file('a@example.com');
      const b = await file('b@example.com');
      assert.notEqual(a.trackingCode, b.trackingCode);
      assert.match(a.trackingCode, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    });

    it('limits failures per reference, and says the same for a reference that does not exist', async () => {
      const target = await file('target@example.com');
      const missing = target.reference.replace(/\d{6}$/, '999999');
      const c = new Client(t.app);
      await c.get('/report/track');
      const real: number[] = [];
      const fake: number[] = [];
      let firstReal = '';
      let firstFake = '';
      for (let i = 0; i < 5; i++) {
        const r = await c.post(
          '/report/track',
          { reference: target.reference, code: `AAAAA-0000${i}` },
          from(10 + i),
        );
        const f = await c.post('/report/track', { reference: missing, code: `AAAAA-0000${i}` }, from(20 + i));
        real.push(r.statusCode);
        fake.push(f.statusCode);
        firstReal ||= summary(r.body) ?? '';
        firstFake ||= summary(f.body) ?? '';
      }
      assert.deepEqual(real, [400, 400, 400, 400, 400]);
      assert.deepEqual(fake, real);
      assert.equal(firstReal, firstFake);
      // The reference is now held for a while, even with the right code.
      const held = await c.post(
        '/report/track',
        { reference: target.reference, code: target.trackingCode },
        from(30),
      );
      assert.equal(held.statusCode, 429);
      assert.doesNotMatch(held.body, /Tags sprayed/);
    });

    it('limits each client across references', async () => {
      const c = new Client(t.app);
      await c.get('/report/track');
      let last = 0;
      for (let i = 0; i < 11; i++)
        last = (
          await c.post(
            '/report/track',
            { reference: `ASB-2026-1000${10 + i}`, code: 'AAAAA-00000' },
            from(40),
          )
        ).statusCode;
      assert.equal(last, 429);
    });
  });
}
