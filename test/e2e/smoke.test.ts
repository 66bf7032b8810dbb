/// <reference lib="dom" />
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import type { Database } from '../../src/core/db/database';
import { createApp } from '../../src/server';
import { a11yViolations, launchBrowser, listen, skipBrowser } from '../../src/test/browser';
import { testDatabase } from '../../src/test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD } from '../../src/test/factories';

describe.skipIf(skipBrowser)('browser smoke', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let strategistEmail: string;

  beforeAll(async () => {
    database = await testDatabase('pglite');
    app = await createApp(database, loadConfig({}));
    base = await listen(app);
    browser = await launchBrowser();
    const org = await buildOrg(database.db, { slug: 'testkommun', name: 'Testkommun' });
    await buildBody(database.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    strategistEmail = (await buildUser(database.db, { organisationId: org.id, role: 'strategist' })).email;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('signs in with the keyboard alone and lands on the organisation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await a11yViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await expect(page.locator('.skip-link')).toBeFocusedOrSkip();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-postadress').focus();
    await page.keyboard.type(strategistEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/o/testkommun/work`);
    await page.goto(`${base}/o/testkommun/bodies/new`);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});

// playwright-core has no expect; a tiny matcher keeps the test readable.
declare module 'vitest' {
  interface Assertion {
    toBeFocusedOrSkip(): Promise<void>;
  }
}
expect.extend({
  async toBeFocusedOrSkip(locator: import('playwright-core').Locator) {
    const focused = await locator.evaluate((el) => el === document.activeElement);
    return { pass: focused, message: () => 'expected the element to have keyboard focus' };
  },
});
