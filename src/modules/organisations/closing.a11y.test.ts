// Closing a budget year in a browser, with the keyboard and without JavaScript: the confirmation page
// is read before its button, cancels back, and confirms; the confirmation and reopen pages pass axe.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildBody, buildOrg, buildUser } from '../../test/factories';
import { useFixture } from '../../test/harness';
import { buildPeriod } from '../follow-up/follow-up.factories';
import { organisationsModule } from './index';

const SLUG = 'stangkommun';

describe.skipIf(skipBrowser)('closing a year in a browser', () => {
  const h = useFixture(() => startBrowserApp({ modules: [organisationsModule] }));
  let strategist: string;
  let admin: string;
  const ids = {} as { y2018: string; y2019: string; body: string };

  beforeAll(async () => {
    const db = h.db;
    const org = await buildOrg(db, { slug: SLUG, name: 'Stängkommun' });
    for (const year of [2018, 2019]) {
      await buildPeriod(db, { organisationId: org.id, year, name: `Tertial 1 ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-04-30` });
      await buildPeriod(db, { organisationId: org.id, year, name: `Tertial 2 ${year}`, startsOn: `${year}-05-01`, endsOn: `${year}-08-31` });
    }
    await db.updateTable('years').set({ status: 'active' }).where('organisation_id', '=', org.id).execute();
    const years = await db.selectFrom('years').select(['id', 'year']).where('organisation_id', '=', org.id).execute();
    ids.y2018 = years.find((y) => y.year === 2018)!.id;
    ids.y2019 = years.find((y) => y.year === 2019)!.id;
    ids.body = (await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' })).id;
    strategist = (await buildUser(db, { organisationId: org.id, role: 'strategist' })).email;
    admin = (await buildUser(db, { organisationId: org.id, role: 'admin' })).email;
  });

  /** Tabs from the top of the page to the control named `name`, and says how many steps it took. */
  async function tabTo(page: Page, name: string): Promise<number> {
    await page.locator('body').focus();
    for (let steps = 1; steps <= 80; steps++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return steps;
    }
    throw new Error(`${name} cannot be reached with Tab`);
  }

  it('asks before closing, cancels back, and closes once confirmed, by keyboard alone', async () => {
    const base = h.base;
    const { context, page } = await h.signedInPage(strategist, `/o/${SLUG}/work`, { javaScriptEnabled: false, keyboard: true });
    await page.goto(`${base}/o/${SLUG}/years/${ids.y2018}`);
    await page.getByRole('button', { name: 'Avsluta året' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Avsluta budgetår 2018?' }).waitFor();
    const said = await page.locator('.confirm').textContent();
    expect(said).toContain('Dess 2 öppna perioder stängs: Tertial 1 2018 och Tertial 2 2018.');
    expect(said).toContain('Rapporter och bedömningar för 2018 kan inte längre skrivas eller ändras.');
    // The button comes after what it does, and the way back right after the button.
    const toButton = await tabTo(page, 'Ja, avsluta 2018');
    expect(toButton).toBeGreaterThan(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/o/${SLUG}/years/${ids.y2018}`);
    expect(await page.locator('.facts').textContent()).toContain('Pågående');

    await page.getByRole('button', { name: 'Avsluta året' }).press('Enter');
    await page.getByRole('button', { name: 'Ja, avsluta 2018' }).press('Enter');
    await page.waitForURL(`${base}/o/${SLUG}/years/${ids.y2018}`);
    expect(await page.locator('.facts').textContent()).toContain('Avslutat');
    expect(await page.getByRole('table').textContent()).not.toContain('Öppen');
    await context.close();
  });

  it('passes axe on the confirmation pages in both languages and on the reopen form with an error', async () => {
    const base = h.base;
    const { context, page } = await h.signedInPage(strategist, `/o/${SLUG}/work`);
    for (const lang of ['sv', 'en']) {
      await page.goto(`${base}/lang/${lang}?back=${encodeURIComponent(`/o/${SLUG}/years/${ids.y2019}`)}`);
      await page.waitForURL(`${base}/o/${SLUG}/years/${ids.y2019}`);
      await page.locator(`form[action$="/years/${ids.y2019}/status"] button`).click();
      await page.locator('.confirm').waitFor();
      expect(await page.locator('h1').textContent()).toBe(lang === 'sv' ? 'Avsluta budgetår 2019?' : 'Close budget year 2019?');
      expect(await a11yViolations(page), `year confirmation (${lang})`).toEqual([]);
      // WCAG 1.4.10: the confirmation reflows at 320 CSS px without scrolling sideways.
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `year confirmation at 320 px (${lang})`).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${base}/o/${SLUG}/bodies/${ids.body}`);
      await page.locator(`form[action$="/bodies/${ids.body}/archive"] button`).click();
      await page.locator('.confirm').waitFor();
      expect(await a11yViolations(page), `archive confirmation (${lang})`).toEqual([]);
    }
    await page.goto(`${base}/lang/sv?back=/`);
    await context.close();

    const { context: adminContext, page: p } = await h.signedInPage(admin, `/o/${SLUG}/work`);
    await p.goto(`${base}/o/${SLUG}/years/${ids.y2018}`);
    await p.getByRole('button', { name: 'Öppna 2018 igen' }).click();
    await p.locator('#f-reason-error').waitFor();
    expect(await a11yViolations(p), 'reopen form with an error').toEqual([]);
    await p.getByLabel('Skäl').fill('Årsredovisningen rättades efter revisionen.');
    await p.getByRole('button', { name: 'Öppna 2018 igen' }).click();
    await p.locator('.flash').waitFor();
    expect(await p.locator('.facts').textContent()).toContain('Pågående');
    await adminContext.close();
  });
});
