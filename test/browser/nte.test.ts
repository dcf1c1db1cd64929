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
import { newId } from '../../src/platform/db/ids.js';
import { addDays, londonDateOf } from '../../src/platform/dates/index.js';
import { lastEndedWeekend } from '../../src/nte/window.js';

/** axe at a phone's width and a desktop's. */
async function axeBothWidths(page: Page, label: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page, `${label} at ${width} px`);
  }
}

describe('night-time economy packs in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  const id = newId();
  const saturday = addDays(lastEndedWeekend(new Date().toISOString()), 1);

  before(async () => {
    h = await startBrowserHarness();
    const { deps, demo } = h.t;
    await deps.db
      .insertInto('premises')
      .values({
        id,
        partnership_id: demo.partnershipId,
        name: 'The Night Jar',
        address: '9 Example Lane, London',
        postcode: null,
        lat: 51.514,
        lng: -0.09,
        licence_ref: 'PL/77',
        licence_type: 'bar',
        hours: '12:00–01:00',
        created_at: new Date().toISOString(),
        licensed_from: '2020-01-01',
        officer_user_id: null,
      })
      .execute();
  });
  after(() => h?.close());

  it('a premises turns amber after incidents; the Monday pack lists it and its colour; the LLP pack lists the change', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.noiseOfficer);
    await page.goto(`/premises/${id}`);
    await page.getByText('Green: 0 points').waitFor();
    for (const summary of ['Glass thrown at door staff', 'Fight in the queue', 'Assault at closing']) {
      await page.getByLabel('What happened').selectOption('crime');
      await page.getByLabel('Date (YYYY-MM-DD)').first().fill(saturday);
      await page.getByLabel('Description').fill(summary);
      await page.getByRole('button', { name: 'Record incident' }).click();
      await page.getByText('Incident recorded').waitFor();
    }
    await page.getByText(/Amber: 9 points/).waitFor();
    assert.match(await page.locator('#colour-history + ul').innerText(), /Green to Amber/);
    await axeBothWidths(page, 'premises page after it turned amber');

    await page.goto('/nte');
    await page.getByRole('heading', { name: 'Night-time economy packs', level: 1 }).waitFor();
    await axeBothWidths(page, 'packs list');
    // A Saturday is refused, with what was typed kept.
    await page.getByLabel(/Weekend pack/).fill(saturday);
    await page.getByRole('button', { name: 'Issue weekend pack' }).click();
    await page.getByRole('link', { name: /is a Saturday/ }).waitFor();
    assert.equal(await page.getByLabel(/Weekend pack/).inputValue(), saturday);
    await axeBothWidths(page, 'packs list with an error');
    await page.getByLabel(/Weekend pack/).fill(addDays(saturday, -1));
    await page.getByRole('button', { name: 'Issue weekend pack' }).click();
    await page.getByRole('heading', { name: /Night-time economy weekend pack/, level: 1 }).waitFor();
    const premisesTable = page.getByRole('table', {
      name: 'Premises with Traffic Light entries this weekend',
    });
    const row = premisesTable.getByRole('row', { name: /The Night Jar/ });
    assert.match(await row.innerText(), /Amber\s+9\s+9/);
    await axeBothWidths(page, 'weekend pack');

    await page.goto('/nte');
    await page.getByLabel(/Licensing Liaison pack/).fill(londonDateOf(new Date()).slice(0, 7));
    await page.getByRole('button', { name: 'Issue Licensing Liaison pack' }).click();
    await page.getByRole('heading', { name: /Licensing Liaison Partnership pack/, level: 1 }).waitFor();
    const changes = page.getByRole('table', { name: 'Colour changes this month' });
    assert.match(await changes.getByRole('row', { name: /The Night Jar/ }).innerText(), /Green\s+Amber/);
    await axeBothWidths(page, 'Licensing Liaison pack');
    await ctx.close();
  });
});
