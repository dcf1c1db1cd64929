/**
 * Street outreach in Chromium at 360 px: an outreach worker records a contact with JavaScript off,
 * a later contact recognises the same person from the suggestions, an officer gives a green then an
 * amber ticket on the powers ladder, and the person page shows support beside enforcement.
 * axe runs on every street operations page.
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

async function recordContact(page: Page, fill: () => Promise<void>, match: string | null) {
  await page.goto('/operations');
  await page.getByRole('button', { name: 'Record a contact' }).click();
  await page.getByRole('heading', { name: 'Where and when was the contact?' }).waitFor();
  await expectNoAxeViolations(page, 'contact: where and when');
  // Forgetting the time: the error names the field and the landmark chosen is kept.
  await page.getByLabel('Nearest landmark').selectOption('Liverpool Street station');
  await page.getByLabel('Time').fill('');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Enter the time of the contact' }).waitFor();
  assert.equal(await page.getByLabel('Nearest landmark').inputValue(), 'Liverpool Street station');
  await expectNoAxeViolations(page, 'contact: where and when, with an error');
  await page.getByLabel('Time').fill('00:00');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'Who did you speak to?' }).waitFor();
  await expectNoAxeViolations(page, 'contact: person');
  await fill();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  if (match) {
    await page.getByRole('heading', { name: 'Is this someone already known?' }).waitFor();
    await expectNoAxeViolations(page, 'contact: suggested matches');
    await page.getByLabel(match).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
  }
  await page.getByRole('heading', { name: 'Needs and support' }).waitFor();
  await expectNoAxeViolations(page, 'contact: needs and support');
  await page.getByRole('group', { name: 'What was the person doing?' }).getByLabel('Begging').check();
  await page
    .getByRole('group', { name: 'Support offered' })
    .getByLabel('A place at the intervention hub')
    .check();
  await page
    .getByRole('group', { name: 'Support accepted' })
    .getByLabel('A place at the intervention hub')
    .check();
  await page.getByRole('group', { name: 'Signposted to' }).getByLabel('The intervention hub').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'Welfare and safeguarding' }).waitFor();
  await expectNoAxeViolations(page, 'contact: welfare');
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'Check the contact before you save it' }).waitFor();
  await expectNoAxeViolations(page, 'contact: check answers');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await page.getByText('Contact recorded').waitFor();
  return page.url().split('/').pop()!;
}

describe('street outreach in Chromium at 360 px', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(() => h?.close());

  it('two contacts recognise one person; a green then an amber ticket; the person page shows both sides', async () => {
    const workerCtx = await h.newContext({ javaScriptEnabled: false, width: 360 });
    const worker = await workerCtx.newPage();
    await signInInBrowser(worker, DEMO.outreach);
    const first = await recordContact(
      worker,
      async () => {
        await worker.getByLabel('First name').fill('Danny');
        await worker.getByLabel('Last name').fill('Mills');
        await worker.getByLabel('Description (optional)').fill('Grey beard, green parka');
      },
      null,
    );
    await expectNoAxeViolations(worker, 'street page of the person');
    const second = await recordContact(
      worker,
      async () => {
        await worker.getByLabel('First name').fill('Danny');
        await worker.getByLabel('Description (optional)').fill('Green parka');
      },
      'Danny Mills',
    );
    assert.equal(second, first, 'the second contact is linked to the same person');
    assert.equal(await worker.locator('#person-contacts li').count(), 2);
    await worker.locator('#person-contacts a').first().click();
    await worker.getByRole('heading', { name: 'Contact with Danny Mills' }).waitFor();
    await expectNoAxeViolations(worker, 'a recorded contact');
    for (const [url, label] of [
      ['/operations', 'street outreach'],
      ['/operations/counts', 'street counts'],
      ['/operations/safeguarding', 'modern slavery referrals'],
      [`/operations/people/${first}/nrm/new`, 'NRM form'],
      [`/operations/people/${first}/hub/new`, 'hub session form'],
      ['/operations/patrols/new', 'patrol shift form'],
      ['/operations/joint/new', 'joint operation form'],
      ['/operations/campaigns', 'communications campaigns'],
    ]) {
      await worker.goto(url);
      await expectNoAxeViolations(worker, label);
    }
    await worker.goto('/operations/counts');
    await worker.getByLabel('Area').fill('Aldgate');
    await worker.getByLabel('People seen sleeping rough').fill('-1');
    await worker.getByRole('button', { name: 'Record count' }).click();
    await worker.getByRole('link', { name: 'The number of people cannot be negative' }).waitFor();
    await expectNoAxeViolations(worker, 'street counts with an error');
    await worker.getByLabel('People seen sleeping rough').fill('3');
    await worker.getByRole('button', { name: 'Record count' }).click();
    await worker.locator('#counts-table').waitFor();
    await expectNoAxeViolations(worker, 'street counts with a chart and table');
    await worker.goto('/operations/joint/new');
    await worker.getByLabel('Name of the operation').fill('Operation Reframe');
    await worker.getByLabel('Briefing').fill('Begging and street drinking at the station');
    await worker.getByLabel('Agencies taking part').fill('Police, council, outreach');
    await worker.getByLabel('Area: the place of the operation').selectOption('Liverpool Street station');
    await worker.getByRole('button', { name: 'Record operation' }).click();
    await worker.locator('#before-after').waitFor();
    await expectNoAxeViolations(worker, 'joint operation with before and after');
    await worker.goto('/operations/patrols');
    await expectNoAxeViolations(worker, 'patrols and joint operations');
    await workerCtx.close();

    const officerCtx = await h.newContext({ width: 360 });
    const officer = await officerCtx.newPage();
    await signInInBrowser(officer, DEMO.officer);
    await officer.goto(`/operations/people/${first}`);
    await officer.getByRole('link', { name: 'Give a green ticket' }).click();
    await expectNoAxeViolations(officer, 'ticket form');
    await officer
      .getByLabel('Partners the person is invited to meet (green ticket)')
      .fill('Outreach team, GP');
    await officer.getByRole('button', { name: 'Record ticket' }).click();
    await officer.getByText('Green ticket recorded on the powers ladder').waitFor();
    await officer.getByRole('link', { name: 'Give an amber ticket' }).click();
    await officer.getByRole('button', { name: 'Record ticket' }).click();
    await officer.getByText('Amber ticket recorded on the powers ladder').waitFor();

    await officer.goto(`/people/${first}`);
    await officer.getByRole('heading', { name: 'Support and enforcement' }).waitFor();
    const support = await officer.locator('#support-side').innerText();
    const enforcement = await officer.locator('#enforcement-side').innerText();
    assert.match(support, /Green ticket/);
    assert.match(support, /A place at the intervention hub/);
    assert.match(enforcement, /Amber ticket/);
    await expectNoAxeViolations(officer, 'person page with support and enforcement');
    await officerCtx.close();
  });
});
