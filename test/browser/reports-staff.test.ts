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

describe('reports staff pages in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  let jobRef: string;
  before(async () => {
    h = await startBrowserHarness();
    const reports = h.t.services.reports.reports;
    const made = await reports.create(
      h.t.demo.partnershipId,
      {
        channel: 'phone',
        categoryCode: 'graffiti',
        hateIncident: false,
        description: 'Tags on the shutters',
        location: {
          text: 'Moorgate',
          postcode: null,
          lat: 51.518,
          lng: -0.089,
          precision: 'gazetteer',
          contexts: ['street'],
        },
        occurred: { kind: 'ongoing', at: null, note: null },
        reporter: {
          kind: 'victim',
          anonymous: false,
          givenName: 'Margaret',
          surname: 'Whitfield',
          phone: '07911 223344',
          contactPreference: 'phone',
        },
      },
      { kind: 'public' },
      { ip: null, requestId: null },
    );
    jobRef = made.environmentalJob!;
  });
  after(() => h?.close());

  it('a call handler types a known number and sees the earlier contact appear without pressing a button', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.callHandler);
    await page.goto('/intake');
    await expectNoAxeViolations(page, 'intake');
    await page.getByLabel('Phone', { exact: true }).pressSequentially('+44 7911 223344', { delay: 10 });
    // The earlier report is the environment team's, so need-to-know hides the caller's name from the
    // police call handler: the history says a match exists, how often they called and whom to ask.
    const history = page.locator('#intake-history');
    await history.getByText('A person matching these details').waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await history.innerText(), /earlier contacts?,/);
    await history.getByText(/Not shown: your agency has no link to them\. Ask .+\./).waitFor();
    assert.equal(await history.getByText('Margaret Whitfield').count(), 0);
    await expectNoAxeViolations(page, 'intake with history');
    // Keyboard only: the rest of the call is typed and saved without a mouse.
    await page.getByLabel('Category').selectOption('graffiti');
    await page.getByLabel('Where (street, landmark or postcode)').fill('Moorgate');
    await page.getByLabel('What the caller says happened').fill('More tags since last week');
    await page.getByLabel('What the caller says happened').press('Tab');
    await page.getByRole('button', { name: 'Save report' }).press('Enter');
    await page
      .waitForURL('**/intake?saved=*', { timeout: 60_000 })
      .catch(async () => assert.fail(await page.locator('main').innerText()));
    await page.getByText(/Report ASB-\d{4}-\d{6} saved/).waitFor();
    await ctx.close();
  });

  it('without JavaScript the look-up button shows the same history', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.callHandler);
    await page.goto('/intake');
    await page.getByLabel('Phone', { exact: true }).fill('07911223344');
    await page.getByRole('button', { name: 'Look up history' }).click();
    // The caller is found (by name once the call above is on the police's own record).
    await page.locator('#intake-history .app-history__person').first().waitFor();
    assert.equal(await page.getByLabel('Phone', { exact: true }).inputValue(), '07911223344');
    await expectNoAxeViolations(page, 'intake after look-up, no JavaScript');
    await ctx.close();
  });

  it('queue, environmental jobs, dashboard, service map, API keys and API docs pass axe', async () => {
    for (const [who, urls] of [
      [
        DEMO.cleansingOfficer,
        [
          '/queue',
          '/queue?state=all&sort=newest',
          '/environment/jobs',
          `/environment/jobs/${jobRef}`,
          '/environment/dashboard',
        ],
      ],
      [
        DEMO.admin,
        [
          '/queue?team=all',
          '/admin/service-map',
          '/admin/service-map?tryCategory=noise-street&tryContexts=barbican-estate',
          '/admin/service-map/categories/graffiti',
          '/admin/api-keys',
          '/api/docs',
        ],
      ],
    ] as const) {
      const ctx = await h.newContext();
      const page = await ctx.newPage();
      await signInInBrowser(page, who);
      for (const url of urls) {
        const res = await page.goto(url);
        assert.equal(res?.status(), 200, url);
        await expectNoAxeViolations(page, url);
      }
      await ctx.close();
    }
  });
});
