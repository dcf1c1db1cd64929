/**
 * Case management in Chromium: an officer opens a case from two reports, adds a perpetrator,
 * assesses the risk as high, refers to the Community MARAC, records a CPW then a CPN, logs contact
 * and closes the case with the victim informed; the coordinator and a partner see their views.
 * axe runs on every page, with its errors showing where a form has them.
 */
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
import { fileTestReport } from '../../src/cases/test-support.js';
import { addDays, todayInLondon } from '../../src/platform/dates/calendar-date.js';
import { DEFAULT_QUESTIONNAIRE } from '../../src/cases/rules/risk-assessment.js';

async function fillDate(page: Page, name: string, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(d)));
  await page.locator(`#${name}-month`).fill(String(Number(m)));
  await page.locator(`#${name}-year`).fill(y);
}

describe('case management in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  let caseUrl = '';
  const today = todayInLondon(new Date());

  before(async () => {
    h = await startBrowserHarness();
  });
  after(() => h?.close());

  it('an officer works a case from two reports to closure; every page passes axe', async () => {
    const r1 = await fileTestReport(h.t.deps, h.t.demo.partnershipId);
    const r2 = await fileTestReport(h.t.deps, h.t.demo.partnershipId, {
      description: 'They shouted at me again on the stairs.',
    });
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.officer);

    await page.goto('/cases');
    await expectNoAxeViolations(page, 'case list');
    await page.goto(`/cases/new?reports=${r1.id},${r2.id}`);
    await expectNoAxeViolations(page, 'open a case');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'open a case with errors');
    await page.getByLabel('Title').fill('Harassment on the stairs at Golden Lane');
    await page.getByLabel('Personal').check();
    await page.getByLabel('Summary of the problem').fill('A neighbour shouts abuse on the stairs.');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByText(/Case CASE-\d{4}-\d{6} opened/).waitFor();
    caseUrl = new URL(page.url()).pathname;
    assert.match(await page.locator('main').innerText(), new RegExp(r2.reference));
    await expectNoAxeViolations(page, 'case overview');

    // A perpetrator.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByRole('heading', { name: 'Add a person to the case' }).waitFor();
    await expectNoAxeViolations(page, 'add a person');
    await page.getByLabel('Perpetrator or subject').check();
    await page.getByLabel('First name').fill('Percy');
    await page.getByLabel('Last name').fill('Perp');
    await fillDate(page, 'dob', addDays(today, -30 * 365));
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('link', { name: 'Percy Perp' }).click();
    await page.getByRole('heading', { name: 'Contact and information sharing' }).waitFor();
    await expectNoAxeViolations(page, 'party page');
    await page.goto(`${caseUrl}/places/new`);
    await expectNoAxeViolations(page, 'link a place');

    // Risk: high, then the MARAC referral.
    await page.goto(`${caseUrl}/risk/new`);
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'risk assessment with errors');
    for (const q of DEFAULT_QUESTIONNAIRE) {
      const top = q.options.reduce((a, b) => (b.score > a.score ? b : a));
      await page.locator(`input[name="answers-${q.id}"][value="${top.value}"]`).check();
    }
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page
      .getByText(/high risk/)
      .first()
      .waitFor();
    assert.match(new URL(page.url()).pathname, /\/marac\/new$/);
    await expectNoAxeViolations(page, 'MARAC referral form');
    await page.getByLabel('Why does the case need the Community MARAC?').fill('High risk, repeat targeting.');
    await page.getByLabel('What has been done so far?').fill('Two visits and a warning letter.');
    await page.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByText(/sent to the Community MARAC coordinator/).waitFor();
    await page.goto(`${caseUrl}/risk`);
    await expectNoAxeViolations(page, 'risk history');

    // A CPW then a CPN, with its expiry.
    await page.goto(`${caseUrl}/powers/new`);
    await expectNoAxeViolations(page, 'record a step');
    await page.getByLabel('Step or power').selectOption('community-protection-warning');
    await page
      .getByLabel('Who or what is it about?')
      .selectOption({ label: 'Percy Perp (Perpetrator or subject)' });
    await fillDate(page, 'issuedOn', addDays(today, -10));
    await page.getByRole('button', { name: 'Record step' }).click();
    await page.getByText('Community Protection Warning recorded').waitFor();
    await expectNoAxeViolations(page, 'step page');
    await page.goto(`${caseUrl}/powers/new`);
    await page.getByLabel('Step or power').selectOption('community-protection-notice');
    await page
      .getByLabel('Who or what is it about?')
      .selectOption({ label: 'Percy Perp (Perpetrator or subject)' });
    await fillDate(page, 'issuedOn', today);
    await fillDate(page, 'expiresOn', addDays(today, -1));
    await page.getByRole('button', { name: 'Record step' }).click();
    await page
      .getByText(/is before the date it was issued/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'record a step with dates out of order');
    await fillDate(page, 'expiresOn', addDays(today, 180));
    await page.getByRole('button', { name: 'Record step' }).click();
    await page.getByText('Community Protection Notice recorded').waitFor();
    await page.goto(`${caseUrl}/powers`);
    await expectNoAxeViolations(page, 'powers');
    await page.getByRole('link', { name: 'Percy Perp' }).first().click();
    await page.locator('#ladder-summary').waitFor();
    assert.match(await page.locator('#ladder-summary').innerText(), /Community Protection Notice in force/);
    await expectNoAxeViolations(page, 'person ladder');

    // Actions, contacts, documents, sharing, timeline.
    await page.goto(`${caseUrl}/actions/new`);
    await expectNoAxeViolations(page, 'add an action');
    await page.getByLabel('What needs to be done?').fill('Joint visit with the police');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action added').waitFor();
    await expectNoAxeViolations(page, 'actions');
    await page.getByRole('link', { name: 'Joint visit with the police' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    await expectNoAxeViolations(page, 'action');
    await page.goto(`${caseUrl}/contacts`);
    await page.getByLabel('How?').selectOption('phone');
    await page.getByLabel('Summary').fill('Spoke to the victim; agreed weekly calls.');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.getByText('Contact recorded').waitFor();
    await expectNoAxeViolations(page, 'contacts');
    for (const path of ['/documents', '/sharing', '/timeline', '/edit', '/status/request-review']) {
      await page.goto(`${caseUrl}${path}`);
      await expectNoAxeViolations(page, path);
    }
    for (const url of ['/my-work', '/my-work/overdue', '/expiring-soon']) {
      await page.goto(url);
      await expectNoAxeViolations(page, url);
    }

    // Review, then close with the closure letter.
    await page.goto(`${caseUrl}/status/request-review`);
    await page.getByRole('button', { name: 'Ask for review' }).click();
    await page.getByText('Case sent for review').waitFor();
    await page.goto(`${caseUrl}/status/close`);
    await expectNoAxeViolations(page, 'close the case');
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'close the case with errors');
    await page.getByLabel('The behaviour has stopped').check();
    await page
      .getByLabel('Explain the closure in words the victim will understand')
      .fill('The neighbour has moved away.');
    await page.getByLabel('Send the closure letter now').check();
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByText(/case closed. Closure letter sent to the victim/).waitFor();
    await expectNoAxeViolations(page, 'closed case');
    await ctx.close();
  });

  it('the coordinator’s referral inbox and the settings page pass axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.coordinator);
    await page.getByRole('link', { name: 'MARAC referrals' }).first().click();
    await page.waitForURL('**/marac-referrals');
    await expectNoAxeViolations(page, 'MARAC inbox');
    await page.locator('a[href^="/marac-referrals/"]').first().click();
    await page.getByRole('heading', { name: 'Risk assessment attached' }).waitFor();
    await expectNoAxeViolations(page, 'MARAC referral');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('There is a problem').waitFor();
    await expectNoAxeViolations(page, 'MARAC referral with errors');
    await page.getByLabel('Accept it for the next meeting').check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText(/accepted for the meeting/).waitFor();
    await ctx.close();

    const adminCtx = await h.newContext();
    const admin = await adminCtx.newPage();
    await signInInBrowser(admin, DEMO.admin);
    await admin.goto('/settings/risk-assessment');
    await expectNoAxeViolations(admin, 'risk settings');
    await adminCtx.close();
  });

  it('a partner sees the shared case with sensitive details withheld, without JavaScript too', async () => {
    const officerCtx = await h.newContext();
    const officer = await officerCtx.newPage();
    await signInInBrowser(officer, DEMO.officer);
    await officer.goto(`${caseUrl}/sharing`);
    await officer.getByLabel('Agency').selectOption({ label: 'Rough sleeping outreach charity' });
    await officer.getByLabel('Why are you sharing it?').fill('Outreach ISA: support for the victim');
    await officer.getByLabel('No, withhold them').check();
    await officer.getByRole('button', { name: 'Share case' }).click();
    await officer.getByText('Case shared with Rough sleeping outreach charity').waitFor();
    await expectNoAxeViolations(officer, 'sharing');
    await officerCtx.close();

    for (const javaScriptEnabled of [true, false]) {
      const ctx = await h.newContext({ javaScriptEnabled });
      const page = await ctx.newPage();
      await signInInBrowser(page, DEMO.partner);
      await page.goto('/cases');
      await expectNoAxeViolations(page, `partner case list (js ${javaScriptEnabled})`);
      await page.goto(caseUrl);
      assert.match(await page.locator('main').innerText(), /Withheld/);
      assert.doesNotMatch(await page.locator('main').innerText(), /vera\.victim@example\.com|07700 900123/);
      await expectNoAxeViolations(page, `partner case (js ${javaScriptEnabled})`);
      for (const path of ['/risk', '/contacts', '/timeline', '/documents', '/powers', '/actions']) {
        await page.goto(`${caseUrl}${path}`);
        await expectNoAxeViolations(page, `partner ${path} (js ${javaScriptEnabled})`);
      }
      await ctx.close();
    }
  });
});
