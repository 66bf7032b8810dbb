// Real Chromium (Debian's package) driven by playwright-core, and axe-core accessibility checks.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../core/config';
import type { Database, Engine } from '../core/db/database';
import type { ModuleManifest } from '../core/manifest';
import { loadDemoIfEmpty, type DemoAccount } from '../demo';
import { createApp } from '../server';
import { testDatabase } from './db';
import { TEST_PASSWORD } from './factories';
import { listen, startApp, type TestApp } from './harness';

export { listen } from './harness';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
export const chromiumPath = candidates.find((p) => fs.existsSync(p));

/**
 * Browser tests run wherever Chromium is installed. Without it they are skipped on a developer's
 * machine, but CI (CI=true) installs Chromium and a missing browser there is a failure, not a skip.
 */
export const skipBrowser = !chromiumPath && process.env.CI !== 'true';

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface BrowserApp extends TestApp {
  browser: Browser;
  /**
   * A new browser context and page, signed in as `email` through the sign-in form (by mouse, or with
   * Enter on the button), the page on `landing`. Scripts run unless `javaScriptEnabled` is false.
   */
  signedInPage(email: string, landing: string, options?: { javaScriptEnabled?: boolean; keyboard?: boolean; timeout?: number }): Promise<{ context: BrowserContext; page: Page }>;
}

/** The app (or only `modules`) on an embedded database, served on a real port, and Chromium to visit it; one close() for both. */
export async function startBrowserApp(options: { modules?: readonly ModuleManifest[] } = {}): Promise<BrowserApp> {
  const t = await startApp('pglite', { ...options, listen: true });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await t.close();
    throw err;
  }
  return {
    ...t,
    browser,
    async signedInPage(email, landing, { javaScriptEnabled = true, keyboard = false, timeout = 15_000 } = {}) {
      const context = await browser.newContext({ javaScriptEnabled });
      context.setDefaultTimeout(timeout);
      const page = await context.newPage();
      await page.goto(`${t.base}/sign-in`);
      await page.getByLabel('E-postadress').fill(email);
      await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
      const button = page.getByRole('button', { name: 'Logga in' });
      if (keyboard) await button.press('Enter');
      else await button.click();
      await page.waitForURL(`${t.base}${landing}`);
      return { context, page };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export interface DemoInBrowser {
  database: Database;
  app: FastifyInstance;
  browser: Browser;
  base: string;
  accounts: DemoAccount[];
  /** A new context signed in as the demo's `role` from the home page, as a person does it; the page on the work page it lands on. */
  signIn(role: DemoAccount['role']): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The whole app with the Malmö demo loaded exactly as on a first start, served on a real port, and Chromium. */
export async function startDemoInBrowser(engine: Engine): Promise<DemoInBrowser> {
  const database = await testDatabase(engine);
  const accounts = (await loadDemoIfEmpty(database.db))!.accounts;
  const app = await createApp(database, loadConfig({}));
  const base = await listen(app);
  const browser = await launchBrowser();
  return {
    database,
    app,
    browser,
    base,
    accounts,
    async signIn(role) {
      const account = accounts.find((a) => a.role === role)!;
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: 'Logga in', exact: true }).click();
      await page.getByLabel('E-postadress').fill(account.email);
      await page.getByLabel('Lösenord').fill(account.password);
      await page.locator('main').getByRole('button', { name: 'Logga in' }).click();
      await page.waitForURL(`${base}/o/malmo/work`);
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

export interface A11yViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core at WCAG 2.0/2.1 levels A and AA. */
export async function a11yViolations(page: Page): Promise<A11yViolation[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
