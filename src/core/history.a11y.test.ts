// The change history in a real browser: axe at WCAG 2.1 AA, and at 320 CSS px the page reflows
// without sideways scrolling, however long the texts that changed (WCAG 1.4.10).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './context';
import { returnStatusReport, saveStatusReport, submitStatusReport } from '../modules/follow-up';
import { buildAssignment, buildPeriod } from '../modules/follow-up/follow-up.factories';
import { a11yViolations, skipBrowser, startBrowserApp } from '../test/browser';
import { actorCtx } from '../test/context';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD } from '../test/factories';
import { useFixture } from '../test/harness';

const SLUG = 'historia11y';

describe.skipIf(skipBrowser)('the change history in a browser', () => {
  const h = useFixture(() => startBrowserApp());
  let email: string;
  let path: string;

  beforeAll(async () => {
    const org = await buildOrg(h.db, { slug: SLUG, name: 'Historiekommun' });
    const council = await buildBody(h.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const committee = await buildBody(h.db, { organisationId: org.id, name: 'Stadsbyggnadsnämnden', kind: 'committee' });
    const period = await buildPeriod(h.db, { organisationId: org.id, year: 2018, name: 'Delår 2018' });
    const assignment = await buildAssignment(h.db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, reference: 'U2018-12', title: 'Ta fram en plan för klimatanpassning av kustzonen', leadBodyId: committee.id });
    const reporterRow = await buildUser(h.db, { organisationId: org.id, role: 'reporter', name: 'Rut Rapportör', bodyIds: [committee.id] });
    const strategistRow = await buildUser(h.db, { organisationId: org.id, role: 'strategist', name: 'Sten Strateg' });
    email = strategistRow.email;
    const actor = (u: typeof reporterRow, name: string, bodyIds: string[]): Actor => ({ kind: 'user', id: u.id, organisationId: org.id, role: u.role, name, email: u.email, bodyIds });
    const reporter = actorCtx(h.db, actor(reporterRow, 'Rut Rapportör', [committee.id]));
    const strategist = actorCtx(h.db, actor(strategistRow, 'Sten Strateg', []));
    // A long word without spaces in the comment: it must wrap, not widen the page.
    const long = 'Klimatanpassningsplaneringsunderlagsframtagningsarbetet';
    const saved = await saveStatusReport(reporter, org.id, { periodId: period.id, bodyId: committee.id, assignmentId: assignment.id, progress: 'on_track', comment: `Arbetet pågår enligt plan. ${long} är påbörjat.` });
    if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
    const id = saved.value.id;
    if (!(await submitStatusReport(reporter, org.id, id, { version: 1 })).ok) throw new Error('submit');
    if (!(await returnStatusReport(strategist, org.id, id, { version: 2, returnComment: 'Beskriv vad som återstår och när det blir klart.' })).ok) throw new Error('return');
    const resaved = await saveStatusReport(reporter, org.id, { periodId: period.id, bodyId: committee.id, assignmentId: assignment.id, progress: 'at_risk', comment: `Arbetet riskerar att försenas. ${long} återstår och blir klart i november.`, version: 3 });
    if (!resaved.ok) throw new Error(JSON.stringify(resaved.fieldErrors));
    path = `/o/${SLUG}/history/status_report/${id}`;
  });

  /** Signed in through the form, landing on the history page itself. */
  async function historyPage(width: number) {
    const context = await h.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${h.base}/sign-in?back=${encodeURIComponent(path)}`);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${h.base}${path}`);
    return { context, page };
  }

  it('has no WCAG 2.1 AA violations, and says insertions and deletions in words', async () => {
    const { context, page } = await historyPage(1366);
    expect(await a11yViolations(page)).toEqual([]);
    expect(await page.locator('.history-sentence').allInnerTexts()).toContainEqual(expect.stringContaining('Sten Strateg (strateg) returnerade lägesrapporten med kommentaren ”Beskriv vad som återstår och när det blir klart.”'));
    // What a screen reader reads of the difference: each change opened by its word.
    const spoken = (await page.locator('td.text-diff').first().textContent())!.replace(/\s+/g, ' ');
    expect(spoken).toContain('Arbetet [borttaget: pågår enligt plan] [tillagt: riskerar att försenas].');
    const del = page.locator('td.text-diff del').first();
    expect(await del.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    await context.close();
  });

  it('reflows at 320 CSS px without scrolling sideways, and passes axe there too', async () => {
    const { context, page } = await historyPage(320);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });
});
