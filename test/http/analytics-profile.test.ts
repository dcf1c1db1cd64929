import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { requireDataset, testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedReportsDemo } from '../../src/reports/seed/demo.js';
import { PoliceUkImporter } from '../../src/analytics/import/police-uk-import.js';
import { bundledCityAreas } from '../../src/analytics/areas.js';

for (const dialect of testDialects()) {
  describe(`problem profiles and ASB Hub reports as a source [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await seedReportsDemo(
        { deps: t.deps, rng: seededRng(3), partnershipId: t.demo.partnershipId, shared: { ...t.demo } },
        600,
      );
      const folder = requireDataset('policeuk/city-of-london');
      const files = ['2024-03', '2024-04', '2024-05'].map((m) =>
        path.join(folder, `${m}-city-of-london-street.csv`),
      );
      const outcome = await new PoliceUkImporter(t.deps).import(
        t.demo.partnershipId,
        files.map((f) => ({ name: path.basename(f), source: fs.readFileSync(f) })),
        { userId: null, userLabel: 'test' },
      );
      assert.equal(outcome.status, 'imported');
    });
    after(() => t?.close());

    it('reads every located ASB Hub report inside the boundary through the reports service', async () => {
      const rows = await t.db.db
        .selectFrom('reports')
        .select(['lat', 'lng'])
        .where('partnership_id', '=', t.demo.partnershipId)
        .execute();
      const areas = bundledCityAreas();
      const expected = rows.filter(
        (r) => r.lat != null && r.lng != null && areas.boundary.containsLonLat(r.lng, r.lat),
      ).length;
      assert.ok(expected > 400, `${expected} located reports`);
      const sources = await t.services.analytics.analytics.sources(t.demo.partnershipId);
      const asb = sources.find((s) => s.code === 'asb-hub')!;
      assert.equal(asb.records, expected);
      assert.equal(asb.hasTimes, true);
    });

    it('shows the hour by weekday table for ASB Hub reports', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      const res = await c.get('/analysis/time?source=asb-hub');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Records by hour starting \(columns\) and day of the week \(rows\)/);
      assert.match(res.body, /Busiest: (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+:00/);
    });

    it('an analyst starts a profile, writes findings, and anyone with analysis access reads it as a page or PDF (audited, no names)', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      await c.get('/analysis/profiles/new?source=asb-hub');
      const missing = await c.post('/analysis/profiles', {
        source: 'asb-hub',
        category: '',
        from: '',
        to: '',
        area: '',
        title: '',
      });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Enter a title for the profile/);
      const created = await c.post('/analysis/profiles', {
        source: 'asb-hub',
        category: '',
        from: '',
        to: '',
        area: '',
        title: 'ASB across the City',
      });
      assert.equal(created.statusCode, 302);
      const url = created.headers.location as string;
      const page = await c.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Volumes and trend/);
      assert.match(page.body, /Records by hour starting and day of the week/);
      assert.match(page.body, /reports by \d+ victims; \d+ people reported two or more times/);
      assert.match(page.body, /<svg[^>]*role="img"/);
      // Counts only: no reporter's name appears.
      const names = await t.db.db
        .selectFrom('reports')
        .select('reporter_name')
        .where('reporter_name', 'is not', null)
        .limit(50)
        .execute();
      // Compared with the page's text as whole words: attributes (a random CSRF token) may hold any letters.
      const text = page.body.replace(/<[^>]*>/g, ' ');
      for (const n of names) {
        const name = (n.reporter_name as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        assert.doesNotMatch(text, new RegExp(`\\b${name}\\b`), `name ${n.reporter_name} shown`);
      }

      const saved = await c.post(url, {
        findings: 'Street drinking peaks on Friday nights.',
        recommendations: 'Joint patrols, Friday 22:00 to 02:00.',
      });
      assert.equal(saved.statusCode, 302);
      const after = await c.get(url);
      assert.match(after.body, /Street drinking peaks on Friday nights\./);

      const manager = new Client(t.app);
      await manager.signIn(DEMO.manager);
      const pdf = await manager.get(`${url}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await manager.post(url, { findings: 'x', recommendations: 'y' })).statusCode, 403);

      const id = url.split('/').pop();
      const audit = await t.db.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_id', '=', id!)
        .execute();
      const actions = audit.map((a) => a.action);
      assert.ok(actions.includes('analytics.profile-created'));
      assert.ok(actions.includes('analytics.profile-edited'));
      assert.equal(actions.filter((a) => a === 'analytics.profile-viewed').length, 3);
      assert.ok(
        audit.some((a) => a.action === 'analytics.profile-viewed' && JSON.parse(a.details).format === 'pdf'),
      );
    });

    it('scores hot spot predictions and says plainly what the default method uses', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      const res = await c.get(
        '/analysis/prediction?source=police-uk&category=Theft+from+the+person&train=1&coverage=5&cell=100',
      );
      assert.equal(res.statusCode, 200);
      // The default keeps to the training months; blended, an option, says it does not.
      assert.match(
        res.body,
        /<p class="govuk-body">Shrunk counts \(the default\)[^<]*It uses the training months only\.<\/p>/,
      );
      assert.match(
        res.body,
        /It uses months before the training window, but never the month being scored or any later month/,
      );
      assert.match(res.body, /2024-04[\s\S]*2024-05/);
      const tooLong = await c.get('/analysis/prediction?source=police-uk&train=6');
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /The period has 3 months: choose fewer training months or a longer period/);
    });

    it('a police.uk profile for one area and crime type', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.analyst);
      await c.get('/analysis/profiles/new');
      const created = await c.post('/analysis/profiles', {
        source: 'police-uk',
        category: 'Theft from the person',
        from: '2024-05',
        to: '2024-05',
        area: 'E01032739',
        title: 'Phone theft, 001F',
      });
      assert.equal(created.statusCode, 302);
      const page = await c.get(created.headers.location as string);
      assert.match(
        page.body,
        /Theft from the person, police\.uk street-level crime, City of London 001F, 2024-05 to 2024-05/,
      );
      assert.match(page.body, /gives the month only/);
      assert.match(page.body, /Period before \(2024-04 to 2024-04\): \d+/);
    });
  });
}
