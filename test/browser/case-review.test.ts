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
import { type NewReport } from '../../src/reports/index.js';
import { todayInLondon } from '../../src/platform/dates/calendar-date.js';

const EMAIL = 'maya.browser@example.com';

/** A report the victim made online earlier today about behaviour a day or two before. */
function report(category: string, daysAgo: number): NewReport {
  return {
    channel: 'web',
    categoryCode: category,
    hateIncident: false,
    description: 'Shouting and banging on my door late at night',
    location: {
      text: 'Golden Lane Estate',
      postcode: null,
      lat: 51.5221,
      lng: -0.0958,
      precision: 'gazetteer',
      contexts: [],
    },
    occurred: { kind: 'at', at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(), note: null },
    reporter: {
      kind: 'victim',
      anonymous: false,
      name: 'Maya Browser',
      email: EMAIL,
      contactPreference: 'email',
    },
  };
}

async function continueTo(page: Page, url: RegExp | string) {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(url);
}

describe('ASB Case Review in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
    const reports = h.t.services.reports.reports;
    // Three earlier complaints from the victim about different incidents: the threshold will be met.
    for (const [category, days] of [
      ['noise-residential', 1],
      ['harassment', 2],
      ['noise-residential', 3],
    ] as const) {
      await reports.create(
        h.t.demo.partnershipId,
        report(category, days),
        { kind: 'public' },
        { ip: null, requestId: null },
      );
    }
  });
  after(() => h?.close());

  let reference = '';

  it('a victim applies online and sees the acknowledgement; every page passes axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await page.goto('/case-review');
    await expectNoAxeViolations(page, 'about');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL('**/case-review/apply');
    await expectNoAxeViolations(page, 'who');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'who with an error');
    await page.getByLabel('Yes, I am the victim').check();
    await continueTo(page, '**/apply/victim-type');
    await expectNoAxeViolations(page, 'victim type');
    await page.getByLabel('A person').check();
    await continueTo(page, '**/apply/victim');
    await expectNoAxeViolations(page, 'victim');
    await page.getByLabel('Your full name').fill('Maya Browser');
    await continueTo(page, '**/apply/what');
    await expectNoAxeViolations(page, 'what');
    await page
      .getByLabel('Tell us about the anti-social behaviour')
      .fill('My neighbour bangs on my door and shouts at me late at night.');
    await page.getByLabel('Where is it happening?').fill('Golden Lane Estate');
    await page.locator('#started-month').fill('12');
    await page.locator('#started-year').fill('2099');
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The month it started must be this month or in the past').first().waitFor();
    await expectNoAxeViolations(page, 'what with a future date');
    await page.locator('#started-year').fill('2026');
    await page.locator('#started-month').fill('1');
    await continueTo(page, '**/apply/reported');
    await expectNoAxeViolations(page, 'reported');
    await page.getByLabel('The police').check();
    await page.locator('#policeFirst-month').fill('10');
    await page.locator('#policeFirst-year').fill('2026');
    await page.locator('#policeReferences').fill('CAD 9911');
    await expectNoAxeViolations(page, 'reported, police open');
    await continueTo(page, '**/apply/contact');
    await expectNoAxeViolations(page, 'contact');
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('By email').check();
    await continueTo(page, '**/apply/check');
    await expectNoAxeViolations(page, 'check answers');
    assert.match(await page.locator('main').innerText(), /The police: in October 2026; references CAD 9911/);
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.waitForURL('**/apply/confirmation');
    await expectNoAxeViolations(page, 'confirmation');
    reference = await page.locator('#reference').innerText();
    assert.match(reference, /^ACR-\d{4}-\d{6}$/);
    assert.match(
      await page.locator('#acknowledge').innerText(),
      /We will acknowledge your application by \w+day \d+ \w+ \d{4}/,
    );
    await ctx.close();
  });

  it('someone applying on the victim’s behalf is asked for consent, with and without JavaScript (axe)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await h.newContext({ javaScriptEnabled });
      const page = await ctx.newPage();
      await page.goto('/case-review/apply');
      await page.getByLabel('No, I am applying on the victim’s behalf').check();
      await continueTo(page, '**/apply/victim-type');
      await page.getByLabel('A business').check();
      await continueTo(page, '**/apply/victim');
      await expectNoAxeViolations(page, `victim, on behalf (js ${javaScriptEnabled})`);
      await page.getByLabel('Name of the business').fill('Cheapside Coffee');
      await page.getByLabel('Name of a contact at the business').fill('Sam Owner');
      await continueTo(page, '**/apply/consent');
      await expectNoAxeViolations(page, `consent (js ${javaScriptEnabled})`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, `consent with an error (js ${javaScriptEnabled})`);
      await page.getByLabel('No, I will send it later').check();
      await continueTo(page, '**/apply/what');
      await ctx.close();
    }
  });

  it('a coordinator acknowledges, decides, convenes the panel, records recommendations and closes (axe on every page)', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.coordinator);
    await page.getByRole('link', { name: 'Case reviews' }).first().click();
    await page.waitForURL('**/case-reviews');
    await expectNoAxeViolations(page, 'list');
    await page.getByRole('link', { name: reference }).first().click();
    await page.waitForURL(/\/case-reviews\/[0-9a-f-]+$/);
    const base = new URL(page.url()).pathname;
    await expectNoAxeViolations(page, 'overview');
    for (const p of [
      '/application',
      '/history',
      '/duplicate',
      '/threshold/complaints/new',
      '/information/new',
      '/victim',
    ]) {
      await page.goto(base + p);
      await expectNoAxeViolations(page, p);
    }

    await page.goto(base);
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.waitForURL('**/do/acknowledge');
    await expectNoAxeViolations(page, 'acknowledge');
    await page.getByRole('button', { name: 'Acknowledge and write to the applicant' }).click();
    await page.getByText('Application acknowledged').waitFor();

    await page.getByRole('button', { name: 'Decide the threshold' }).click();
    await page.waitForURL('**/threshold');
    await expectNoAxeViolations(page, 'threshold');
    assert.match(await page.locator('#summary').innerText(), /Threshold met: 3 qualifying complaints/);
    await page.goto(
      `${base}/threshold/mark?ref=${encodeURIComponent((await page.locator('#complaints a.govuk-link').first().getAttribute('href'))!.split('ref=')[1])}`,
    );
    await expectNoAxeViolations(page, 'mark a complaint');
    await page.goto(`${base}/threshold`);
    assert.equal(await page.getByLabel('Yes, the threshold is met').isChecked(), true);
    await page.getByRole('button', { name: 'Record the decision and write to the applicant' }).click();
    await page.getByText('Threshold met: arrange the review panel').waitFor();

    await page.getByRole('button', { name: 'Arrange the panel' }).click();
    await page.waitForURL('**/panel');
    await expectNoAxeViolations(page, 'panel');
    const [y, m, d] = todayInLondon(new Date()).split('-');
    await page.locator('#panelOn-day').fill(String(Number(d)));
    await page.locator('#panelOn-month').fill(String(Number(m)));
    await page.locator('#panelOn-year').fill(y);
    await page.getByLabel('Chair’s name').fill('Dr Helen Marsh');
    await page.getByLabel('Yes', { exact: true }).check();
    await page.locator('#member0Name').fill('Insp. Priya Constable');
    await page.locator('#member0Organisation').fill('City of London Police');
    await page.getByRole('button', { name: 'Save the panel' }).click();
    await page.waitForURL('**/review');
    await expectNoAxeViolations(page, 'review');
    assert.match(await page.locator('#panel').innerText(), /Chair \(independent\)\s+Dr Helen Marsh/);

    await page.getByRole('button', { name: 'Record the recommendations' }).click();
    await page.waitForURL('**/recommendations');
    await expectNoAxeViolations(page, 'recommendations');
    await page.locator('#rec0Text').fill('Joint visit by police and housing with a written warning');
    await page.locator('#rec0Owner').fill('City of London Police');
    await page.locator('#rec0Due-day').fill('28');
    await page.locator('#rec0Due-month').fill('12');
    await page.locator('#rec0Due-year').fill(String(Number(y) + 1));
    await page.getByRole('button', { name: 'Save the recommendations' }).click();
    await page.waitForURL('**/review');
    assert.match(await page.locator('#recommendations').innerText(), /Joint visit by police and housing/);
    await page
      .getByRole('link', { name: /Update/ })
      .first()
      .click();
    await page.waitForURL(/\/recommendations\/[0-9a-f-]+$/);
    await expectNoAxeViolations(page, 'recommendation update');

    await page.goto(base);
    await page.getByRole('button', { name: 'Send the outcome' }).click();
    await page.waitForURL('**/do/send-outcome');
    await expectNoAxeViolations(page, 'send outcome');
    await page
      .getByLabel('What the review found')
      .fill('The agencies did not join up their responses; the panel made a recommendation.');
    await page.getByRole('button', { name: 'Send the outcome' }).click();
    await page.getByText('Outcome sent').first().waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.waitForURL('**/do/close');
    await expectNoAxeViolations(page, 'close');
    await page.getByRole('button', { name: 'Close the application' }).click();
    await page.getByText('Application closed').waitFor();
    assert.match(await page.locator('#status').innerText(), /Closed/);
    await page.goto(`${base}/history`);
    await expectNoAxeViolations(page, 'history with letters');
    for (const url of ['/case-reviews/settings', '/case-reviews/new', '/case-reviews?status=closed']) {
      await page.goto(url);
      await expectNoAxeViolations(page, url);
    }
    await ctx.close();
  });

  it('the statistics page shows the four figures (axe)', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await page.goto('/case-review/statistics');
    await expectNoAxeViolations(page, 'statistics');
    assert.equal(await page.locator('#applications').innerText(), '1');
    assert.equal(await page.locator('#thresholdNotMet').innerText(), '0');
    assert.equal(await page.locator('#reviewsCarriedOut').innerText(), '1');
    assert.equal(await page.locator('#reviewsWithRecommendations').innerText(), '1');
    await page.locator('#from-year').fill('2030');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'statistics with an error');
    await ctx.close();
  });
});
