import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { DEMO } from '../helpers/app.js';
import { seedPremisesDemo } from '../../src/premises/demo.js';
import { seededRng } from '../../src/platform/rng.js';

describe('licensed premises in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  let premises: { id: string; name: string };
  let reference = '';

  before(async () => {
    h = await startBrowserHarness();
    const { deps, demo } = h.t;
    const shared: Record<string, unknown> = {};
    await seedPremisesDemo({ deps, rng: seededRng(3), partnershipId: demo.partnershipId, shared });
    premises = (shared.premises as { id: string; name: string }[])[0];
    const p = await deps.db
      .selectFrom('premises')
      .select(['lat', 'lng'])
      .where('id', '=', premises.id)
      .executeTakeFirstOrThrow();
    const report = await h.t.services.reports.reports.create(
      demo.partnershipId,
      {
        channel: 'web',
        categoryCode: 'licensed-premises',
        hateIncident: false,
        description: 'Customers fighting outside at 1am, glass everywhere',
        location: {
          text: 'Outside the bar',
          postcode: null,
          lat: p.lat! + 0.0001,
          lng: p.lng!,
          precision: 'pin',
          contexts: [],
        },
        occurred: { kind: 'at', at: new Date(Date.now() - 3_600_000).toISOString(), note: null },
        reporter: { kind: 'witness', anonymous: true, contactPreference: 'none' },
      },
      { kind: 'public' },
      { ip: null, requestId: null },
    );
    reference = report.reference;
  });
  after(() => h?.close());

  it('a licensing officer sees an ASB report near a bar and records it on the Traffic Light record', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.noiseOfficer);
    await page.goto('/premises');
    await page.getByRole('heading', { name: 'Licensed premises', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'premises list');

    await page.goto(`/premises/${premises.id}`);
    const nearby = page.locator('#nearby-reports-table');
    await nearby.getByRole('cell', { name: reference, exact: true }).waitFor();
    await expectNoAxeViolations(page, 'premises page with nearby reports');
    await nearby.getByRole('button', { name: `Record as incident ${reference}` }).click();
    await page.getByText('Report recorded as an anti-social behaviour incident').waitFor();
    await nearby.getByText('Recorded as an incident').waitFor();
    assert.match(
      await page.locator('table').first().innerText(),
      new RegExp(reference),
      'the incident explains the colour',
    );
    await expectNoAxeViolations(page, 'premises page after recording');

    // A mistyped date: error summary, field message, what was typed kept.
    await page.getByLabel('What happened').selectOption('noise');
    await page.getByLabel('Date (YYYY-MM-DD)').first().fill('31/02/2026');
    await page.getByLabel('Description').fill('Music until 3am');
    await page.getByRole('button', { name: 'Record incident' }).click();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: /Enter the date as YYYY-MM-DD/ })
      .waitFor();
    assert.equal(await page.getByLabel('Description').inputValue(), 'Music until 3am');
    await expectNoAxeViolations(page, 'premises incident with an error');
    await ctx.close();
  });
});
