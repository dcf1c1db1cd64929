import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { DEMO } from '../helpers/app.js';
import { requireDataset } from '../helpers/db.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedReportsDemo } from '../../src/reports/seed/demo.js';
import { PoliceUkImporter } from '../../src/analytics/import/police-uk-import.js';
import { seedAnalyticsDemo } from '../../src/analytics/demo.js';

describe('analysis pages in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
    const { t } = h;
    const folder = requireDataset('policeuk/city-of-london');
    const files = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'].map((m) =>
      path.join(folder, `${m}-city-of-london-street.csv`),
    );
    const outcome = await new PoliceUkImporter(t.deps).import(
      t.demo.partnershipId,
      files.map((f) => ({ name: path.basename(f), source: fs.readFileSync(f) })),
      { userId: null, userLabel: 'test' },
    );
    assert.equal(outcome.status, 'imported');
    // Demo cameras and street lights (the police.uk files above are held already, so they add nothing).
    await seedAnalyticsDemo({
      deps: t.deps,
      rng: seededRng(5),
      partnershipId: t.demo.partnershipId,
      shared: {},
    });
    await seedReportsDemo(
      { deps: t.deps, rng: seededRng(3), partnershipId: t.demo.partnershipId, shared: { ...t.demo } },
      300,
    );
  });
  after(() => h?.close());

  it('the hot spot page draws the map (boundary, cells, clustered points, cameras) and every page passes axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.analyst);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Analysis' }).click();
    await page.waitForURL('**/analysis');
    await expectNoAxeViolations(page, 'analysis overview');

    await page.getByRole('link', { name: 'Hot spots and map' }).click();
    await page.getByLabel('Category').selectOption('Theft from the person');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL('**/analysis/hotspots?*');
    await page.locator('#analysis-map-status').filter({ hasText: 'Map drawn' }).waitFor();
    assert.ok(
      (await page.locator('#analysis-map .leaflet-overlay-pane path').count()) > 10,
      'cells and boundary drawn',
    );
    assert.ok((await page.locator('#analysis-map .marker-cluster').count()) > 0, 'clustered points drawn');
    assert.match(await page.locator('.leaflet-control-layers').innerText(), /CCTV cameras \(90\)/);
    assert.match(await page.locator('main').innerText(), /Cells ranked by Gi\* z-score/);
    // The camera layer's table alternative: cameras counted by area.
    const areaTable = page.locator('table', {
      has: page.locator('caption', { hasText: 'Records by area (LSOA)' }),
    });
    const cameraCounts = await areaTable.locator('tbody tr td:nth-child(5)').allInnerTexts();
    assert.equal(cameraCounts.length, 6);
    assert.equal(
      cameraCounts.reduce((a, v) => a + Number(v.replace(/,/g, '')), 0),
      90,
    );
    await expectNoAxeViolations(page, 'hot spots (square cells)');

    await page.getByLabel('H3 hexagons').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#analysis-map-status').filter({ hasText: 'Map drawn' }).waitFor();
    assert.match(await page.locator('main').innerText(), /inside the \d+ hexagons/);
    await expectNoAxeViolations(page, 'hot spots (hexagons)');

    for (const url of [
      '/analysis/time?source=asb-hub',
      '/analysis/time',
      '/analysis/repeats',
      '/analysis/prediction?train=2',
      '/analysis/imports',
      '/analysis/imports/partner',
      '/analysis/profiles',
    ]) {
      await page.goto(url);
      await expectNoAxeViolations(page, url);
    }
    await ctx.close();
  });

  it('without JavaScript the hot spot page is all tables, and passes axe', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.analyst);
    await page.goto('/analysis/hotspots?category=Shoplifting');
    assert.equal(await page.locator('[data-module="app-analysis-map"]').isHidden(), true);
    assert.ok((await page.locator('table').count()) >= 4);
    await expectNoAxeViolations(page, 'hot spots without JavaScript');
    await ctx.close();
  });

  it('an analyst writes a problem profile; the page prints as it shows and passes axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.analyst);
    await page.goto('/analysis/profiles');
    await page.getByRole('button', { name: 'Start a problem profile' }).click();
    await page.getByLabel('Category').selectOption('Theft from the person');
    await page.getByRole('button', { name: 'Show' }).click();
    await expectNoAxeViolations(page, 'new profile');
    await page.getByRole('button', { name: 'Start the profile' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'new profile with errors');
    await page.getByLabel('Title').fill('Theft from the person, early 2024');
    await page.getByRole('button', { name: 'Start the profile' }).click();
    await page.waitForURL('**/analysis/profiles/*');
    await page
      .getByRole('textbox', { name: 'Findings' })
      .fill('Thefts concentrate at Bishopsgate and Liverpool Street.');
    await page.getByRole('textbox', { name: 'Recommendations' }).fill('Target patrols and shop-watch radio.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Findings and recommendations saved').waitFor();
    assert.match(await page.locator('main').innerText(), /Thefts concentrate at Bishopsgate/);
    assert.equal((await page.locator('.app-profile-map svg path').count()) > 10, true);
    await expectNoAxeViolations(page, 'profile');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.app-filters, .moj-sub-navigation, form').first().isVisible(), false);
    const download = page.waitForEvent('download');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Download as PDF' }).click();
    const file = await (await download).path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await ctx.close();
  });

  it('imports: a refused police.uk file lists the rows; a partner file goes through the column step; each page passes axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.analyst);
    await page.goto('/analysis/imports');
    const header =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    await page.getByLabel('police.uk CSV files').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n,2024-13,P,P,-0.09,51.51,On or near X,,,Anti-social behaviour,,\n`),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Nothing was imported').waitFor();
    assert.match(await page.locator('main').innerText(), /month "2024-13" is not YYYY-MM/);
    await expectNoAxeViolations(page, 'police.uk import refused');

    // With JavaScript the upload shows a progress bar, and a good file (held already: the demo seed
    // imported every City month) lands on its summary.
    const good = path.join(requireDataset('policeuk/city-of-london'), '2023-12-city-of-london-street.csv');
    await page.getByLabel('police.uk CSV files').setInputFiles(good);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL(/\/analysis\/imports\/[^/]+$/);
    assert.match(await page.locator('main').innerText(), /Imported 0 new records \(709 were already held\)/);
    await page.goto('/analysis/imports');
    assert.equal(
      await page.locator('form[data-module="app-upload-progress"] + .app-upload-progress progress').count(),
      2,
      'a progress bar for each upload form',
    );

    // Partnership areas from GeoJSON: a wrong file is refused in place, the City's LSOAs load.
    await page.getByLabel('GeoJSON file of the areas').setInputFiles({
      name: 'areas.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{"type":"Point","coordinates":[0,51]}'),
    });
    await page.getByRole('button', { name: 'Load areas' }).click();
    await page.getByText('must be a GeoJSON FeatureCollection').first().waitFor();
    await expectNoAxeViolations(page, 'areas refused');
    await page
      .getByLabel('GeoJSON file of the areas')
      .setInputFiles(requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'));
    await page.getByRole('button', { name: 'Load areas' }).click();
    await page.waitForURL(/\/analysis$/);
    assert.match(await page.locator('main').innerText(), /Loaded 6 areas/);

    await page.goto('/analysis/imports/partner');
    await page.getByRole('radio', { name: 'A new source' }).check();
    await page.getByLabel('Name of a new source').fill('Licensing visits');
    await page.getByLabel('Events with a date').check();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'visits.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Visit ref,Visit date,Visit time,Outcome,Lat,Long\nV1,03/05/2024,23:30,Advice given,51.5138,-0.0984\n',
      ),
    });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/analysis/imports/partner/columns');
    await expectNoAxeViolations(page, 'partner columns');
    await page.getByLabel('Date (or date and time)').selectOption('');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'partner columns with errors');
    await page.getByLabel('Date (or date and time)').selectOption('Visit date');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 1 new records').waitFor();
    await expectNoAxeViolations(page, 'import summary');
    await ctx.close();
  });
});
