import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { DEMO } from '../helpers/app.js';
import { seededRng } from '../../src/platform/rng.js';
import { seedPremisesDemo } from '../../src/premises/demo.js';
import { seedPlanDemo } from '../../src/plan/demo.js';
import { PlanExchangeService } from '../../src/plan/exchange-service.js';

/** axe at a phone's width and a desktop's. */
async function axeAtBothWidths(page: Page, label: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page, `${label} at ${width}px`);
  }
}

describe('the action plan in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
    const { deps, demo } = h.t;
    const shared: Record<string, unknown> = { ...demo };
    await seedPremisesDemo({ deps, rng: seededRng(3), partnershipId: demo.partnershipId, shared });
    await seedPlanDemo({ deps, rng: seededRng(4), partnershipId: demo.partnershipId, shared });
  });
  after(() => h?.close());

  it('a lead officer changes a status with a reason; the board report shows it as changed since the last board', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.cleansingOfficer);
    await page.goto('/plan');
    await page.getByRole('heading', { name: 'Action plan 2023', level: 1 }).waitFor();
    await axeAtBothWidths(page, 'plan');
    await page
      .getByRole('link', {
        name: 'Tackle environmental and visible ASB / signal crimes to help improve public perception',
      })
      .click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await axeAtBothWidths(page, 'action 18');

    await page.getByLabel('Amber: in progress').check();
    await page
      .getByLabel('Progress', { exact: true })
      .fill('Removal rota agreed with the Police for weekends');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Give the reason for changing the status' })
      .waitFor();
    assert.equal(
      await page.getByLabel('Progress', { exact: true }).inputValue(),
      'Removal rota agreed with the Police for weekends',
    );
    await axeAtBothWidths(page, 'action 18 with an error');

    await page
      .getByLabel('Reason for a change of status')
      .fill('Weekend removals slipped while the rota is agreed');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await page.getByText('Status changed and progress recorded').waitFor();
    await page.getByText('Green: complete to Amber: in progress').waitFor();

    await page.goto('/plan/board');
    await page.getByRole('heading', { name: /Changed since the board of 18 September 2023/ }).waitFor();
    const changed = page.locator('#changes + table, #changes ~ table').first();
    assert.match(
      await changed.innerText(),
      /18\. Tackle environmental and visible ASB[\s\S]*Weekend removals slipped while the rota is agreed/,
    );
    await axeAtBothWidths(page, 'board report');
    await ctx.close();
  });

  it('a dashboard figure links to its detail, and the import pages pass axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.coordinator);
    await page.goto('/plan/dashboard');
    await page.getByRole('heading', { name: 'Board dashboard', level: 1 }).waitFor();
    await axeAtBothWidths(page, 'dashboard');
    await page.getByRole('link', { name: /Licensed premises on red/ }).click();
    await page.getByRole('heading', { name: 'Licensed premises', level: 1 }).waitFor();

    const { deps, demo } = h.t;
    const file = await new PlanExchangeService(deps).export(
      { id: null, name: 'Test', label: 'test', partnershipId: demo.partnershipId },
      'xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    wb.worksheets[0].getRow(2).getCell(3).value = 'CoLP Communications';
    const edited = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-browser-')), 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    await page.goto('/plan/import');
    await axeAtBothWidths(page, 'import');
    await page.getByLabel('Edited plan (XLSX or CSV)').setInputFiles(edited);
    await page.getByRole('button', { name: 'Check the changes' }).click();
    await page.getByRole('heading', { name: 'Check the changes before importing' }).waitFor();
    assert.match(await page.locator('table').innerText(), /1\s+Owner\s+CoLP\s+CoLP Communications/);
    await axeAtBothWidths(page, 'import check');
    await page.getByRole('button', { name: 'Import these changes' }).click();
    await page.getByText('1 change imported into the 2023 plan').waitFor();
    await ctx.close();
  });
});
