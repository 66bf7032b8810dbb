/// <reference lib="dom" />
// Visits every page reachable inside the demo organisation — signed out and as each role, in Swedish
// and English — and requires that none fails and axe-core finds no WCAG 2.1 A/AA violation.
// A crawl rather than a list, so a page added later is checked without editing this test.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import type { Database } from '../../src/core/db/database';
import { loadDemoIfEmpty, type DemoAccount } from '../../src/demo';
import { createApp } from '../../src/server';
import { a11yViolations, launchBrowser, listen, skipBrowser, type A11yViolation } from '../../src/test/browser';
import { testDatabase } from '../../src/test/db';

const MAX_PAGES = Number(process.env.A11Y_MAX_PAGES ?? 45);
/** Axe runs at a common laptop width; each page is also checked to reflow at 320 CSS px. */
const WIDE = { width: 1366, height: 900 };
const NARROW = { width: 320, height: 900 };

// Links that change state or are not pages: exports, sign-out, the language switch (visited per locale instead).
const skip = (path: string) => /\.(csv|xlsx)(\?|$)|\/sign-out|\/lang\/|\/api\/|\/static\//.test(path);

/** One representative per route shape: /assignments/<id> is checked once, not 35 times. */
const shape = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/([?&](offset|q)=)[^&]*/g, '$1*');

/** A crawl takes a while (axe on every page); generous, since CI may be busy. */
const CRAWL_TIMEOUT = 600_000;

export function crawlSuite(locale: 'sv' | 'en'): void {
describe.skipIf(skipBrowser)(`accessibility of every page in ${locale} (axe, WCAG 2.1 AA)`, () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let accounts: DemoAccount[];

  beforeAll(async () => {
    database = await testDatabase('pglite');
    accounts = (await loadDemoIfEmpty(database.db))!.accounts;
    app = await createApp(database, loadConfig({}));
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function crawl(context: BrowserContext, start: string[]): Promise<{ visited: string[]; problems: string[] }> {
    const page = await context.newPage();
    const seen = new Set<string>();
    const queue = [...start];
    const visited: string[] = [];
    const problems: string[] = [];
    while (queue.length && visited.length < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(shape(path))) continue;
      seen.add(shape(path));
      const res = await page.goto(base + path);
      visited.push(path);
      const status = res?.status() ?? 0;
      // 4xx pages are legitimate answers (e.g. a form a role may not open) and must be accessible too; 5xx never.
      if (status >= 500) problems.push(`${path}: HTTP ${status}`);
      const violations: A11yViolation[] = await a11yViolations(page);
      for (const v of violations) problems.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.slice(0, 3).join(', ')}`);
      // WCAG 1.3.1: a data table's header row has exactly as many columns as each of its rows, so each
      // header stands over its own column (axe does not count them).
      const misshapen = await page.$$eval('table', (tables) =>
        tables.flatMap((table) => {
          const width = (row: HTMLTableRowElement) => Array.from(row.cells).reduce((n, c) => n + c.colSpan, 0);
          const head = table.tHead?.rows[table.tHead.rows.length - 1];
          if (!head) return [];
          const cols = width(head);
          return Array.from(table.tBodies).flatMap((b) => Array.from(b.rows)).filter((r) => width(r) !== cols).slice(0, 1).map((r) => `${table.caption?.textContent?.trim() ?? 'table'}: ${cols} headers, a row of ${width(r)} cells`);
        }),
      );
      for (const m of misshapen) problems.push(`${path}: ${m}`);
      // WCAG 1.4.10 Reflow: at 320 CSS px the page scrolls in one direction only.
      await page.setViewportSize(NARROW);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${path}: ${overflow} px wider than a 320 px screen (WCAG 1.4.10 reflow)`);
      await page.setViewportSize(WIDE);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      for (const href of links) {
        if (!href.startsWith('/') || href.startsWith('//') || skip(href)) continue;
        if (!href.startsWith('/o/malmo') && href !== '/' && !href.startsWith('/sign-in')) continue;
        if (!seen.has(shape(href))) queue.push(href);
      }
    }
    await page.close();
    return { visited, problems };
  }

  async function signedIn(email: string, password: string, locale: 'sv' | 'en'): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: WIDE });
    const page = await context.newPage();
    await page.goto(`${base}/lang/${locale}?back=/sign-in`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', password);
    await Promise.all([page.waitForURL(/\/o\/malmo/), page.click('main button[type=submit]')]);
    await page.close();
    return context;
  }

  {
    it(`anonymous visitor, ${locale}`, async () => {
      const context = await browser.newContext({ viewport: WIDE });
      const page = await context.newPage();
      await page.goto(`${base}/lang/${locale}?back=/`);
      await page.close();
      const { visited, problems } = await crawl(context, ['/', '/o/malmo', '/o/malmo/downloads', '/sign-in', '/o/finns-inte']);
      await context.close();
      expect(visited.length).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    }, CRAWL_TIMEOUT);

    for (const role of ['strategist', 'reporter', 'admin'] as const) {
      it(`${role}, ${locale}`, async () => {
        const account = accounts.find((a) => a.role === role)!;
        const context = await signedIn(account.email, account.password, locale);
        const { visited, problems } = await crawl(context, ['/o/malmo', '/o/malmo/work', '/o/malmo/downloads']);
        await context.close();
        expect(visited.length).toBeGreaterThan(8);
        expect(problems).toEqual([]);
      }, CRAWL_TIMEOUT);
    }
  }
});
}
