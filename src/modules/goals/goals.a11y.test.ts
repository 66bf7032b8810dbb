import { beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildOrgWithCouncil, buildUser } from '../../test/factories';
import { useFixture } from '../../test/harness';

// The goal form is the largest form in the product (every Agenda 2030 target); axe checks it and the pages around it.
// The pages send no scripts, so filling them in here is what a browser without JavaScript does too.
describe.skipIf(skipBrowser)('goal and direction pages in a browser', () => {
  const h = useFixture(() => startBrowserApp());
  let email: string;
  let council: { id: string };

  beforeAll(async () => {
    const built = await buildOrgWithCouncil(h.db, { slug: 'a11y-kommun', name: 'Tillgänglighetskommun', year: 2018 });
    const org = built.org;
    council = built.council;
    await h.db.insertInto('focus_areas').values({ organisation_id: org.id, name: 'Trygghet', archived_at: null }).execute();
    email = (await buildUser(h.db, { organisationId: org.id, role: 'strategist' })).email;
  });

  it('fills in a goal and a direction and passes axe on every page', async () => {
    const base = h.base;
    const { context, page } = await h.signedInPage(email, '/o/a11y-kommun/work', { timeout: 5000 });

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

  it('searches from the header field at 320 px with the keyboard, and the search page passes axe and reflows', async () => {
    const org = (await h.db.selectFrom('organisations').select('id').where('slug', '=', 'a11y-kommun').executeTakeFirstOrThrow()).id;
    for (const { reference, title } of [
      { reference: 'MK 10', title: 'Cykelvägar till varje skola' },
      { reference: 'MK 2', title: 'Cykelvägar längs kusten' },
    ]) {
      await h.db
        .insertInto('goals')
        .values({ organisation_id: org, body_id: council.id, parent_id: null, reference, title, description: 'Fler och säkrare cykelvägar.', year_from: 2018, year_to: null, published_at: new Date(), archived_at: null })
        .execute();
    }
    const context = await h.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${h.base}/o/a11y-kommun/goals`);
    // The field is the first stop after the skip link and the brand, and Enter searches.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const field = page.getByRole('search', { name: 'Sök i Tillgänglighetskommun' }).getByRole('searchbox', { name: 'Sök i Tillgänglighetskommun' });
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await field.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    await page.keyboard.type('cykelvägar');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${h.base}/o/a11y-kommun/search?q=cykelv%C3%A4gar`);
    expect(await page.locator('h2#hits-title').textContent()).toBe('2 träffar för ”cykelvägar”');
    expect(await page.locator('ol.hits > li > a').allTextContents()).toEqual(['MK 2: Cykelvägar längs kusten', 'MK 10: Cykelvägar till varje skola']);
    expect(await page.locator('ol.hits mark').first().textContent()).toBe('Cykelvägar');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});
