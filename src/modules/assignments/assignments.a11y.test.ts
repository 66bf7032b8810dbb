import { beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildBody, buildOrgWithCouncil } from '../../test/factories';
import { useFixture } from '../../test/harness';
import { organisationsModule } from '../organisations';
import { assignmentsModule } from './index';

// The pages in a real browser, checked by axe at WCAG 2.1 AA, and used with the keyboard and no JavaScript.
describe.skipIf(skipBrowser)('assignment pages in a browser', () => {
  const h = useFixture(() => startBrowserApp({ modules: [assignmentsModule, organisationsModule] }));
  let email: string;
  let assignmentId: string;
  let bodyId: string;

  beforeAll(async () => {
    const { org, council: kf } = await buildOrgWithCouncil(h.db, { slug: 'a11ykommun', name: 'Tillgänglighetskommun', year: 2018 });
    const ks = await buildBody(h.db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    const sn = await buildBody(h.db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    bodyId = sn.id;
    const { user, client: c } = await h.signIn(org.id, 'strategist');
    email = user.email;
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
  });

  // axe runs as a script in the page, so only the no-JavaScript walk-through switches scripts off.
  const signedIn = (javaScriptEnabled = true) => h.signedInPage(email, '/o/a11ykommun/work', { javaScriptEnabled });

  it('has no WCAG 2.1 AA violations on the list, detail and form pages', async () => {
    const { context, page } = await signedIn();
    for (const path of ['/o/a11ykommun/assignments', '/o/a11ykommun/assignments?late=true', `/o/a11ykommun/assignments/${assignmentId}`, '/o/a11ykommun/assignments/new']) {
      await page.goto(`${h.base}${path}`);
      expect(await a11yViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('changes the status with the keyboard and no JavaScript, and shows errors next to the field', async () => {
    const { context, page } = await signedIn(false);
    await page.goto(`${h.base}/o/a11ykommun/assignments/${assignmentId}`);
    // Cancelling needs a reason: without one the form comes back with the message at the field.
    await page.getByLabel('Ny status').selectOption({ label: 'Avbrutet' });
    await page.getByRole('button', { name: 'Ändra status' }).press('Enter');
    expect(await page.locator('#f-comment-error').textContent()).toContain('Skriv en kommentar');
    expect(await page.getByLabel('Kommentar').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Ny status').selectOption({ label: 'Återrapporterat' });
    await page.getByLabel('Kommentar').fill('Behandlat i KS');
    await page.getByRole('button', { name: 'Ändra status' }).press('Enter');
    await page.waitForURL(`${h.base}/o/a11ykommun/assignments/${assignmentId}`);
    expect(await page.locator('.flash').textContent()).toBe('Statusen är ändrad.');
    expect(await page.locator('dl.facts').textContent()).toContain('Återrapporterat');
    await context.close();
  });

  it('leads on from a body page and from a page not found, which keeps the menu and the way back; both pass axe and reflow at 320 px', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${h.base}/o/a11ykommun/bodies/${bodyId}`);
    expect(await page.locator('#assignments-of-body').textContent()).toBe('Uppdrag som organet ansvarar för');
    expect(await a11yViolations(page)).toEqual([]);

    const missing = await page.goto(`${h.base}/o/a11ykommun/assignments/00000000-0000-4000-8000-000000000000`, { referer: `${h.base}/o/a11ykommun/bodies/${bodyId}` });
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppdrag' }).count()).toBe(1);
    expect(await a11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Tillbaka till sidan du kom från' }).click();
    await page.waitForURL(`${h.base}/o/a11ykommun/bodies/${bodyId}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows a form with errors that passes axe', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${h.base}/o/a11ykommun/assignments/new`);
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
