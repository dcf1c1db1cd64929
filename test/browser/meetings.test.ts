/**
 * A City Community MARAC run in Chromium from agenda to approved minutes: the coordinator builds and
 * issues the agenda, records attendance, decides a referral (it lands on the case timeline), raises
 * an action, circulates the minutes, carries the action at the next meeting, approves the minutes
 * and downloads the sealed PDF, read back with a PDF library. axe on every meetings page at 1280 and
 * 360 px; the public calendar without sign-in.
 */
import fs from 'node:fs';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  browserUnavailable,
  startBrowserHarness,
  expectNoAxeViolations,
  signInInBrowser,
  type BrowserHarness,
} from '../helpers/browser.js';
import { Client, DEMO } from '../helpers/app.js';
import { addDays, addWorkingDays, formatLongDate, todayInLondon } from '../../src/platform/dates/index.js';
import { referredCase } from '../http/meetings-fixtures.js';

/** axe at desktop width and at 360 px. */
async function axeBoth(page: Page, label: string) {
  await expectNoAxeViolations(page, `${label} (1280 px)`);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoAxeViolations(page, `${label} (360 px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('a City Community MARAC in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  const today = todayInLondon(new Date());
  const first = addWorkingDays(today, -10);
  const second = addWorkingDays(today, -3);
  const ids: Record<string, string> = {};
  let caseUrl = '';

  before(async () => {
    h = await startBrowserHarness();
    const { t } = { t: h.t };
    const officer = new Client(t.app);
    await officer.signIn(DEMO.officer);
    const referred = await referredCase(t, officer, 'Alice Adams');
    caseUrl = referred.caseUrl;
    // Referred before the first meeting's cut-off.
    await t.deps.db
      .updateTable('marac_referrals')
      .set({ submitted_at: `${addDays(first, -14)}T09:00:00.000Z` })
      .where('id', '=', referred.referralId)
      .execute();
    const s = t.services.meetings;
    const coordinator = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', DEMO.coordinator)
      .executeTakeFirstOrThrow();
    const actor = {
      user: {
        id: coordinator.id,
        partnershipId: coordinator.partnership_id,
        agencyId: coordinator.agency_id,
        agencyCode: 'CoLC',
        agencyName: 'City of London Corporation',
        teamId: coordinator.team_id,
        teamName: null,
        mustChangePassword: false,
        role: 'coordinator' as const,
        name: coordinator.name,
        email: coordinator.email,
      },
    };
    const made = await s.series.create(actor, {
      name: 'City Community MARAC',
      code: 'CCM',
      type: 'ccm',
      schedule: { kind: 'monthly', nth: 2, weekday: 2 },
      startTime: '10:00',
      durationMinutes: 120,
      venue: 'Guildhall',
      ward: null,
      confidentiality: 'confidential',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      termsOfReference: 'High-risk ASB victims, hot spots and emerging issues.',
      agendaCutoffDays: 5,
      minutesDeadlineDays: 3,
      minutesPerCase: 10,
      chairUserIds: [h.t.demo.users[DEMO.coordinator], h.t.demo.users[DEMO.policeOfficer]],
      memberAgencyIds: [h.t.demo.agencies.CoLP, h.t.demo.agencies.CoLC],
      memberUserIds: [],
      from: addDays(today, 400),
    });
    assert.ok(made.ok);
    ids.series = made.ok ? made.value.id : '';
    for (const [k, date] of [
      ['first', first],
      ['second', second],
    ]) {
      const r = await s.series.addMeeting(actor, {
        seriesId: ids.series,
        date,
        startTime: '10:00',
        chairUserId: coordinator.id,
      });
      assert.ok(r.ok);
      ids[k] = r.ok ? r.value.id : '';
    }
  });
  after(() => h?.close());

  it('runs the meeting from agenda to approved, sealed minutes', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.coordinator);
    await page.goto('/meetings');
    await page.getByRole('heading', { name: 'My meetings and actions', level: 1 }).waitFor();
    await axeBoth(page, 'my meetings');
    await page.getByRole('link', { name: 'City Community MARAC' }).click();
    await page.getByRole('heading', { name: 'City Community MARAC', level: 1 }).waitFor();
    await axeBoth(page, 'series');

    await page.goto(`/meetings/${ids.first}`);
    await page.getByRole('button', { name: 'Build the agenda from the data' }).click();
    await page.getByText(/Agenda built from the data at the cut-off/).waitFor();
    const agenda = page.locator('table.app-agenda').first();
    assert.match(await agenda.innerText(), /Referral MARAC-\d{4}-\d{6}: case CASE-\d{4}-\d{6}/);
    assert.match(await agenda.innerText(), /Risk: high \(score 57\)/);
    await axeBoth(page, 'meeting with a draft agenda');
    await page.getByRole('button', { name: 'Issue the agenda' }).click();
    await page.getByText('Agenda issued: pack version 1 is frozen').waitFor();

    await page.getByRole('link', { name: 'Record attendance' }).click();
    await axeBoth(page, 'attendance');
    await page
      .getByRole('group', { name: /Cory Coordinator/ })
      .getByLabel('Present')
      .check();
    await page
      .getByRole('group', { name: /Priya Constable/ })
      .getByLabel('Present')
      .check();
    await page
      .getByRole('group', { name: /Olu Officer/ })
      .getByLabel('Apologies')
      .check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText('Attendance recorded').waitFor();

    await page.getByRole('link', { name: 'Record item 1.1' }).click();
    await page.getByLabel('Discussion notes').fill('Housing to offer a management move.');
    await page.getByLabel('Not accepted (advice given)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Give the advice for the referrer' })
      .waitFor();
    assert.equal(
      await page.getByLabel('Discussion notes').inputValue(),
      'Housing to offer a management move.',
    );
    await axeBoth(page, 'item with an error');
    await page.getByLabel('Accepted', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Item recorded').waitFor();

    await page.getByRole('link', { name: 'Raise an action' }).click();
    await axeBoth(page, 'raise an action');
    await page.getByLabel('What needs to be done?').fill('Offer a management move');
    await page.getByLabel('Owner').selectOption({ label: 'Bea Barbican (City of London Corporation)' });
    await page.getByLabel('Due date (YYYY-MM-DD)').fill(addDays(today, 14));
    await page.getByRole('button', { name: 'Raise the action' }).click();
    await page.getByText('Action raised').waitFor();
    await page.getByRole('button', { name: 'Circulate the draft minutes' }).click();
    await page.getByText(/Draft minutes circulated/).waitFor();
    await axeBoth(page, 'meeting after it was held');

    await page.goto(caseUrl.replace(/$/, '/timeline'));
    assert.match(
      await page.locator('main').innerText(),
      new RegExp(`City Community MARAC of ${formatLongDate(first)} accepted the case`),
    );

    await page.goto(`/meetings/${ids.second}`);
    await page.getByRole('button', { name: 'Build the agenda from the data' }).click();
    await page.getByText(/Agenda built/).waitFor();
    const carried = page.locator('table.app-agenda', { hasText: 'Offer a management move' });
    await carried.getByRole('link', { name: /Record item/ }).click();
    await page.getByLabel('Carried forward: agency did not act').check();
    await page.getByLabel('Advice, reason or outcome').fill('No move offered yet');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Item recorded').waitFor();
    await page.getByRole('button', { name: 'Approve the minutes of the previous meeting' }).click();
    await page.getByText(/Minutes of the previous meeting approved and sealed/).waitFor();

    await page.goto(`/meetings/${ids.first}`);
    assert.match(
      await page.locator('#minutes + p').innerText(),
      /Approved on .* and sealed\. SHA-256: [0-9a-f]{64}/,
    );
    await page.getByRole('link', { name: /^Open CCM-.*-M1$/ }).click();
    await page.getByRole('heading', { name: /^Minutes:/ }).waitFor();
    await axeBoth(page, 'sealed minutes');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download as PDF' }).click();
    const pdf = fs.readFileSync(await (await download).path());
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    assert.match(text, /OFFICIAL-SENSITIVE/);
    assert.match(text, /Decision: Accepted/);
    assert.match(text, /Offer a management move: Bea Barbican/);
    assert.match(text, /Approved minutes, sealed\. SHA-256:\s+[0-9a-f]{64}/);
    await ctx.close();
  });

  it('the other new pages pass axe; the public calendar answers without sign-in', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await page.goto('/calendar');
    await page.getByRole('heading', { name: 'Public meetings calendar' }).waitFor();
    await axeBoth(page, 'public calendar');
    await page.goto('/meetings');
    await page.waitForURL(/sign-in/);
    await signInInBrowser(page, DEMO.coordinator);
    for (const [url, label] of [
      ['/meetings/series/new', 'add a series'],
      [`/meetings/${ids.second}/move`, 'move a meeting'],
    ]) {
      await page.goto(url);
      await axeBoth(page, label);
    }
    await page.goto('/meetings/series/new');
    await page.getByRole('button', { name: 'Add the series' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Choose the chair' }).waitFor();
    await axeBoth(page, 'add a series with errors');
    const action = await h.t.deps.db.selectFrom('meeting_actions').select('id').executeTakeFirstOrThrow();
    await page.goto(`/meetings/actions/${action.id}`);
    await axeBoth(page, 'meeting action');
    await ctx.close();
  });
});
