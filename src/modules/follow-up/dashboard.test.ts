import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories';
import { buildAssignment, buildFocusArea, buildGoal, buildPeriod } from './follow-up.factories';
import { column, expectSameTable } from '../../test/exports';

const SLUG = 'oversiktskommun';

describe.each(engines)('the overview on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let committeeA: { id: string };
  let strategist: { email: string };
  let focusArea: { id: string };
  let board: { id: string };
  let periodId: string;

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    const db = database.db;
    const org = await buildOrg(db, { slug: SLUG, name: 'Översiktskommun' });
    const council = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    board = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    committeeA = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const committeeB = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    focusArea = await buildFocusArea(db, { organisationId: org.id, name: 'Trygghet' });
    const period = await buildPeriod(db, { organisationId: org.id, year: 2016, name: 'Helår 2016', kind: 'annual', startsOn: '2016-01-01', endsOn: '2016-12-31' });
    periodId = period.id;

    // The Malmö Commission follow-up as the 2016 annual report tells it: 19 closed, 8 progress reported, 4 ongoing.
    const commission = [...Array<string>(19).fill('closed'), ...Array<string>(8).fill('progress_reported'), ...Array<string>(4).fill('ongoing')] as ('closed' | 'progress_reported' | 'ongoing')[];
    for (const [i, status] of commission.entries()) {
      await buildAssignment(db, {
        organisationId: org.id,
        year: 2016,
        issuerBodyId: board.id,
        title: `Utredningsuppdrag ${i + 1} (exempel)`,
        status,
        sourceKind: 'commission',
        // Only the ongoing ones are past their deadline; progress reports carry none here.
        deadline: status === 'ongoing' ? '2016-06-30' : null,
        leadBodyId: i % 2 ? committeeA.id : board.id,
        ...(i === 0 ? { focusAreaIds: [focusArea.id] } : {}),
      });
    }
    await buildAssignment(db, { organisationId: org.id, year: 2016, issuerBodyId: council.id, title: 'Opublicerat budgetuppdrag', status: 'new', deadline: '2016-03-01', leadBodyId: committeeA.id, published: false });

    const goals = await Promise.all([1, 2, 3].map((n) => buildGoal(db, { organisationId: org.id, bodyId: council.id, yearFrom: 2016, reference: `KF-mål ${n}`, title: `Kommunfullmäktiges mål ${n}` })));
    await buildGoal(db, { organisationId: org.id, bodyId: committeeA.id, yearFrom: 2015, yearTo: 2016, title: 'Nämndens eget mål', published: false });
    const assess = (goalId: string, bodyId: string, assessment: 'met' | 'not_met' | 'partly_met', state: 'draft' | 'submitted' | 'approved') =>
      db.insertInto('goal_assessments').values({ organisation_id: org.id, period_id: period.id, body_id: bodyId, goal_id: goalId, assessment, state, submitted_at: null, submitted_by: null, approved_at: null, approved_by: null, archived_at: null }).execute();
    await assess(goals[0]!.id, committeeA.id, 'met', 'approved');
    await assess(goals[1]!.id, committeeB.id, 'not_met', 'submitted');
    await assess(goals[2]!.id, committeeB.id, 'partly_met', 'draft');
    strategist = await buildUser(db, { organisationId: org.id, role: 'strategist' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows anonymous visitors the year by status, source and lateness over published data, each count linked to the list', async () => {
    const page = await new TestClient(app).get(`/o/${SLUG}?year=2016`);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    expect(page.body).toContain('<caption>Uppdrag 2016 per status</caption>');
    expect(page.body).toContain(`href="/o/${SLUG}/assignments?year=2016&amp;status=closed" aria-label="19 uppdrag med status Avslutat">19</a>`);
    expect(page.body).toContain('aria-label="8 uppdrag med status Lägesrapporterat">8</a>');
    expect(page.body).toContain('aria-label="4 uppdrag med status Pågående">4</a>');
    expect(page.body).toContain('aria-label="0 uppdrag med status Nytt">0</a>');
    expect(page.body).toContain('<th scope="row">Kommissionens förslag</th>');
    expect(page.body).toContain('Försenade uppdrag (4)');
    expect(page.body).not.toContain('Opublicerat budgetuppdrag');
    expect(page.body).toContain('Du ser publicerade uppgifter.');
    expect(page.body).toContain('Uppföljning Helår 2016');
    // The follow-up table leads on for the public too: each body to its page, what it has to report
    // to that page's follow-up per period, the approved reports to the public follow-up.
    const progress = /<caption>Rapporter per organ[\s\S]*?<\/table>/.exec(page.body)![0];
    const rows = [...progress.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!);
      expect(cells[0]).toMatch(new RegExp(`^<a href="/o/${SLUG}/bodies/[0-9a-f-]{36}">`));
      for (const count of cells.slice(1)) expect(count).toMatch(/^<a href="[^"]+">\d+<span class="visually-hidden">/);
    }
    // The year opens by default when none is chosen.
    expect((await new TestClient(app).get(`/o/${SLUG}`)).body).toContain('Uppdrag 2016');
  });

  it('gives the same numbers in the API, with unpublished assignments and submitted assessments for members only', async () => {
    const anon = (await app.inject({ url: `/api/v1/dashboard?organisation=${SLUG}&year=2016` })).json();
    expect(anon).toMatchObject({
      year: 2016,
      total: 31,
      statuses: { closed: 19, progress_reported: 8, ongoing: 4, new: 0, reported: 0 },
      sources: [{ source: 'commission', total: 31, statuses: { closed: 19, progress_reported: 8, ongoing: 4 } }],
      late: 4,
      goals: { met: 1, partly_met: 0, not_met: 0, not_assessed: 0, none: 2 },
      followUp: { periodName: 'Helår 2016' },
    });
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const staff = (await c.api('GET', `/api/v1/dashboard?organisation=${SLUG}&year=2016`)).json();
    expect(staff).toMatchObject({ total: 32, statuses: { new: 1, closed: 19 }, late: 5, goals: { met: 1, not_met: 1, none: 2 } });
    expect(staff.sources.map((s: { source: string }) => s.source)).toEqual(['budget', 'commission']);
    const page = await c.get(`/o/${SLUG}?year=2016`);
    expect(page.body).toContain('Opublicerat budgetuppdrag');
    expect(page.body).toContain('Försenade uppdrag (5)');
  });

  it('filters by body and focus area', async () => {
    const byBody = (await app.inject({ url: `/api/v1/dashboard?organisation=${SLUG}&year=2016&body=${committeeA.id}` })).json();
    // Every other commission assignment is led by committee A: 15 of the 31.
    expect(byBody.total).toBe(15);
    expect(byBody.statuses.closed + byBody.statuses.progress_reported + byBody.statuses.ongoing).toBe(15);
    const byFocus = (await app.inject({ url: `/api/v1/dashboard?organisation=${SLUG}&year=2016&focusArea=${focusArea.id}` })).json();
    expect(byFocus).toMatchObject({ total: 1, statuses: { closed: 1 } });
    const page = await new TestClient(app).get(`/o/${SLUG}?year=2016&body=${committeeA.id}`);
    expect(page.body).toContain(`/o/${SLUG}/assignments?year=2016&amp;status=closed&amp;body=${committeeA.id}`);
  });

  it('has the executive board assess the council goals, as committees and companies do', async () => {
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const page = await c.get(`/o/${SLUG}/follow-up?period=${periodId}&body=${board.id}`);
    expect(page.statusCode).toBe(200);
    for (const n of [1, 2, 3]) expect(page.body).toContain(`Kommunfullmäktiges mål ${n}`);
    const byBoard = (await c.api('GET', `/api/v1/dashboard?organisation=${SLUG}&year=2016&body=${board.id}`)).json();
    expect(byBoard.goals).toMatchObject({ none: 3 });
  });

  it('makes every count on the overview and the follow-up table a link to the list that shows that many', async () => {
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const rowsOf = (html: string): number => (html.match(/<tr><th scope="row">/g) ?? []).length;
    const countLinks = (html: string) =>
      [...html.matchAll(/<td class="num"><a href="([^"]+)"[^>]*>(\d+)/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), n: Number(m[2]) }));
    for (const url of [`/o/${SLUG}?year=2016`, `/o/${SLUG}/follow-up?period=${periodId}`]) {
      const page = await c.get(url);
      // No bare number in a table cell: each is a link.
      const cells = page.body.match(/<td class="num">(?!<a )/g) ?? [];
      expect(cells, url).toEqual([]);
      const behind = countLinks(page.body).filter((l) => l.href.includes('/follow-up'));
      expect(behind.length, url).toBeGreaterThan(4);
      for (const link of behind) {
        const list = await c.get(link.href);
        expect(list.statusCode, link.href).toBe(200);
        // The body's lines count assignments and goals in two tables; every other list is one table.
        expect(rowsOf(list.body), link.href).toBe(link.n);
      }
    }
    const overview = await c.get(`/o/${SLUG}?year=2016`);
    expect(overview.body).toContain(`/o/${SLUG}/follow-up/goals?year=2016&amp;assessment=met`);
    expect(overview.body).toContain(`/o/${SLUG}/follow-up/reports?period=${periodId}&amp;body=${committeeA.id}&amp;state=approved`);
    expect(overview.body).toMatch(new RegExp(`<a class="n" href="/o/${SLUG}/assignments\\?year=2016&amp;source=commission&amp;status=closed">19 av 31 avslutade</a>`));
    // Anonymous visitors follow the goal counts to published goals only.
    const goals = await new TestClient(app).get(`/o/${SLUG}/follow-up/goals?year=2016&assessment=none`);
    expect(goals.statusCode).toBe(200);
    expect(rowsOf(goals.body)).toBe(2);
    expect(goals.body).not.toContain('Nämndens eget mål');
  });

  it('downloads the lists behind the counts as Excel and CSV, with the same rows as the page', async () => {
    const goals = await expectSameTable(new TestClient(app), `/o/${SLUG}/follow-up/goals`, '?year=2016&assessment=none');
    expect(goals.rows).toHaveLength(2);
    expect(column(goals, 'Bedömning')).toEqual(['Ingen bedömning ännu', 'Ingen bedömning ännu']);
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const reports = await expectSameTable(c, `/o/${SLUG}/follow-up/reports`, `?period=${periodId}&state=submitted`);
    expect(reports.rows).toHaveLength(1);
    expect(column(reports, 'Organ')).toEqual(['Tekniska nämnden']);
    // The reports are for members only.
    expect((await new TestClient(app).get(`/o/${SLUG}/follow-up/reports.xlsx`)).statusCode).toBe(303);
  });

  it('exports the status counts as CSV', async () => {
    const csv = await new TestClient(app).get(`/o/${SLUG}/dashboard.csv?year=2016`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Budgetår,Status,Statuskod,Antal uppdrag,Budget,Beslut,Kommissionens förslag,Annat');
    expect(lines).toContain('2016,Avslutat,closed,19,0,0,19,0');
    expect(lines).toContain('2016,Lägesrapporterat,progress_reported,8,0,0,8,0');
    expect(lines).toContain('2016,Pågående,ongoing,4,0,0,4,0');
  });
});
