import { beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../core/jobs';
import { buildCatalogue } from '../../core/catalogue';
import { systemContext } from '../../core/context';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildBody, buildOrgWithCouncil, buildUser } from '../../test/factories';
import { useFixture } from '../../test/harness';
import { organisationsModule } from '../organisations';
import { assignmentsModule, changeAssignmentStatus, createAssignment } from './index';

// Ticking assignments and changing their status together, with the keyboard and without JavaScript,
// then following the job on its page: every page on the way checked by axe at WCAG 2.1 AA.
describe.skipIf(skipBrowser)('the bulk status change in a browser', () => {
  const h = useFixture(() => startBrowserApp({ modules: [assignmentsModule, organisationsModule] }));
  let email: string;

  beforeAll(async () => {
    const db = h.db;
    const { org, council: kf } = await buildOrgWithCouncil(db, { slug: 'massa11y', name: 'Tillgänglighetskommun', year: 2018 });
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
  });

  it('works with the keyboard and no JavaScript, shows errors at the form, and the job pages pass axe', async () => {
    const base = h.base;
    const { context, page } = await h.signedInPage(email, '/o/massa11y/work', { javaScriptEnabled: false, keyboard: true });

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
    // First the confirmation, read in order before its button: what changes and what does not.
    await page.getByRole('heading', { level: 1, name: 'Ändra status för 3 uppdrag?' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('2 uppdrag får statusen ”Pågående”.');
    expect(await page.getByRole('table').textContent()).toContain('Behåller ”Avbrutet”. Kan inte gå från ”Avbrutet” till ”Pågående”.');
    await page.getByRole('button', { name: 'Ja, ändra status för 2 uppdrag' }).press('Enter');
    await page.waitForURL(/\/o\/massa11y\/jobs\/[0-9a-f-]{36}$/);
    expect(await page.locator('.flash').textContent()).toBe('Statusändringen har startats och görs i bakgrunden.');
    expect(await page.locator('main').textContent()).toContain('Jobbet pågår.');
    const jobUrl = page.url();

    await new JobRunner(h.db, { catalogue: buildCatalogue([assignmentsModule]), engine: 'pglite' }).drain();
    await page.getByRole('link', { name: 'Uppdatera sidan' }).press('Enter');
    await page.waitForURL(jobUrl);
    expect(await page.locator('main').textContent()).toContain('2 av 3 uppdrag fick statusen ”Pågående”. 1 behöll sin status:');
    expect(await page.getByRole('table').textContent()).toContain('Kan inte gå från ”Avbrutet” till ”Pågående”.');
    await context.close();

    // axe runs as a script, so these pages are checked with JavaScript on.
    const { context: checked, page: p } = await h.signedInPage(email, '/o/massa11y/work');
    for (const path of [new URL(jobUrl).pathname, '/o/massa11y/jobs', `${new URL(jobUrl).pathname}?lang=en`]) {
      await p.goto(`${base}${path}`);
      expect(await a11yViolations(p), path).toEqual([]);
    }
    // The confirmation page, in both languages.
    for (const lang of ['sv', 'en']) {
      await p.goto(`${base}/o/massa11y/assignments?lang=${lang}`);
      await p.locator('input[name="assignments"]').first().check();
      await p.locator('#f-newStatus').selectOption('closed');
      await p.locator('form[action$="/bulk-status"] button[type="submit"]').click();
      await p.locator('.confirm').waitFor();
      expect(await a11yViolations(p), `bulk confirmation (${lang})`).toEqual([]);
    }
    // The list with the bulk form showing an error.
    await p.goto(`${base}/o/massa11y/assignments?lang=sv`);
    await p.getByRole('button', { name: 'Ändra status för valda uppdrag' }).click();
    await p.locator('.error-summary').waitFor();
    expect(await a11yViolations(p)).toEqual([]);
    await checked.close();
  });
});
