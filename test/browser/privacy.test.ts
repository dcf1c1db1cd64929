import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import JSZip from 'jszip';
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
import { PeopleService } from '../../src/people/service.js';

const DPO = 'dpo@demo.asbhub.example';

/** axe at desktop width and at 360 px. */
async function axeBoth(page: Page, label: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoAxeViolations(page, `${label} (1280 px)`);
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoAxeViolations(page, `${label} (360 px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('data protection in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  let adaPerson = '';
  let bobReport = '';
  before(async () => {
    h = await startBrowserHarness();
    const { deps, demo } = h.t;
    const pid = demo.partnershipId;
    await fileTestReport(deps, pid, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '07700 900111',
    });
    await fileTestReport(deps, pid, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '07700 900111',
      description: 'Music from flat 3 until 4 a.m.',
    });
    bobReport = (await fileTestReport(deps, pid, { name: 'Bob Bystander', email: 'bob@example.com' })).id;
    adaPerson = (
      await new PeopleService(deps).findPeople(pid, { surname: 'Lovelace', email: 'ada@example.com' })
    )[0].personId;
  });
  after(() => h?.close());

  it('the DPO runs a subject access request end to end and downloads the ZIP', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DPO);
    await page.goto('/data-protection');
    await page.getByRole('heading', { name: 'Data protection', level: 1 }).waitFor();
    await axeBoth(page, 'data protection');

    await page.getByRole('button', { name: 'Record a new request' }).click();
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await axeBoth(page, 'new request with errors');
    await page.getByLabel('Requester’s name').fill('Ada Lovelace');
    const [y, m, d] = h.t.deps.clock.iso().slice(0, 10).split('-');
    await page.getByLabel('Day').fill(String(Number(d)));
    await page.getByLabel('Month').fill(String(Number(m)));
    await page.getByLabel('Year').fill(y);
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.getByRole('heading', { name: /^Request SAR-/ }).waitFor();

    await page.getByLabel('Given name').fill('Ada');
    await page.getByLabel('Surname').fill('Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    const candidate = page.locator('form.sar-candidate').first();
    await candidate.waitFor();
    await axeBoth(page, 'request with candidates');
    const yes = candidate.locator('input[value="theirs"]');
    for (let i = 0; i < (await yes.count()); i++) await yes.nth(i).check();
    await candidate.getByRole('button', { name: /Save decisions/ }).click();
    await page.getByText(/records? confirmed as the requester’s/).waitFor();

    await page.locator('#review-link').click();
    await page.getByRole('heading', { name: 'Review the export' }).waitFor();
    await axeBoth(page, 'redaction review');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText(/the export is ready/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const data = JSON.parse(await zip.file('data.json')!.async('string'));
    const text = JSON.stringify(data);
    assert.match(text, /Music from flat 3 until 4 a\.m\./);
    assert.doesNotMatch(text, /Bob Bystander/);
    assert.ok(!data.records.some((r: { recordId: string }) => r.recordId === bobReport));
    assert.match(await zip.file('summary.html')!.async('string'), /The personal data we hold about you/);

    // The other new pages.
    for (const [url, label] of [
      ['/data-protection/schedules', 'retention schedules'],
      ['/data-protection/processing', 'records of processing'],
      [`/data-protection/people/${adaPerson}`, 'person rights'],
    ]) {
      await page.goto(url);
      await axeBoth(page, label);
    }
    // Restrict Ada: her page then asks everyone for a reason.
    await page.locator('form[action$="/restrict"] textarea').fill('Accuracy contested by the requester');
    await page.getByRole('button', { name: 'Restrict processing' }).click();
    await page
      .getByText(/Processing restricted/)
      .first()
      .waitFor();
    await page.goto(`/people/${adaPerson}`);
    await page.getByRole('heading', { name: /Why do you need to see this person/ }).waitFor();
    await axeBoth(page, 'reason to view a restricted person');
    await page.getByLabel(/Why do you need/).fill('Answering her subject access request');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    await ctx.close();
  });

  it('a call handler cannot open a person they have no link to', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.callHandler);
    const res = await page.goto(`/people/${adaPerson}`);
    assert.equal(res!.status(), 403);
    await page.getByRole('heading', { name: 'You cannot see this person' }).waitFor();
    assert.equal(await page.getByText('Ada Lovelace').count(), 0);
    await axeBoth(page, 'person withheld');
    await ctx.close();
  });
});
