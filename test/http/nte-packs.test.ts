import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { extractText } from 'unpdf';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { fixedClock } from '../../src/platform/db/clock.js';
import { seededRng } from '../../src/platform/rng.js';
import { newId } from '../../src/platform/db/ids.js';
import { ReportService } from '../../src/reports/service.js';
import { runDueJobs, scheduleRecurringJobs } from '../../src/platform/jobs.js';
import { weekendPackJson } from '../../src/nte/cli.js';
import type { WeekendPack } from '../../src/nte/weekend-pack.js';

// Windows written out by hand (London is on GMT through November 2026), so the test does not use the code it checks.
const WINDOWS = [
  ['2026-11-27T18:00:00.000Z', '2026-11-30T06:00:00.000Z'],
  ['2026-11-20T18:00:00.000Z', '2026-11-23T06:00:00.000Z'],
  ['2026-11-13T18:00:00.000Z', '2026-11-16T06:00:00.000Z'],
  ['2026-11-06T18:00:00.000Z', '2026-11-09T06:00:00.000Z'],
  ['2026-10-30T18:00:00.000Z', '2026-11-02T06:00:00.000Z'],
];
const CATEGORIES = ['noise-street', 'licensed-premises', 'street-drinking'];
const START = '2026-10-28T00:00:00.000Z';
const MONDAY_0500 = '2026-11-30T05:00:00.000Z';

interface Fixture {
  at: string;
  type: string;
}

for (const dialect of testDialects()) {
  describe(`night-time economy packs [${dialect}]`, () => {
    let t: TestApp;
    const clock = fixedClock(MONDAY_0500);
    const fixtures: Fixture[] = [];
    const pid = () => t.demo.partnershipId;

    before(async () => {
      t = await startTestApp(dialect, { clock });
      const ref = await new ReportService(t.deps).referenceData(pid());
      const name = (code: string) => `ASB Hub report: ${ref.category.get(code)!.name}`;
      const rng = seededRng(16);
      const instants: string[] = [];
      const span = Date.parse(MONDAY_0500) - Date.parse(START);
      for (let i = 0; i < 70; i++)
        instants.push(new Date(Date.parse(START) + Math.floor(rng.next() * span)).toISOString());
      // The edges: the first instant counts, the last does not.
      instants.push(
        WINDOWS[0][0],
        new Date(Date.parse(WINDOWS[0][1]) - 1).toISOString(),
        WINDOWS[0][1],
        WINDOWS[1][0],
      );
      const reports = new ReportService(t.deps);
      for (const [i, at] of instants.entries()) {
        const code = CATEGORIES[i % CATEGORIES.length];
        await reports.create(
          pid(),
          {
            channel: 'web',
            categoryCode: code,
            hateIncident: false,
            description: `Fixture ${i}`,
            location: {
              text: `Fixture place ${i % 9}`,
              postcode: null,
              lat: 51.5139,
              lng: -0.0913,
              precision: 'pin',
              contexts: [],
            },
            occurred: { kind: 'at', at, note: null },
            reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
          },
          { kind: 'public' },
          { ip: null, requestId: null },
        );
        fixtures.push({ at, type: name(code) });
      }
      // A police incident log imported with times of day.
      await t.deps.db
        .insertInto('analytics_sources')
        .values({
          id: newId(),
          partnership_id: pid(),
          code: 'police-cad',
          name: 'Police incident log',
          kind: 'events',
          mapping: '{}',
          created_at: START,
          updated_at: START,
        })
        .execute();
      const rows = [];
      for (let i = 0; i < 40; i++) {
        const at = new Date(Date.parse(START) + Math.floor(rng.next() * span)).toISOString();
        const category = i % 2 ? 'Disorder' : 'Assault';
        rows.push({
          id: newId(),
          partnership_id: pid(),
          source: 'police-cad',
          record_key: `cad-${i}`,
          import_id: 'fixture',
          category,
          month: at.slice(0, 7),
          occurred_at: at,
          occurred_on: at.slice(0, 10),
          lon: -0.0913,
          lat: 51.5139,
          easting: 532500,
          northing: 181200,
          location: 'Cheapside',
          area_code: null,
          outcome: null,
          created_at: START,
        });
        fixtures.push({ at, type: `Police incident log: ${category}` });
      }
      await t.deps.db.insertInto('analytics_records').values(rows).execute();
    });
    after(() => t.close());

    /** Signs in at the real time (the second factor is checked against it), then puts the test clock back. */
    const signedIn = async (email: string) => {
      const was = clock.iso();
      clock.set(new Date());
      const c = new Client(t.app);
      await c.signIn(email);
      clock.set(was);
      return c;
    };

    const expected = (w: string[], type?: string) =>
      fixtures.filter((f) => f.at >= w[0] && f.at < w[1] && (!type || f.type === type)).length;

    it('issues the pack for the weekend just gone when the Monday 06:00 job runs', async () => {
      await scheduleRecurringJobs(t.deps);
      assert.equal(await t.services.nte.latest(pid(), 'weekend', '2026-11-27'), null);
      clock.set('2026-11-30T06:00:00.000Z');
      await runDueJobs(t.deps);
      const issued = await t.services.nte.latest(pid(), 'weekend', '2026-11-27');
      assert.ok(issued, 'the job issued the pack');
      assert.equal(issued.version, 1);
      assert.equal(issued.issuedBy, 'Issued automatically');
      // Running again (a retry, or Tuesday's run) issues nothing new.
      clock.set('2026-12-01T06:00:00.000Z');
      await scheduleRecurringJobs(t.deps);
      await runDueJobs(t.deps);
      assert.equal((await t.services.nte.latest(pid(), 'weekend', '2026-11-27'))!.version, 1);
    });

    it('counts exactly the incidents in the window, by type, against the four weekends before', async () => {
      const pack = (await t.services.nte.build(pid(), 'weekend', '2026-11-27')) as WeekendPack;
      const json = weekendPackJson(pack);
      assert.equal(json.from, WINDOWS[0][0]);
      assert.equal(json.to, WINDOWS[0][1]);
      assert.equal(json.totals.incidents, expected(WINDOWS[0]));
      assert.ok(expected(WINDOWS[0]) > 5, 'the fixtures put incidents in the weekend');
      const types = [...new Set(fixtures.map((f) => f.type))];
      for (const type of types) {
        assert.equal(json.totals.byType[type] ?? 0, expected(WINDOWS[0], type), type);
        const avg = WINDOWS.slice(1).reduce((a, w) => a + expected(w, type), 0) / 4;
        assert.equal(json.previousAverage.byType[type] ?? 0, Math.round(avg * 10) / 10, `${type} average`);
      }
      const previous = WINDOWS.slice(1).map((w) => expected(w));
      const avg = Math.round((previous.reduce((a, b) => a + b, 0) / 4) * 10) / 10;
      assert.equal(json.previousAverage.incidents, avg);
      const all = pack.headline.find((h) => h.label === 'All incidents')!;
      assert.equal(all.change, all.count > avg ? 'up' : all.count < avg ? 'down' : 'same');
      assert.match(all.changeText, /^(Up|Down|Same)/);
      assert.equal(
        json.totals.policeIncidents,
        expected(WINDOWS[0], 'Police incident log: Assault') +
          expected(WINDOWS[0], 'Police incident log: Disorder'),
      );
      assert.equal(
        json.totals.noiseComplaints,
        fixtures.filter((f) => f.at >= WINDOWS[0][0] && f.at < WINDOWS[0][1] && /noise/i.test(f.type)).length,
      );
      const hours = pack.byHour.reduce((a, h) => a + h.count, 0);
      assert.equal(hours, expected(WINDOWS[0]), 'every incident falls in one hour of the night');
      assert.ok(pack.repeatLocations.length > 0 && pack.repeatLocations.every((l) => l.count >= 2));
    });

    it('freezes a pack when issued: a later incident shows only in the next version', async () => {
      const officer = await signedIn(DEMO.noiseOfficer);
      await officer.get('/nte');
      const bad = await officer.post('/nte/packs', { kind: 'weekend', weekend: '2026-11-28' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /2026-11-28 is a Saturday/);
      assert.match(bad.body, /value="2026-11-28"/);
      const res = await officer.post('/nte/packs', { kind: 'weekend', weekend: '2026-11-27' });
      assert.equal(res.statusCode, 302);
      const url = res.headers.location as string;
      const page = await officer.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /version 2/);
      const count = (body: string) => Number(/All incidents<\/th>\s*<td[^>]*>(\d+)</.exec(body)?.[1]);
      assert.equal(count(page.body), expected(WINDOWS[0]));
      const pdf = await officer.get(`${url}/pdf`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
      assert.match(text, /Night-time economy weekend pack/);
      assert.match(text, new RegExp(`All incidents\\s+${expected(WINDOWS[0])}\\b`));

      await new ReportService(t.deps).create(
        pid(),
        {
          channel: 'web',
          categoryCode: 'street-drinking',
          hateIncident: false,
          description: 'Late addition',
          location: {
            text: 'Somewhere new',
            postcode: null,
            lat: 51.5139,
            lng: -0.0913,
            precision: 'pin',
            contexts: [],
          },
          occurred: { kind: 'at', at: '2026-11-28T23:30:00.000Z', note: null },
          reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
        },
        { kind: 'public' },
        { ip: null, requestId: null },
      );
      assert.equal(
        count((await officer.get(url)).body),
        expected(WINDOWS[0]),
        'the issued version is unchanged',
      );
      await officer.get('/nte');
      const again = await officer.post('/nte/packs', { kind: 'weekend', weekend: '2026-11-27' });
      const v3 = await officer.get(again.headers.location as string);
      assert.match(v3.body, /version 3/);
      assert.equal(count(v3.body), expected(WINDOWS[0]) + 1);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'nte.%')
        .execute();
      assert.ok(audit.some((a) => a.action === 'nte.pack-issued'));
      assert.ok(audit.some((a) => a.action === 'nte.pack-viewed'));
    });

    it('refuses the packs to those without access to premises', async () => {
      const handler = await signedIn(DEMO.callHandler);
      assert.equal((await handler.get('/nte')).statusCode, 403);
    });
  });
}
