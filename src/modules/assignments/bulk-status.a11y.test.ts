import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { buildApp } from '../../core/http/app';
import { JobRunner } from '../../core/jobs';
import { buildCatalogue } from '../../core/catalogue';
import { systemContext } from '../../core/context';
import { a11yViolations, launchBrowser, listen, skipBrowser } from '../../test/browser';
import { testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD } from '../../test/factories';
import { organisationsModule } from '../organisations';
import { assignmentsModule, changeAssignmentStatus, createAssignment } from './index';

// Ticking assignments and changing their status together, with the keyboard and without JavaScript,
// then following the job on its page: every page on the way checked by axe at WCAG 2.1 AA.
describe.skipIf(skipBrowser)('the bulk status change in a browser', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let email: string;

  beforeAll(async () => {
    database = await testDatabase('pglite');
    app = await buildApp({ config: loadConfig({}), database, modules: [assignmentsModule, organisationsModule] });
    const db = database.db;
    const org = await buildOrg(db, { slug: 'massa11y', name: 'Tillgänglighetskommun' });
    await buildYear(db, org.id, 2018);
    const kf = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const sn = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    email = (await buildUser(db, { organisationId: org.id, role: 'strategist' })).email;
    const ctx = systemContext(db, buildCatalogue([assignmentsModule, organisationsModule]), 'test');
    for (const [reference, title, cancel] of [
      ['U1', 'Rusta skolgårdarna', false],
      ['U2', 'Bygg ut cykelbanorna', false],
      ['U3', 'Utred en ny simhall', true],
    ] as const) {
      const a = await createAssignment(ctx, org.id, { reference, title, year: 2018, issuerBodyId: kf.id, leadBodyId: sn.id, sourceKind: 'budget' });
      if (!a.ok) throw new Error(JSON.stringify(a.fieldErrors));
      if (cancel) await changeAssignmentStatus(ctx, org.id, a.value.id, { status: 'cancelled', comment: 'Ersatt av ett annat uppdrag', version: a.value.version });
    }
    base = await listen(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('works with the keyboard and no JavaScript, shows errors at the form, and the job pages pass axe', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).press('Enter');
    await page.waitForURL(`${base}/o/massa11y`);

    await page.goto(`${base}/o/massa11y/assignments`);
    // Nothing ticked: the form comes back with the message, linked to the table.
    await page.getByLabel('Ny status').selectOption({ label: 'Pågående' });
    await page.getByRole('button', { name: 'Ändra status för valda uppdrag' }).press('Enter');
    expect(await page.locator('.error-summary').textContent()).toContain('Kryssa i minst ett uppdrag i tabellen.');
    expect(await page.getByLabel('Ny status').inputValue()).toBe('ongoing');

    for (const label of ['Välj U1 Rusta skolgårdarna', 'Välj U2 Bygg ut cykelbanorna', 'Välj U3 Utred en ny simhall']) {
      await page.getByLabel(label).focus();
      await page.keyboard.press('Space');
    }
    await page.getByLabel('Kommentar').fill('Arbetet har börjat');
    await page.getByRole('button', { name: 'Ändra status för valda uppdrag' }).press('Enter');
    await page.waitForURL(/\/o\/massa11y\/jobs\/[0-9a-f-]{36}$/);
    expect(await page.locator('.flash').textContent()).toBe('Statusändringen har startats och görs i bakgrunden.');
    expect(await page.locator('main').textContent()).toContain('Jobbet pågår.');
    const jobUrl = page.url();

    await new JobRunner(database.db, { catalogue: buildCatalogue([assignmentsModule]), engine: 'pglite' }).drain();
    await page.getByRole('link', { name: 'Uppdatera sidan' }).press('Enter');
    await page.waitForURL(jobUrl);
    expect(await page.locator('main').textContent()).toContain('2 av 3 uppdrag fick statusen ”Pågående”. 1 behöll sin status:');
    expect(await page.getByRole('table').textContent()).toContain('Kan inte gå från ”Avbrutet” till ”Pågående”.');
    await context.close();

    // axe runs as a script, so these pages are checked with JavaScript on.
    const checked = await browser.newContext();
    const p = await checked.newPage();
    await p.goto(`${base}/sign-in`);
    await p.getByLabel('E-postadress').fill(email);
    await p.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await p.getByRole('button', { name: 'Logga in' }).click();
    await p.waitForURL(`${base}/o/massa11y`);
    for (const path of [new URL(jobUrl).pathname, '/o/massa11y/jobs', `${new URL(jobUrl).pathname}?lang=en`]) {
      await p.goto(`${base}${path}`);
      expect(await a11yViolations(p), path).toEqual([]);
    }
    // The list with the bulk form showing an error.
    await p.goto(`${base}/o/massa11y/assignments`);
    await p.getByRole('button', { name: 'Ändra status för valda uppdrag' }).click();
    await p.locator('.error-summary').waitFor();
    expect(await a11yViolations(p)).toEqual([]);
    await checked.close();
  });
});
