import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

/** Posts one CSV file as multipart form data, with the CSRF token of the client's last page. */
async function uploadCsv(t: TestApp, c: Client, url: string, csv: string) {
  const boundary = '----asbhubcampaigns';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="reach.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  const cookie = (c as unknown as { cookieHeader(): string }).cookieHeader();
  return t.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(c.csrf)}`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

for (const dialect of testDialects()) {
  describe(`communications campaigns [${dialect}]`, () => {
    let t: TestApp;
    let officer: Client;
    let url = '';
    before(async () => {
      t = await startTestApp(dialect);
      officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
    });
    after(() => t.close());

    it('records a campaign; refuses no channel and an end before the start', async () => {
      await officer.get('/operations/campaigns');
      const bad = await officer.post('/operations/campaigns', {
        topic: 'Give to the hub, not on the street',
        'startsOn-day': '1',
        'startsOn-month': '11',
        'startsOn-year': '2026',
        'endsOn-day': '30',
        'endsOn-month': '11',
        'endsOn-year': '2026',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Select at least one channel/);
      const early = await officer.post('/operations/campaigns', {
        topic: 'Give to the hub, not on the street',
        channels: ['social-media', 'posters'],
        'startsOn-day': '30',
        'startsOn-month': '11',
        'startsOn-year': '2026',
        'endsOn-day': '1',
        'endsOn-month': '11',
        'endsOn-year': '2026',
      });
      assert.match(early.body, /The end date must be on or after the start date/);
      const ok = await officer.post('/operations/campaigns', {
        topic: 'Give to the hub, not on the street',
        channels: ['social-media', 'posters'],
        'startsOn-day': '1',
        'startsOn-month': '11',
        'startsOn-year': '2026',
        'endsOn-day': '30',
        'endsOn-month': '11',
        'endsOn-year': '2026',
      });
      assert.equal(ok.statusCode, 303);
      url = String(ok.headers.location);
    });

    it('imports reach figures from CSV; a bad row refuses the whole file, reported by line number', async () => {
      await officer.get(url);
      const bad = await uploadCsv(
        t,
        officer,
        `${url}/import`,
        'date,channel,reach,engagement\n2026-11-02,Social media,5400,210\n2026-11-31,posters,100,0\n2026-11-03,radio,10,1\n2026-11-04,posters,-5,0\n',
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Line 3: the date must be a real date/);
      assert.match(bad.body, /Line 4: the channel &quot;radio&quot; is not one of/);
      assert.match(bad.body, /Line 5: the reach must be a whole number/);
      assert.equal((await t.deps.db.selectFrom('campaign_figures').selectAll().execute()).length, 0);
      await officer.get(url);
      const ok = await uploadCsv(
        t,
        officer,
        `${url}/import`,
        'Date,Channel,Reach,Engagement\n2026-11-02,Social media,5400,210\n2026-11-09,social-media,3100,95\n2026-11-03,Posters and leaflets,1200,0\n',
      );
      assert.equal(ok.statusCode, 303);
      await officer.get(url);
      const typed = await officer.post(`${url}/figures`, {
        'recordedOn-day': '10',
        'recordedOn-month': '11',
        'recordedOn-year': '2026',
        channel: 'posters',
        reach: 'many',
        engagement: '0',
      });
      assert.match(typed.body, /Enter the reach as a whole number/);
      const page = await officer.get(url);
      assert.ok(
        /Social media<\/th>\s*<td[^>]*>8,500<\/td>\s*<td[^>]*>305<\/td>/.test(page.body),
        'totals by channel',
      );
      assert.match(page.body, /3 rows of figures/);
    });
  });
}
