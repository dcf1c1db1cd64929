import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { DEMO } from '../helpers/app.js';

// A 1x1 PNG, for the optional photo.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Waits for the page a form redirected to. */
async function arrive(page: Page, _js: boolean, glob: string) {
  await page.waitForURL(glob, { timeout: 60_000 });
}

async function continueOn(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Files a report through the public pages as a phone user would; returns the reference shown. */
async function fileReport(
  page: Page,
  js: boolean,
  email: string,
): Promise<{ reference: string; code: string }> {
  await page.goto('/report');
  await expectNoAxeViolations(page, `start (js ${js})`);
  assert.match(await page.locator('main').innerText(), /call 999/);
  assert.equal(await page.locator('.govuk-exit-this-page').count(), 1);
  await page.getByRole('button', { name: 'Start now' }).click();
  await arrive(page, js, '**/report/what');

  // Missing answers: an error summary, and the page still passes axe.
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('There is a problem').waitFor();
  await expectNoAxeViolations(page, `what with errors (js ${js})`);
  await page.getByLabel('Noise in the street').check();
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await continueOn(page, `what (js ${js})`);

  await arrive(page, js, '**/report/where');
  if (js) {
    const map = page.locator('#report-map');
    await map.waitFor({ state: 'visible' });
    await map.click();
    await page.getByText('Pin placed').waitFor();
    assert.ok(Number(await page.locator('#lat').inputValue()) > 51.5);
  } else {
    assert.equal(await page.locator('#report-map').isVisible(), false, 'no map without JavaScript');
    await page.getByLabel('Street, postcode or landmark').fill('Liverpool Street station');
  }
  await continueOn(page, `where (js ${js})`);

  await arrive(page, js, '**/report/when');
  await page.getByLabel('It is still happening').check();
  await continueOn(page, `when (js ${js})`);

  await page
    .getByLabel('Tell us what happened')
    .fill('A large group shouting and singing outside the bars, bottles smashed on the pavement.');
  await continueOn(page, `details (js ${js})`);

  await arrive(page, js, '**/report/photos');
  await page
    .getByLabel('Upload a photo')
    .setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await arrive(page, js, '**/report/photos');
  await page.getByText('street.png').waitFor();
  await continueOn(page, `photos (js ${js})`);

  await arrive(page, js, '**/report/about');
  await page.getByLabel('The person affected').check();
  await page.getByLabel('Yes, give my details').check();
  await page.getByLabel('Your name').fill('Robin Resident');
  await page.getByLabel('Email address (optional)').fill(email);
  await page.getByLabel('By email').check();
  await continueOn(page, `about (js ${js})`);

  await arrive(page, js, '**/report/check');
  await expectNoAxeViolations(page, `check (js ${js})`);
  assert.match(await page.locator('main').innerText(), /Noise in the street/);
  await page.getByRole('button', { name: 'Send report' }).click();
  await arrive(page, js, '**/report/confirmation');
  await expectNoAxeViolations(page, `confirmation (js ${js})`);
  const reference = (await page.locator('#reference').innerText()).trim();
  assert.match(reference, /^ASB-\d{4}-\d{6}$/);
  const code = (await page.locator('#tracking-code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return { reference, code };
}

describe('public reporting in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(() => h?.close());

  for (const js of [true, false]) {
    it(`files a report on a phone (JavaScript ${js ? 'on' : 'off'}), finds it in the noise team's queue, and follows it by reference`, async () => {
      const email = `robin.${js ? 'js' : 'nojs'}@example.com`;
      const reporter = await h.newContext({ javaScriptEnabled: js, mobile: true });
      const { reference, code } = await fileReport(await reporter.newPage(), js, email);
      await reporter.close();

      const staff = await h.newContext({ javaScriptEnabled: js });
      const page = await staff.newPage();
      await signInInBrowser(page, DEMO.noiseOfficer);
      await page.goto('/queue');
      // Without JavaScript the template's first script never ran to mark the body.
      if (!js) assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/);
      await expectNoAxeViolations(page, `queue (js ${js})`);
      await page.getByRole('link', { name: reference }).click();
      await arrive(page, js, `**/reports/${reference}`);
      await expectNoAxeViolations(page, `report page (js ${js})`);
      const text = await page.locator('main').innerText();
      assert.match(text, /Robin Resident/);
      assert.match(text, /Public Protection/);
      assert.equal(await page.locator('img.app-photo').count(), 1);
      await page.getByLabel('State', { exact: true }).selectOption('in-progress');
      await page.getByLabel('Update', { exact: true }).fill('Officers will visit tonight.');
      await page.getByLabel('Show this update to the person who reported it').check();
      await page.getByRole('button', { name: 'Add update' }).click();
      await arrive(page, js, `**/reports/${reference}`);
      await page.getByText('Officers will visit tonight.').waitFor();
      await staff.close();

      const follower = await h.newContext({ javaScriptEnabled: js, mobile: true });
      const track = await follower.newPage();
      await track.goto('/report/track');
      await expectNoAxeViolations(track, `track (js ${js})`);
      await track.getByLabel('Report reference').fill(reference);
      await track.getByLabel('Tracking code').fill(code);
      await track.getByRole('button', { name: 'Find report' }).click();
      await track.getByText('Officers will visit tonight.').waitFor();
      assert.match(await track.locator('main').innerText(), /Action under way/);
      await expectNoAxeViolations(track, `track result (js ${js})`);
      await follower.close();
    });
  }

  it('says who to contact for a place outside the City, keeping the answer', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/report/what');
    await page.getByLabel('Graffiti', { exact: true }).check();
    await page.getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Street, postcode or landmark').fill('SW1A 2AA');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('There is a problem').waitFor();
    assert.match(await page.locator('#outside-help').innerText(), /101/);
    assert.equal(await page.getByLabel('Street, postcode or landmark').inputValue(), 'SW1A 2AA');
    await expectNoAxeViolations(page, 'where, outside the City');
    await ctx.close();
  });
});
