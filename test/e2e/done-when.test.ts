/// <reference lib="dom" />
// Issue 2's "done when", as a person does it in a browser on the Malmö demo: sign in, see the 2018
// assignments and the Malmö Commission's counts, file a status report as Servicenämnden's reporter
// (with the keyboard alone), be refused for Tekniska nämnden, approve as strategist, read it publicly.
import { describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startDemoInBrowser } from '../../src/test/browser';
import { engines } from '../../src/test/db';
import { useFixture } from '../../src/test/harness';

describe.skipIf(skipBrowser).each(engines)('the core loop in a browser on %s', (engine) => {
  const demo = useFixture(() => startDemoInBrowser(engine));
  const comment = 'Servicenämnden har kartlagt sitt arbete med de globala målen (testrapport).';

  it('shows a signed-in user the 2018 assignments and the Malmö Commission status counts', async () => {
    const { context, page } = await demo.signIn('reader');
    await page.goto(`${demo.base}/o/malmo`);
    await expect(page.locator('main').textContent()).resolves.toContain('19 av 31 avslutade');
    await page.getByRole('link', { name: 'Uppdrag', exact: true }).click();
    await page.getByLabel('Budgetår').selectOption('2018');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Kommunstyrelsen ges i uppdrag att inrätta en digital stödfunktion');
    expect(text).toContain('Samtliga nämnder och bolag');
    await context.close();
  });

  it('lets the reporter file a report for Servicenämnden with the keyboard, refuses Tekniska nämnden, and the strategist approves it for the public', async () => {
    const reporter = await demo.signIn('reporter');
    const page = reporter.page;
    await page.goto(`${demo.base}/o/malmo/follow-up`);
    expect(await page.locator('h2').first().textContent()).toContain('Servicenämnden – Tertial 1 2018');
    const reportLink = page.locator('tr', { hasText: 'Uppdrag 2018:1' }).getByRole('link', { name: 'Rapportera' });
    await reportLink.focus();
    await Promise.all([page.waitForURL(/status-reports/), page.keyboard.press('Enter')]);
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByLabel('Läge').focus();
    await page.keyboard.press('End'); // a keyboard user picks from the list
    await page.getByLabel('Läge').selectOption('on_track');
    await page.getByLabel('Kommentar').focus();
    await page.keyboard.type(comment);
    await page.getByRole('button', { name: 'Spara utkast' }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.getByRole('button', { name: 'Skicka in' }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('main').textContent()).toContain('Inskickad');

    // The same reporter tries Tekniska nämnden: the page and a forged post are both refused.
    const tn = await demo.database.db.selectFrom('bodies').select('id').where('name', '=', 'Tekniska nämnden').executeTakeFirstOrThrow();
    const refused = await page.goto(`${demo.base}/o/malmo/follow-up?body=${tn.id}`);
    expect(refused?.status()).toBe(403);
    const before = await demo.database.db.selectFrom('status_reports').select('id').execute();
    const forged = await page.evaluate(
      async ({ body }) => {
        const token = (document.querySelector('input[name="_csrf"]') as HTMLInputElement | null)?.value ?? '';
        const assignment = '00000000-0000-0000-0000-000000000000';
        const r = await fetch('/o/malmo/follow-up/status-reports', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: token, bodyId: body, periodId: assignment, assignmentId: assignment, progress: 'on_track', comment: 'x' }).toString(),
        });
        return r.status;
      },
      { body: tn.id },
    );
    expect(forged).toBe(403);
    expect((await demo.database.db.selectFrom('status_reports').select('id').execute()).length).toBe(before.length);
    await reporter.context.close();

    // Not public before approval.
    const anon = await demo.browser.newContext();
    const publicPage = await anon.newPage();
    await publicPage.goto(`${demo.base}/o/malmo/follow-up/public`);
    expect(await publicPage.locator('main').textContent()).not.toContain(comment);

    const strategist = await demo.signIn('strategist');
    const sn = await demo.database.db.selectFrom('bodies').select('id').where('name', '=', 'Servicenämnden').executeTakeFirstOrThrow();
    await strategist.page.goto(`${demo.base}/o/malmo/follow-up?body=${sn.id}`);
    // Approval, too, with the keyboard alone.
    await strategist.page.locator('tr', { hasText: 'Uppdrag 2018:1' }).getByRole('link').last().focus();
    await Promise.all([strategist.page.waitForNavigation(), strategist.page.keyboard.press('Enter')]);
    await strategist.page.getByRole('button', { name: 'Godkänn' }).focus();
    await Promise.all([strategist.page.waitForNavigation(), strategist.page.keyboard.press('Enter')]);
    expect(await strategist.page.locator('main').textContent()).toContain('Godkänd');
    await strategist.context.close();

    await publicPage.goto(`${demo.base}/o/malmo/follow-up/public`);
    expect(await publicPage.locator('main').textContent()).toContain(comment);
    expect(await a11yViolations(publicPage)).toEqual([]);
    await anon.close();
  });
});
