import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { buildApp } from '../../core/http/app';
import { a11yViolations, launchBrowser, listen, skipBrowser } from '../../test/browser';
import { TestClient } from '../../test/client';
import { testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD } from '../../test/factories';
import { organisationsModule } from '../organisations';
import { assignmentsModule } from './index';

// The pages in a real browser, checked by axe at WCAG 2.1 AA, and used with the keyboard and no JavaScript.
describe.skipIf(skipBrowser)('assignment pages in a browser', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let email: string;
  let assignmentId: string;

  beforeAll(async () => {
    database = await testDatabase('pglite');
    app = await buildApp({ config: loadConfig({}), database, modules: [assignmentsModule, organisationsModule] });
    const db = database.db;
    const org = await buildOrg(db, { slug: 'a11ykommun', name: 'Tillgänglighetskommun' });
    await buildYear(db, org.id, 2018);
    const kf = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const ks = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    const sn = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    email = (await buildUser(db, { organisationId: org.id, role: 'strategist' })).email;
    const c = new TestClient(app);
    await c.signIn(email, TEST_PASSWORD);
    const a = (
      await c.api('POST', '/api/v1/assignments?organisation=a11ykommun', {
        reference: 'U2018-1',
        title: 'Stärk Malmös roll som framtidens kuststad',
        year: 2018,
        issuerBodyId: kf.id,
        leadBodyId: ks.id,
        coBodyIds: [sn.id],
        sourceKind: 'budget',
        sourceTitle: 'Budget 2018',
        deadline: '2018-12-31',
      })
    ).json();
    assignmentId = a.id;
    await c.api('POST', `/api/v1/assignments/${a.id}/status?organisation=a11ykommun`, { status: 'ongoing', comment: 'Start', version: a.version });
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  // axe runs as a script in the page, so only the no-JavaScript walk-through switches scripts off.
  async function signedIn(javaScriptEnabled = true): Promise<BrowserContext> {
    const context = await browser.newContext({ javaScriptEnabled });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${base}/o/a11ykommun`);
    await page.close();
    return context;
  }

  it('has no WCAG 2.1 AA violations on the list, detail and form pages', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    for (const path of ['/o/a11ykommun/assignments', '/o/a11ykommun/assignments?late=true', `/o/a11ykommun/assignments/${assignmentId}`, '/o/a11ykommun/assignments/new']) {
      await page.goto(`${base}${path}`);
      expect(await a11yViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('changes the status with the keyboard and no JavaScript, and shows errors next to the field', async () => {
    const context = await signedIn(false);
    const page = await context.newPage();
    await page.goto(`${base}/o/a11ykommun/assignments/${assignmentId}`);
    // Cancelling needs a reason: without one the form comes back with the message at the field.
    await page.getByLabel('Ny status').selectOption({ label: 'Avbrutet' });
    await page.getByRole('button', { name: 'Ändra status' }).press('Enter');
    expect(await page.locator('#f-comment-error').textContent()).toContain('Skriv en kommentar');
    expect(await page.getByLabel('Kommentar').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Ny status').selectOption({ label: 'Återrapporterat' });
    await page.getByLabel('Kommentar').fill('Behandlat i KS');
    await page.getByRole('button', { name: 'Ändra status' }).press('Enter');
    await page.waitForURL(`${base}/o/a11ykommun/assignments/${assignmentId}`);
    expect(await page.locator('.flash').textContent()).toBe('Statusen är ändrad.');
    expect(await page.locator('dl.facts').textContent()).toContain('Återrapporterat');
    await context.close();
  });

  it('shows a form with errors that passes axe', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${base}/o/a11ykommun/assignments/new`);
    await page.getByLabel('Rubrik').fill('Uppdrag med fel');
    await page.getByLabel('Diarienummer').fill('fel');
    await page.getByLabel('Beslutsdatum').fill('2018-05-01');
    await page.getByLabel('Slutdatum').fill('2018-04-01');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Slutdatumet kan inte ligga före beslutsdatumet.');
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});
