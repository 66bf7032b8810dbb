// The work page in Chromium: a reporter lands on it after signing in, reaches a report form from it
// with the keyboard alone; the reporter's and the strategist's pages and the lists behind the counts
// pass axe (WCAG 2.1 AA) in both languages and reflow at 320 CSS px.
import { beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildBody, buildOrgWithCouncil, buildUser } from '../../test/factories';
import { useFixture } from '../../test/harness';
import { todayInSweden } from './dashboard.queries';
import { buildAssignment, buildGoal, buildPeriod } from './follow-up.factories';

const day = (n: number): string => {
  const d = new Date(`${todayInSweden()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe.skipIf(skipBrowser)('the work page in a browser', () => {
  const h = useFixture(() => startBrowserApp());
  let reporter: string;
  let strategist: string;

  beforeAll(async () => {
    const db = h.db;
    const start = day(-20);
    const year = Number(start.slice(0, 4));
    const { org, council } = await buildOrgWithCouncil(db, { slug: 'arbetskommun', name: 'Arbetskommun', year });
    const service = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const period = await buildPeriod(db, { organisationId: org.id, year, name: 'Tertial med ett mycket långt namn som måste radbrytas på en smal skärm', startsOn: start, endsOn: day(10) });
    await db.updateTable('periods').set({ report_due: day(3) }).where('id', '=', period.id).execute();
    const returned = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: council.id, title: 'Minska matsvinnet i alla kommunens verksamheter och redovisa resultatet', leadBodyId: service.id });
    await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: council.id, title: 'Inrätta en digital stödfunktion', leadBodyId: service.id });
    await db
      .insertInto('status_reports')
      .values({ organisation_id: org.id, period_id: period.id, body_id: service.id, assignment_id: returned.id, progress: 'at_risk', comment: 'Utkast', state: 'draft', return_comment: 'Komplettera med siffror för varje förvaltning, tack.', submitted_at: null, submitted_by: null, approved_at: null, approved_by: null, archived_at: null })
      .execute();
    const submittedFor = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: council.id, title: 'Upphandla fordon', leadBodyId: service.id });
    await db
      .insertInto('status_reports')
      .values({ organisation_id: org.id, period_id: period.id, body_id: service.id, assignment_id: submittedFor.id, progress: 'on_track', comment: '', state: 'submitted', return_comment: '', submitted_at: new Date(), submitted_by: null, approved_at: null, approved_by: null, archived_at: null })
      .execute();
    await buildGoal(db, { organisationId: org.id, bodyId: council.id, yearFrom: year, reference: 'KF-mål 1', title: 'Malmöborna ska kunna känna sig stolta över sin unga, globala och moderna stad' });
    reporter = (await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [service.id] })).email;
    strategist = (await buildUser(db, { organisationId: org.id, role: 'strategist' })).email;
  });

  it('lands the reporter on their work page and takes them to a form with the keyboard, without JavaScript', async () => {
    const { context, page } = await h.signedInPage(reporter, '/o/arbetskommun/work', { javaScriptEnabled: false, keyboard: true });
    const box = page.locator('.widget-wide', { hasText: 'Att rapportera för' });
    expect(await box.textContent()).toContain('3 dagar kvar');
    expect(await box.textContent()).toContain('Kommentar vid retur: Komplettera med siffror för varje förvaltning, tack.');
    const link = page.getByRole('link', { name: 'Inrätta en digital stödfunktion' });
    await link.focus();
    await Promise.all([page.waitForURL(/\/follow-up\/status-reports\/new\?/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toContain('Inrätta en digital stödfunktion');
    await context.close();
  });

  it('passes axe and reflows at 320 px for the reporter and the strategist, in both languages', async () => {
    for (const email of [reporter, strategist]) {
      const { context, page } = await h.signedInPage(email, '/o/arbetskommun/work');
      const paths = ['/o/arbetskommun/work', '/o/arbetskommun/work?lang=en', ...(email === strategist ? ['/o/arbetskommun/follow-up/reports?state=submitted', `/o/arbetskommun/follow-up/goals?year=${Number(day(-20).slice(0, 4))}`] : [])];
      for (const path of paths) {
        await page.setViewportSize({ width: 1366, height: 900 });
        await page.goto(`${h.base}${path}`);
        expect(await a11yViolations(page), path).toEqual([]);
        await page.setViewportSize({ width: 320, height: 900 });
        await page.goto(`${h.base}${path}`);
        // What this page puts in the main area (the site header is checked by the accessibility crawl);
        // a table may scroll inside its own box.
        const wide = await page.evaluate(() =>
          Array.from(document.querySelectorAll('main *'))
            .filter((e) => !e.parentElement?.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
        );
        expect(wide, `${path} at 320 px`).toEqual([]);
      }
      await page.goto(`${h.base}/lang/sv?back=/`);
      await context.close();
    }
  });
});
