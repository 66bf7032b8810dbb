// In Chromium: a list page and the downloads page offer "Ladda ner: Excel · CSV", pass axe and reflow
// at 320 px, and the Excel link downloads a real workbook with the list's rows.
import fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssignment, buildGoal } from '../modules/follow-up/follow-up.factories';
import { a11yViolations, skipBrowser, startBrowserApp } from '../test/browser';
import { readWorkbook } from '../test/exports';
import { buildOrgWithCouncil } from '../test/factories';
import { useFixture } from '../test/harness';

const SLUG = 'nedladdningskommun';

/** The text a sighted reader sees: without the visually hidden words that name the list for screen readers. */
const visibleText = (locator: Locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

describe.skipIf(skipBrowser)('downloads in a browser', () => {
  const h = useFixture(() => startBrowserApp());

  beforeAll(async () => {
    const { org, council } = await buildOrgWithCouncil(h.db, { slug: SLUG, name: 'Nedladdningskommun', year: 2018 });
    await buildAssignment(h.db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, reference: 'KF 1', title: 'Bygga fler cykelbanor', deadline: '2018-12-31' });
    await buildAssignment(h.db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, reference: 'KF 2', title: '=Räkna om budgeten' });
    await buildGoal(h.db, { organisationId: org.id, bodyId: council.id, yearFrom: 2018, title: 'Trygg stad' });
  });

  it('downloads the assignment list as a workbook from its page, which passes axe and reflows at 320 px', async () => {
    const context = await h.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${h.base}/o/${SLUG}/assignments?year=2018`);
      expect(await visibleText(page.locator('.downloads').first())).toBe('Ladda ner: Excel · CSV');
      expect(await a11yViolations(page)).toEqual([]);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel – Uppdrag' }).click()]);
      expect(download.suggestedFilename()).toBe(`${SLUG}-assignments.xlsx`);
      const book = await readWorkbook(fs.readFileSync((await download.path())!));
      const titles = book.rows.map((r) => r[book.header.indexOf('Rubrik')]);
      expect(titles.sort()).toEqual(['=Räkna om budgeten', 'Bygga fler cykelbanor']);
      expect(book.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

      await page.setViewportSize({ width: 320, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it('lists Excel and CSV of each list on the downloads page, which passes axe and reflows at 320 px', async () => {
    const context = await h.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${h.base}/o/${SLUG}/downloads`);
      expect(await a11yViolations(page)).toEqual([]);
      expect(await visibleText(page.getByRole('row', { name: /^Mål Excel/ }).locator('td'))).toBe('Excel · CSV');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel – Mål', exact: true }).click()]);
      const book = await readWorkbook(fs.readFileSync((await download.path())!));
      expect(book.sheet.name).toBe('Mål');
      expect(book.rows.map((r) => r[book.header.indexOf('Mål')])).toEqual(['Trygg stad']);

      await page.setViewportSize({ width: 320, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await a11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
