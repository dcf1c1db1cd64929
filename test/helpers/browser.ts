import fs from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { demoTotpSecret, DEMO_PASSWORD } from '../../src/partnership/demo.js';
import { TEST_SEED, forgetTotpUse } from './app.js';
import type { Dialect } from '../../src/platform/db/database.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or null when they can. On CI a missing browser is a failure,
 * not a skip; elsewhere the suite says plainly that it skipped them and how to install Chromium.
 */
export function browserUnavailable(): string | false {
  if (fs.existsSync(chromiumPath)) return false;
  const reason = `Chromium not found at ${chromiumPath}: browser tests skipped. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI) throw new Error(reason);
  process.stderr.write(`\n*** ${reason}\n`);
  return reason;
}

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  newContext(opts?: { javaScriptEnabled?: boolean; mobile?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Browser contexts made with Chromium's JavaScript switch off (page.evaluate cannot run in them). */
const scriptsOff = new WeakSet<BrowserContext>();

/** The app on a real port with headless Chromium pointed at it. */
export async function startBrowserHarness(dialect: Dialect = 'sqlite'): Promise<BrowserHarness> {
  const t = await startTestApp(dialect);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    t,
    baseUrl: address,
    browser,
    newContext: async (opts = {}) => {
      const ctx = await browser.newContext({
        baseURL: address,
        javaScriptEnabled: opts.javaScriptEnabled !== false,
        ...(opts.mobile ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } : {}),
      });
      ctx.setDefaultTimeout(15_000);
      if (opts.javaScriptEnabled === false) scriptsOff.add(ctx);
      return ctx;
    },
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * Runs axe on the page and fails listing every violation. With JavaScript off in the page's browser
 * context, axe cannot run there: the page's HTML, scripts removed, is served at the same address to a
 * page that can run it, with the same cookies, styles and viewport.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  if (scriptsOff.has(page.context())) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    const browser = page.context().browser()!;
    const ctx = await browser.newContext({
      viewport: page.viewportSize(),
      storageState: await page.context().storageState(),
    });
    try {
      const copy = await ctx.newPage();
      await copy.route(page.url(), (route) =>
        route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
      );
      await copy.goto(page.url());
      await expectNoAxeViolations(copy, `${label} (JavaScript off)`);
    } finally {
      await ctx.close();
    }
    return;
  }
  const violations = await page.evaluate(async (source) => {
    (0, eval)(source);
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v: any) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  }, AXE_SOURCE);
  assert.deepEqual(violations, [], `axe violations on ${label}`);
}

/** Signs in through the real pages with password and TOTP. */
export async function signInInBrowser(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await forgetTotpUse(email);
  await page.getByLabel('Enter your security code').fill(currentTotp(demoTotpSecret(TEST_SEED, email)));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/staff');
}
