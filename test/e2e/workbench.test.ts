/// <reference lib="dom" />
// Issue 7's "done when", as people do it in a browser on the Malmö demo: the reporter lands on what
// Servicenämnden still owes and files from there; the strategist lands on the report waiting for
// review and approves it from there; the assignment's page shows the approved report; a goal page
// shows its assessments and assignments; the report's history reads as sentences; closing 2018 asks
// first, and afterwards every write into 2018 is refused; the assignment list downloads as a workbook.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startDemoInBrowser } from '../../src/test/browser';
import { engines } from '../../src/test/db';
import { useFixture } from '../../src/test/harness';
import { readWorkbook } from '../../src/test/exports';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.skipIf(skipBrowser).each(engines)('the workbench in a browser on %s', (engine) => {
  const demo = useFixture(() => startDemoInBrowser(engine));
  const comment = 'Servicenämnden har kartlagt sitt arbete med de globala målen (testrapport från arbetssidan).';
  let reportId: string;

  const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  it('lands the reporter on what Servicenämnden owes, with the deadline, and files the report from there', async () => {
    const { context, page } = await demo.signIn('reporter');
    const owed = page.locator('.widgets > li', { has: page.getByRole('heading', { name: 'Att rapportera för Tertial 1 2018' }) });
    const text = (await owed.textContent()) ?? '';
    expect(text).toContain('Servicenämnden');
    expect(text).toMatch(/senast 2018-05-15, [\d\s]+ dagar försenad/);
    // Exactly what the body owes: its one assignment and the council's goal, neither started.
    const lines = owed.locator('.widget-rows > li');
    expect(await lines.count()).toBe(2);
    expect(await lines.nth(0).textContent()).toContain('Uppdrag 2018:1');
    expect(await lines.nth(1).textContent()).toContain('KF-mål 2018');
    expect(await owed.getByText('Ej påbörjad').count()).toBe(2);
    expect(await a11yViolations(page)).toEqual([]);

    await owed.getByRole('link', { name: /^Uppdrag 2018:1/ }).click();
    await page.getByLabel('Läge').selectOption('on_track');
    await page.getByLabel('Kommentar').fill(comment);
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByRole('button', { name: 'Skicka in' }).click();
    expect(await mainText(page)).toContain('Inskickad');
    reportId = /status-reports\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    await page.getByRole('link', { name: 'Mitt arbete' }).click();
    expect(await owed.locator('.widget-rows > li', { hasText: 'Uppdrag 2018:1' }).textContent()).toContain('Inskickad');
    expect(await owed.textContent()).toContain('1 av 2 återstår att skicka in.');
    await context.close();
  });

  it('lands the strategist on the report waiting for review, approves it from there, and the assignment page then shows it', async () => {
    const { context, page } = await demo.signIn('strategist');
    const waiting = page.locator('.widgets > li', { has: page.getByRole('heading', { name: 'Väntar på granskning' }) });
    const line = waiting.locator('.widget-rows > li', { hasText: 'Uppdrag 2018:1' });
    expect(await line.textContent()).toContain('Servicenämnden');
    await line.getByRole('link').first().click();
    await page.getByRole('button', { name: 'Godkänn' }).click();
    expect(await mainText(page)).toContain('Godkänd');
    await page.getByRole('link', { name: 'Mitt arbete' }).click();
    expect(await waiting.locator('.widget-rows > li', { hasText: 'Uppdrag 2018:1' }).count()).toBe(0);
    await context.close();

    // The public reads the approved report on the assignment's own page.
    const anon = await demo.browser.newContext();
    const pub = await anon.newPage();
    const assignment = await demo.database.db.selectFrom('assignments').select('id').where('reference', '=', 'Uppdrag 2018:1').executeTakeFirstOrThrow();
    await pub.goto(`${demo.base}/o/malmo/assignments/${assignment.id}`);
    const reports = await mainText(pub);
    expect(reports).toContain('Tertial 1 2018');
    expect(reports).toContain(comment);
    expect(await a11yViolations(pub)).toEqual([]);
    await anon.close();
  });

  it('shows a goal with its assessments by body and the assignments linked to it', async () => {
    const { context, page } = await demo.signIn('reader');
    // A goal that has both an approved assessment and a linked assignment in the demo.
    const goal = await demo.database.db
      .selectFrom('goals')
      .innerJoin('goal_assessments', 'goal_assessments.goal_id', 'goals.id')
      .innerJoin('bodies', 'bodies.id', 'goal_assessments.body_id')
      .innerJoin('assignment_goals', 'assignment_goals.goal_id', 'goals.id')
      .innerJoin('assignments', 'assignments.id', 'assignment_goals.assignment_id')
      .select(['goals.id', 'goals.title', 'bodies.name as body', 'assignments.reference'])
      .where('goal_assessments.state', '=', 'approved')
      .executeTakeFirstOrThrow();
    await page.goto(`${demo.base}/o/malmo/goals/${goal.id}`);
    const text = await mainText(page);
    expect(text).toContain(goal.title);
    const assessments = page.locator('section', { has: page.getByRole('heading', { name: /bedömning/i }) }).first();
    expect(await assessments.textContent()).toContain(goal.body);
    const linked = page.locator('section', { has: page.getByRole('heading', { name: /uppdrag/i }) }).first();
    expect(await linked.textContent()).toContain(goal.reference);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });

  it("tells the report's history as sentences with names and local times, and no ids", async () => {
    const { context, page } = await demo.signIn('strategist');
    await page.goto(`${demo.base}/o/malmo/history/status_report/${reportId}`);
    const text = await mainText(page);
    expect(text).not.toMatch(UUID);
    expect(text).toContain('Demo Rapportör');
    expect(text).toContain('Demo Strateg');
    // The moment it was approved, told in Stockholm's time.
    const row = await demo.database.db.selectFrom('status_reports').select('approved_at').where('id', '=', reportId).executeTakeFirstOrThrow();
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(row.approved_at!);
    expect(text).toContain(`kl. ${local}`);
    expect(await a11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('asks before closing 2018, and afterwards refuses every write into 2018', async () => {
    const { context, page } = await demo.signIn('admin');
    const year = await demo.database.db.selectFrom('years').select('id').where('year', '=', 2018).executeTakeFirstOrThrow();
    await page.goto(`${demo.base}/o/malmo/years/${year.id}`);
    await page.getByRole('button', { name: 'Avsluta året' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avsluta budgetår 2018?' }).waitFor();
    expect(await page.locator('.confirm').textContent()).toContain('kan inte längre skrivas eller ändras');
    expect((await demo.database.db.selectFrom('years').select('status').where('id', '=', year.id).executeTakeFirstOrThrow()).status).not.toBe('closed');
    await page.getByRole('button', { name: 'Ja, avsluta 2018' }).click();
    await page.waitForURL(`${demo.base}/o/malmo/years/${year.id}`);
    const periods = await demo.database.db.selectFrom('periods').select('status').where('year', '=', 2018).execute();
    expect(periods.map((p) => p.status)).toEqual(periods.map(() => 'closed'));
    await context.close();

    // The reporter's every way in is refused, and nothing changes.
    const reporter = await demo.signIn('reporter');
    const before = await demo.database.db.selectFrom('status_reports').select(['id', 'version', 'state']).orderBy('id').execute();
    const draft = await demo.database.db.selectFrom('status_reports').innerJoin('bodies', 'bodies.id', 'status_reports.body_id').select(['status_reports.id', 'status_reports.period_id', 'status_reports.assignment_id', 'status_reports.body_id']).where('bodies.name', '=', 'Servicenämnden').executeTakeFirstOrThrow();
    const answers = await reporter.page.evaluate(async (r) => {
      const token = (document.querySelector('input[name="_csrf"]') as HTMLInputElement | null)?.value ?? '';
      const form = await fetch('/o/malmo/follow-up/status-reports', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, bodyId: r.body_id, periodId: r.period_id, assignmentId: r.assignment_id, progress: 'delayed', comment: 'efter stängning', version: '1' }).toString(),
      });
      const api = await fetch('/api/v1/status-reports?organisation=malmo', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ bodyId: r.body_id, periodId: r.period_id, assignmentId: r.assignment_id, progress: 'delayed', comment: 'efter stängning' }),
      });
      return { form: form.status, formText: await form.text(), api: api.status, apiBody: await api.json() };
    }, draft);
    expect(answers.form).toBeGreaterThanOrEqual(400);
    expect(answers.form).toBeLessThan(500);
    expect(answers.formText).toContain('2018');
    expect(answers.api).toBeGreaterThanOrEqual(400);
    expect(answers.api).toBeLessThan(500);
    expect(JSON.stringify(answers.apiBody)).toContain('2018');
    expect(await demo.database.db.selectFrom('status_reports').select(['id', 'version', 'state']).orderBy('id').execute()).toEqual(before);
    await reporter.context.close();
  });

  it('downloads the assignment list as a real workbook with the headers in Swedish', async () => {
    const { context, page } = await demo.signIn('strategist');
    await page.goto(`${demo.base}/o/malmo/assignments?year=2018`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Excel/ }).first().click()]);
    const book = await readWorkbook(fs.readFileSync((await download.path())!));
    expect(book.header).toContain('Status');
    expect(book.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(book.rows.length).toBeGreaterThan(0);
    // Status names as the list shows them, not codes.
    const statuses = new Set(book.rows.map((r) => String(r[book.header.indexOf('Status')])));
    expect([...statuses].every((s) => /^[A-ZÅÄÖ][a-zåäö ]+$/.test(s)), [...statuses].join(', ')).toBe(true);
    await context.close();
  });
});
