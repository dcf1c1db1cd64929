import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { requireDataset, testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

/** A multipart/form-data body with files and fields. */
function multipart(
  files: { field: string; name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
) {
  const boundary = `----asbhub${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  t: TestApp,
  c: Client,
  url: string,
  files: { field: string; name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const body = multipart(files, fields);
  const cookie = (c as unknown as { cookieHeader(): string }).cookieHeader();
  const res = await t.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(c.csrf)}`,
    headers: { ...headers, cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
  return res;
}

const count = async (t: TestApp) =>
  Number(
    (
      await t.db.db
        .selectFrom('analytics_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const dialect of testDialects()) {
  describe(`analysis imports in the browser journey [${dialect}]`, () => {
    let t: TestApp;
    const file = () =>
      path.join(requireDataset('policeuk/city-of-london'), '2024-05-city-of-london-street.csv');
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t?.close());

    it('an analyst uploads a police.uk file; uploading it again adds nothing', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      const page = await c.get('/analysis/imports');
      assert.equal(page.statusCode, 200);
      const content = fs.readFileSync(file());
      const first = await upload(t, c, '/analysis/imports/police-uk', [
        { field: 'files', name: '2024-05-city-of-london-street.csv', content },
      ]);
      assert.equal(first.statusCode, 302, first.body.slice(0, 500));
      const summary = await c.get(first.headers.location as string);
      assert.match(summary.body, /Imported 804 new records \(0 were already held\)/);
      assert.match(summary.body, /Rows read\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*944\s*</);
      assert.equal(await count(t), 804);

      await c.get('/analysis/imports');
      const again = await upload(t, c, '/analysis/imports/police-uk', [
        { field: 'files', name: 'again.csv', content },
      ]);
      assert.equal(again.statusCode, 302);
      assert.match(
        (await c.get(again.headers.location as string)).body,
        /Imported 0 new records \(804 were already held\)/,
      );
      assert.equal(await count(t), 804);
      const audit = await t.db.db
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('action', '=', 'analytics.imported')
        .execute();
      assert.equal(audit.length, 2);
      assert.equal(audit[0].user_id, t.demo.users[DEMO.analyst]);
    });

    it('refuses a file with a bad row, naming the line and column, and writes nothing', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      await c.get('/analysis/imports');
      const lines = fs.readFileSync(file(), 'utf8').split('\n');
      lines[7] = lines[7].replace(',2024-05,', ',May 2024,');
      const before = await count(t);
      const res = await upload(t, c, '/analysis/imports/police-uk', [
        { field: 'files', name: 'bad.csv', content: lines.join('\n') },
      ]);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Nothing was imported/);
      assert.match(
        res.body,
        /bad\.csv<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">8<\/td>\s*<td class="govuk-table__cell">Month<\/td>\s*<td class="govuk-table__cell">month &quot;May 2024&quot; is not YYYY-MM/,
      );
      assert.equal(await count(t), before);
    });

    it('refuses a file that is not police.uk street-level data, listing the columns expected', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      await c.get('/analysis/imports');
      const res = await upload(t, c, '/analysis/imports/police-uk', [
        { field: 'files', name: 'people.csv', content: 'name,postcode\nA,EC2V 7HH\n' },
      ]);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /people\.csv is not a police\.uk street-level crime file/);
      assert.match(
        res.body,
        /A police\.uk street-level file has these columns: Crime ID, Month, Reported by/,
      );
    });

    it('imports a partner file: upload, match the columns (remembered for the source), import; a second file reuses the choices', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      await c.get('/analysis/imports/partner');
      const csv =
        'Job no,Logged,Job type,Latitude,Longitude,Street\nJ1,2024-05-03 07:15,Fly-tipping,51.5155,-0.0922,Gresham Street\nJ2,2024-05-04 23:05,Graffiti,51.5160,-0.0810,Bishopsgate\n';
      const missing = await upload(
        t,
        c,
        '/analysis/imports/partner',
        [{ field: 'file', name: 'jobs.csv', content: csv }],
        { source: 'new', name: '', kind: 'events' },
      );
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Enter a name for the new source/);
      const up = await upload(
        t,
        c,
        '/analysis/imports/partner',
        [{ field: 'file', name: 'jobs.csv', content: csv }],
        { source: 'new', name: 'Cleansing jobs', kind: 'events' },
      );
      assert.equal(up.statusCode, 302);
      const columns = await c.get('/analysis/imports/partner/columns');
      assert.equal(columns.statusCode, 200);
      assert.match(columns.body, /<option value="Latitude" selected>Latitude<\/option>/);
      const noDate = await c.post('/analysis/imports/partner/columns', {
        id: 'Job no',
        latitude: 'Latitude',
        longitude: 'Longitude',
        dayFirst: 'yes',
      });
      assert.equal(noDate.statusCode, 400);
      assert.match(noDate.body, /Choose the column with the date/);
      const done = await c.post('/analysis/imports/partner/columns', {
        id: 'Job no',
        date: 'Logged',
        category: 'Job type',
        latitude: 'Latitude',
        longitude: 'Longitude',
        location: 'Street',
        dayFirst: 'yes',
      });
      assert.equal(done.statusCode, 302, done.body.slice(0, 300));
      assert.match((await c.get(done.headers.location as string)).body, /Imported 2 new records/);

      await c.get('/analysis/imports/partner');
      const up2 = await upload(
        t,
        c,
        '/analysis/imports/partner',
        [
          {
            field: 'file',
            name: 'jobs-june.csv',
            content: csv
              .replace(/2024-05/g, '2024-06')
              .replace('J1', 'J3')
              .replace('J2', 'J4'),
          },
        ],
        { source: 'cleansing-jobs' },
      );
      assert.equal(up2.statusCode, 302);
      const columns2 = await c.get('/analysis/imports/partner/columns');
      assert.match(columns2.body, /The choices saved for this source are filled in/);
      assert.match(columns2.body, /<option value="Logged" selected>Logged<\/option>/);
      const time = await c.get('/analysis/time?source=cleansing-jobs&from=2024-05&to=2024-05');
      assert.equal(time.statusCode, 200);
      assert.match(time.body, /2 records with a time/);
    });

    it('lets readers see the analysis but not import; others are refused', async () => {
      const manager = new Client(t.app);
      await manager.signIn(DEMO.manager);
      assert.equal((await manager.get('/analysis')).statusCode, 200);
      const page = await manager.get('/analysis/imports');
      assert.doesNotMatch(page.body, /police\.uk CSV files/);
      const res = await upload(t, manager, '/analysis/imports/police-uk', [
        { field: 'files', name: 'x.csv', content: fs.readFileSync(file()) },
      ]);
      assert.equal(res.statusCode, 403);
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      assert.equal((await officer.get('/analysis/hotspots')).statusCode, 403);
    });

    it('shows hot spots (square cells and hexagons), the map data, time and repeat pages', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      const square = await c.get(
        '/analysis/hotspots?source=police-uk&from=2024-05&to=2024-05&cells=square&size=100',
      );
      assert.equal(square.statusCode, 200);
      assert.match(square.body, /804 records; 804 inside the \d+ 100 m square cells/);
      assert.match(square.body, /Hot spot, 99% confidence/);
      const hex = await c.get('/analysis/hotspots?source=police-uk&cells=hex&resolution=9');
      assert.equal(hex.statusCode, 200);
      assert.match(hex.body, /inside the \d+ hexagons/);
      const data = await c.get('/analysis/hotspots/map-data?source=police-uk&cells=square&size=200', {
        accept: 'application/json',
      });
      assert.equal(data.statusCode, 200);
      const json = JSON.parse(data.body);
      assert.equal(json.points.length, 804);
      assert.equal(json.areas.features.length, 6);
      assert.equal(
        json.cells.features.reduce(
          (a: number, f: { properties: { count: number } }) => a + f.properties.count,
          0,
        ),
        804,
      );
      const time = await c.get('/analysis/time?source=police-uk&category=Shoplifting');
      assert.equal(time.statusCode, 200);
      assert.match(time.body, /gives the month only/);
      const repeats = await c.get('/analysis/repeats?source=police-uk');
      assert.equal(repeats.statusCode, 200);
      assert.match(repeats.body, /Places with most records/);
      const bad = await c.get('/analysis/hotspots?source=police-uk&size=5');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a cell size from 25 to 1,000 metres/);
    });

    it('loads the partnership areas from GeoJSON (refusing what is not usable); the upload script is told where to go', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      const before = await c.get('/analysis');
      assert.match(before.body, /shipped with ASB Hub/);
      await c.get('/analysis/imports');
      const notJson = await upload(t, c, '/analysis/imports/areas', [
        { field: 'areas', name: 'areas.geojson', content: 'not json' },
      ]);
      assert.equal(notJson.statusCode, 400);
      assert.match(notJson.body, /areas\.geojson is not JSON/);
      const noFeatures = await upload(t, c, '/analysis/imports/areas', [
        { field: 'areas', name: 'areas.geojson', content: '{"type":"Point","coordinates":[0,51]}' },
      ]);
      assert.equal(noFeatures.statusCode, 400);
      assert.match(noFeatures.body, /must be a GeoJSON FeatureCollection/);
      const none = await upload(t, c, '/analysis/imports/areas', []);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Select one GeoJSON file/);

      // The City's LSOAs in British National Grid: the same six areas, now held for the partnership.
      const content = fs.readFileSync(requireDataset('geo/city-of-london-lsoa-2011.bng.geojson'));
      const loaded = await upload(
        t,
        c,
        '/analysis/imports/areas',
        [{ field: 'areas', name: 'city.geojson', content }],
        {},
        { 'x-upload-progress': '1' },
      );
      assert.equal(loaded.statusCode, 200);
      assert.deepEqual(JSON.parse(loaded.body), { location: '/analysis' });
      const after = await c.get('/analysis');
      assert.match(after.body, /Loaded 6 areas \(2\.9\d km² in all\)/);
      assert.match(after.body, /Areas loaded for the partnership/);
      assert.match(after.body, /E01032739/);
      const audit = await t.db.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'analytics.areas-loaded')
        .execute();
      assert.equal(audit.length, 1);

      const manager = new Client(t.app);
      await manager.signIn(DEMO.manager);
      await manager.get('/analysis');
      assert.equal(
        (
          await upload(t, manager, '/analysis/imports/areas', [
            { field: 'areas', name: 'city.geojson', content },
          ])
        ).statusCode,
        403,
      );
    });
  });
}
