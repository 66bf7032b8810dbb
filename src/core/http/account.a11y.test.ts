import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { a11yViolations, launchBrowser, listen, skipBrowser } from '../../test/browser';
import { testDatabase } from '../../test/db';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories';
import { createApp } from '../../server';

// The account page, its errors and the sign-out that ends it, in a browser and with the keyboard alone.
describe.skipIf(skipBrowser)('the account page in a browser', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let email: string;

  beforeAll(async () => {
    database = await testDatabase('pglite');
    app = await createApp(database, loadConfig({}));
    base = await listen(app);
    browser = await launchBrowser();
    const org = await buildOrg(database.db, { slug: 'konto-kommun', name: 'Kontokommun' });
    email = (await buildUser(database.db, { organisationId: org.id, role: 'reader', name: 'Lena Läsare' })).email;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('passes axe in Swedish and English, with and without errors, and works from the keyboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${base}/o/konto-kommun`);
    await page.getByRole('link', { name: /^Lena Läsare/ }).click();
    await page.waitForURL(`${base}/account`);
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByLabel('Nuvarande lösenord').fill('fel');
    await page.locator('#f-newPassword').fill('kort');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').textContent()).toContain('Det nuvarande lösenordet stämmer inte.');
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`${base}/lang/en?back=/account`);
    expect(await page.locator('h1').textContent()).toBe('Your account');
    expect(await a11yViolations(page)).toEqual([]);

    // Keyboard only: tab to the button and press Enter.
    const button = page.getByRole('button', { name: 'Sign out everywhere' });
    for (let i = 0; i < 40 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('.flash').textContent()).toBe('You are signed out everywhere, in other browsers and devices too.');
    await context.close();
  });
});
