import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { a11yViolations, launchBrowser, listen, skipBrowser } from '../../test/browser';
import { testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD } from '../../test/factories';
import { createApp } from '../../server';

// The goal form is the largest form in the product (every Agenda 2030 target); axe checks it and the pages around it.
// The pages send no scripts, so filling them in here is what a browser without JavaScript does too.
describe.skipIf(skipBrowser)('goal and direction pages in a browser', () => {
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
    const org = await buildOrg(database.db, { slug: 'a11y-kommun', name: 'Tillgänglighetskommun' });
    await buildBody(database.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    await buildYear(database.db, org.id, 2018);
    await database.db.insertInto('focus_areas').values({ organisation_id: org.id, name: 'Trygghet', archived_at: null }).execute();
    email = (await buildUser(database.db, { organisationId: org.id, role: 'strategist' })).email;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('fills in a goal and a direction and passes axe on every page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${base}/o/a11y-kommun`);

    await page.goto(`${base}/o/a11y-kommun/goals/new`);
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByLabel('Antaget av').selectOption({ label: 'Kommunfullmäktige' });
    await page.getByLabel('Beteckning').fill('KF-mål 1');
    await page.getByRole('textbox', { name: 'Mål', exact: true }).fill('Malmö ska vara en stad i framkant');
    await page.getByLabel('Gäller från år').fill('2018');
    await page.getByLabel('Trygghet').check();
    await page.locator('summary', { hasText: 'Mål 11:' }).click();
    await page.getByLabel('11.1 Senast 2030').check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\/goals\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').textContent()).toBe('Malmö ska vara en stad i framkant');
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`${base}/o/a11y-kommun/goals`);
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`${base}/o/a11y-kommun/directions/new`);
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Organ', exact: true }).selectOption({ label: 'Kommunfullmäktige' });
    await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2018');
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Malmö ska visa mod.\n\nOch nyfikenhet.');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\/directions\/[0-9a-f-]{36}$/);
    expect(await page.locator('main p', { hasText: 'Och nyfikenhet.' }).count()).toBe(1);
    expect(await a11yViolations(page)).toEqual([]);
    await page.goto(`${base}/o/a11y-kommun/directions`);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});
