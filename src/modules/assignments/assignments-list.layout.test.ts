// The staff assignment list in Chromium: at 1366 px every column shows in full (no table cut inside a
// narrow box, no header clipped to "Sta"); at 320 px the page never scrolls sideways, the table only
// within its own scroll box (WCAG 1.4.10).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipBrowser, startBrowserApp } from '../../test/browser';
import { buildBody, buildOrgWithCouncil } from '../../test/factories';
import { useFixture } from '../../test/harness';
import { organisationsModule } from '../organisations';
import { assignmentsModule } from './index';

interface HeaderBox {
  text: string;
  /** The cell's text is wider than the cell shows. */
  clipped: boolean;
  /** The cell reaches beyond the visible part of the table's scroll box. */
  outside: boolean;
}

/** Every header cell of the list's table, measured where the user sees it. */
const headerBoxes = (page: Page): Promise<HeaderBox[]> =>
  page.$$eval('main .table-wrap thead th', (cells) =>
    cells.map((th) => {
      const wrap = th.closest('.table-wrap')!.getBoundingClientRect();
      const box = th.getBoundingClientRect();
      return {
        text: (th.textContent ?? '').trim(),
        clipped: th.scrollWidth > th.clientWidth + 1,
        outside: box.left < wrap.left - 1 || box.right > wrap.right + 1 || box.right > document.documentElement.clientWidth + 1,
      };
    }),
  );

describe.skipIf(skipBrowser)('the staff assignment list in Chromium', () => {
  const h = useFixture(() => startBrowserApp({ modules: [assignmentsModule, organisationsModule] }));
  let email: string;

  beforeAll(async () => {
    const { org, council: kf } = await buildOrgWithCouncil(h.db, { slug: 'listkommun', name: 'Listkommun', year: 2018 });
    const ks = await buildBody(h.db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    const names = ['Servicenämnden', 'Stadsbyggnadsnämnden', 'Arbetsmarknads- och socialnämnden', 'Miljönämnden', 'Kulturnämnden'];
    const committees = [];
    for (const name of names) committees.push(await buildBody(h.db, { organisationId: org.id, name, kind: 'committee' }));
    const { user, client } = await h.signIn(org.id, 'strategist');
    email = user.email;
    // Long titles, several co-responsible bodies and every badge (late, not published) in the cells.
    for (let i = 1; i <= 6; i++) {
      const res = await client.api('POST', '/api/v1/assignments?organisation=listkommun', {
        reference: `KS 2017/04${i}6`,
        title: `Utreda förutsättningarna för ett samlat arbete med stadens långsiktiga hållbarhetsmål, del ${i}`,
        year: 2018,
        issuerBodyId: kf.id,
        leadBodyId: i % 2 ? ks.id : committees[0]!.id,
        coBodyIds: committees.slice(1).map((c) => c.id),
        sourceKind: 'commission',
        sourceTitle: 'Kommissionen för ett socialt hållbart Malmö',
        deadline: '2018-06-30',
      });
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json();
      await client.api('POST', `/api/v1/assignments/${a.id}/status?organisation=listkommun`, { status: 'progress_reported', comment: 'Lägesrapport', version: a.version });
    }
  });

  it('shows every column in full at 1366 px, in Swedish and English', async () => {
    const { context, page } = await h.signedInPage(email, '/o/listkommun/work');
    await page.setViewportSize({ width: 1366, height: 900 });
    for (const lang of ['sv', 'en']) {
      await page.goto(`${h.base}/o/listkommun/assignments?lang=${lang}`);
      const headers = await headerBoxes(page);
      expect(headers.map((x) => x.text)).toContain(lang === 'sv' ? 'Status' : 'Status');
      expect(headers.length).toBe(7);
      expect(headers.filter((x) => x.clipped || x.outside), lang).toEqual([]);
      // The table fits its box: nothing to scroll to at desktop width.
      const overflow = await page.$eval('main .table-wrap', (wrap) => wrap.scrollWidth - wrap.clientWidth);
      expect(overflow, lang).toBeLessThanOrEqual(1);
      // Every status badge shows its whole word.
      const badges = await page.$$eval('main tbody .badge', (els) => els.map((b) => ({ text: b.textContent, cut: b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > document.documentElement.clientWidth })));
      expect(badges.length).toBeGreaterThan(0);
      expect(badges.filter((b) => b.cut)).toEqual([]);
    }
    await context.close();
  });

  it('does not scroll sideways at 320 px; the table scrolls within its own box', async () => {
    const { context, page } = await h.signedInPage(email, '/o/listkommun/work');
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${h.base}/o/listkommun/assignments`);
    const page320 = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(page320.scroll).toBeLessThanOrEqual(page320.client);
    const wrap = await page.$eval('main .table-wrap', (w) => ({ overflow: getComputedStyle(w).overflowX, right: w.getBoundingClientRect().right }));
    expect(wrap.overflow).toBe('auto');
    expect(wrap.right).toBeLessThanOrEqual(320);
    await context.close();
  });
});
