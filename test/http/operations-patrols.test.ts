import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { addDays, todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { ReportService } from '../../src/reports/service.js';
import { findPlace } from '../../src/reports/geo/gazetteer.js';

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

for (const dialect of testDialects()) {
  describe(`patrols, joint operations and the benefits view [${dialect}]`, () => {
    let t: TestApp;
    let officer: Client;
    const today = todayInLondon(new Date());
    before(async () => {
      t = await startTestApp(dialect);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
    });
    after(() => t.close());

    /** A begging report at Liverpool Street station that happened `daysAgo` days ago. */
    const reportAt = async (daysAgo: number) => {
      const p = findPlace('Liverpool Street station')!;
      return new ReportService(t.deps).create(
        t.demo.partnershipId,
        {
          channel: 'web',
          categoryCode: 'aggressive-begging',
          hateIncident: false,
          description: 'Followed to the ticket barriers and asked for money',
          location: {
            text: 'Liverpool Street station',
            postcode: null,
            lat: p.lat,
            lng: p.lng,
            precision: 'pin',
            contexts: [],
          },
          occurred: { kind: 'at', at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(), note: null },
          reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
        },
        { kind: 'public' },
        { ip: null, requestId: null },
      );
    };

    it('records a night patrol shift past midnight; refuses bad counts and missing fields naming them', async () => {
      await officer.get('/operations/patrols/new');
      const bad = await officer.post('/operations/patrols', {
        patrolledBy: '',
        place: 'Liverpool Street station',
        ...dateFields('on', today),
        start: '22:00',
        end: '',
        engagements: '-1',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter who patrolled/);
      assert.match(bad.body, /Enter the end time/);
      assert.match(bad.body, /Enter the number of engagements as a whole number of 0 or more/);
      const ok = await officer.post('/operations/patrols', {
        patrolledBy: 'Commissioned patrol service',
        place: 'Liverpool Street station',
        radius: '300',
        ...dateFields('on', addDays(today, -20)),
        start: '22:00',
        end: '02:00',
        engagements: '12',
        warnings: '2',
      });
      assert.equal(ok.statusCode, 303);
      const [shift] = await t.deps.db.selectFrom('patrol_shifts').selectAll().execute();
      assert.equal((Date.parse(shift.ends_at) - Date.parse(shift.starts_at)) / 3_600_000, 4);
      assert.equal(shift.engagements, 12);
      assert.match((await officer.get('/operations/patrols')).body, /Commissioned patrol service/);
    });

    it('a joint operation links reports and compares equal periods before and after it', async () => {
      await reportAt(15);
      await reportAt(12);
      const later = await reportAt(3);
      await officer.get('/operations/joint/new');
      const base = {
        name: 'Operation Reframe',
        briefing: 'Night-time economy: vulnerability and begging around the station',
        agencies: 'Police, council, outreach',
        place: 'Liverpool Street station',
        ...dateFields('heldOn', addDays(today, -10)),
        engagements: '30',
        warnings: '4',
        fixedPenalties: '1',
      };
      const unknown = await officer.post('/operations/joint', { ...base, reportRefs: 'ASB-1999-000001' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /There is no report with the reference ASB-1999-000001/);
      const ok = await officer.post('/operations/joint', { ...base, reportRefs: later.reference });
      assert.equal(ok.statusCode, 303);
      const page = await officer.get(String(ok.headers.location));
      assert.equal(page.statusCode, 200);
      const text = page.body.replace(/<[^>]+>/g, '');
      assert.match(
        text,
        /2 in the 28 days before the operation, 1 in the 28 days after \(the period after is not over yet\)/,
      );
      assert.match(page.body, new RegExp(later.reference));
      const month = addDays(today, -20).slice(0, 7);
      assert.match(
        page.body,
        new RegExp(`${month}</th>\\s*<td[^>]*>1</td>\\s*<td[^>]*>4</td>`),
        'the shift and its hours by month',
      );
    });

    it('a call handler (no street operations permission) is refused, and an analyst may read but not record', async () => {
      const ch = new Client(t.app);
      await ch.signIn(DEMO.callHandler);
      assert.equal((await ch.get('/operations/patrols')).statusCode, 403);
      const analyst = new Client(t.app);
      await analyst.signIn(DEMO.analyst);
      assert.equal((await analyst.get('/operations/patrols')).statusCode, 200);
      assert.equal((await analyst.get('/operations/patrols/new')).statusCode, 403);
    });
  });
}
