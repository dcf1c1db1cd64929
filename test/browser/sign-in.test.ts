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

describe('staff sign-in in Chromium', { skip: browserUnavailable() }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(() => h?.close());

  it('a demo officer signs in with a TOTP code and lands on the home page; every page passes axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Email address').fill(DEMO.officer);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Continue' }).click();
    await assert.doesNotReject(page.getByText('There is a problem').waitFor());
    await expectNoAxeViolations(page, 'sign-in with errors');
    await signInInBrowser(page, DEMO.officer);
    assert.match(await page.locator('h1').innerText(), /Home/);
    assert.match(await page.locator('body').innerText(), /Olu Officer/);
    await expectNoAxeViolations(page, 'staff home');
    await page.goto('/account');
    await expectNoAxeViolations(page, 'account');
    await ctx.close();
  });

  it('public information pages pass axe, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await h.newContext({ javaScriptEnabled });
      const page = await ctx.newPage();
      for (const url of ['/', '/accessibility', '/privacy', '/cookies', '/no-such-page']) {
        await page.goto(url);
        await expectNoAxeViolations(page, `${url} (js ${javaScriptEnabled})`);
      }
      await ctx.close();
    }
  });

  it('administrator and auditor pages pass axe', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await signInInBrowser(page, DEMO.admin);
    for (const url of [
      '/admin',
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${h.t.demo.users[DEMO.officer]}`,
      '/audit',
    ]) {
      await page.goto(url);
      await expectNoAxeViolations(page, url);
    }
    await ctx.close();
  });
});
