import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { verifyAuditChain } from '../core/audit';
import { loadConfig } from '../core/config';
import type { Database } from '../core/db/database';
import type { Db } from '../core/db/schema';
import { createApp } from '../server';
import { TestClient } from '../test/client';
import { asDatabaseOwner, engines, testDatabase } from '../test/db';
import { loadDemoIfEmpty, type DemoAccount } from './index';
import * as malmo from './malmo';

const TABLES = [
  'organisations',
  'bodies',
  'years',
  'periods',
  'focus_areas',
  'goals',
  'directions',
  'assignments',
  'assignment_bodies',
  'assignment_status_changes',
  'status_reports',
  'goal_assessments',
  'users',
  'user_bodies',
  'audit_events',
] as const;

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = r.rows[0]!.n;
  }
  return counts;
}

describe.each(engines)('the Malmö demo on %s', (engine) => {
  let database: Database;
  let db: Db;
  let app: FastifyInstance;
  let accounts: DemoAccount[];

  beforeAll(async () => {
    database = await testDatabase(engine);
    db = database.db;
    const loaded = await loadDemoIfEmpty(db);
    if (!loaded) throw new Error('the demo did not load into an empty database');
    accounts = loaded.accounts;
    app = await createApp(database, loadConfig({}));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('loads only into an empty database: a second call answers undefined and changes nothing', async () => {
    const before = await rowCounts(db);
    expect(await loadDemoIfEmpty(db)).toBeUndefined();
    expect(await rowCounts(db)).toEqual(before);
    expect(before.organisations).toBe(1);
  });

  it('creates Malmö stad as a demo organisation with municipality code 1280', async () => {
    const org = await db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
    expect(org).toMatchObject({ slug: 'malmo', name: 'Malmö stad', municipality_code: '1280', is_demo: true });
    expect(org.description).toContain('Demodata');
  });

  it('builds the body tree the seeds name', async () => {
    const bodies = await db.selectFrom('bodies').select(['id', 'name', 'short_name', 'kind', 'parent_id']).execute();
    expect(bodies).toHaveLength(13);
    const byName = new Map(bodies.map((b) => [b.name, b]));
    const parentOf = (name: string) => bodies.find((b) => b.id === byName.get(name)?.parent_id)?.name;
    expect(byName.get('Kommunfullmäktige')).toMatchObject({ kind: 'council', short_name: 'KF', parent_id: null });
    expect(byName.get('Kommunstyrelsen')).toMatchObject({ kind: 'board', short_name: 'KS' });
    expect(parentOf('Kommunstyrelsen')).toBe('Kommunfullmäktige');
    expect(parentOf('Stadskontoret')).toBe('Kommunstyrelsen');
    expect(parentOf('Kansliet för hållbar utveckling')).toBe('Stadskontoret');
    expect(byName.get('Kansliet för hållbar utveckling')?.kind).toBe('office');
    for (const name of ['Servicenämnden', 'Tekniska nämnden', 'Stadsbyggnadsnämnden']) expect(byName.get(name)?.kind).toBe('committee');
    expect(byName.get('Malmö stadshus AB')?.kind).toBe('company');
    const external = bodies.filter((b) => b.kind === 'external').map((b) => b.name).sort();
    expect(external).toEqual(['Malmö universitet', 'Polisen', 'Region Skåne', 'The Greater Copenhagen & Skåne Committee', 'World Maritime University']);
  });

  it('sets up 2016–2018 with the follow-up periods of 2018 and the eight focus areas in order', async () => {
    const years = await db.selectFrom('years').select(['year', 'status']).orderBy('year').execute();
    expect(years).toEqual([
      { year: 2016, status: 'closed' },
      { year: 2017, status: 'closed' },
      { year: 2018, status: 'active' },
    ]);
    const periods = await db.selectFrom('periods').select(['name', 'kind', 'starts_on', 'ends_on', 'status']).where('year', '=', 2018).orderBy('ends_on').execute();
    expect(periods).toEqual([
      { name: 'Tertial 1 2018', kind: 'tertial', starts_on: '2018-01-01', ends_on: '2018-04-30', status: 'open' },
      { name: 'Delår 2018', kind: 'interim', starts_on: '2018-01-01', ends_on: '2018-08-31', status: 'open' },
      { name: 'Helår 2018', kind: 'annual', starts_on: '2018-01-01', ends_on: '2018-12-31', status: 'open' },
    ]);
    const areas = await db.selectFrom('focus_areas').select('name').orderBy('sort_order').execute();
    expect(areas.map((a) => a.name)).toEqual([
      'En välfungerande arbetsmarknad och ökad sysselsättning',
      'En trygg stad',
      'Migration och social sammanhållning',
      'Säkerställ likvärdig utbildning, vård och omsorg',
      'Förbättrad transportinfrastruktur',
      'Ökat bostadsbyggande och god livsmiljö',
      'Miljö och klimat',
      'Demokrati',
    ]);
  });

  it('publishes the council goal and the direction of 2018 under Kommunfullmäktige', async () => {
    const goal = await db.selectFrom('goals').innerJoin('bodies', 'bodies.id', 'goals.body_id').select(['goals.title', 'goals.published_at', 'bodies.name']).executeTakeFirstOrThrow();
    expect(goal.title).toMatch(/^Malmöborna ska kunna känna sig stolta över sin unga, globala och moderna stad/);
    expect(goal.name).toBe('Kommunfullmäktige');
    expect(goal.published_at).not.toBeNull();
    const direction = await db.selectFrom('directions').select(['year', 'body', 'published_at']).executeTakeFirstOrThrow();
    expect(direction.year).toBe(2018);
    expect(direction.body.split('\n\n')).toHaveLength(4);
    expect(direction.body).toContain('Samarbetet stärks med World Maritime Universitys initiativ Ocean Institute.');
    expect(direction.published_at).not.toBeNull();
  });

  it('dates 2018 material in 2018 and the commission in 2016, never on the day the demo was loaded, and says the dates are examples', async () => {
    const year = (d: Date | string | null) => (d === null ? null : new Date(d).getFullYear());
    const goal = await db.selectFrom('goals').select('published_at').executeTakeFirstOrThrow();
    const direction = await db.selectFrom('directions').select('published_at').executeTakeFirstOrThrow();
    expect([year(goal.published_at), year(direction.published_at)]).toEqual([2018, 2018]);
    const assignments = await db.selectFrom('assignments').select(['id', 'source_kind', 'published_at']).execute();
    for (const a of assignments) expect(year(a.published_at)).toBe(a.source_kind === 'commission' ? 2016 : 2018);
    const changes = await db.selectFrom('assignment_status_changes').select(['changed_at', 'comment']).execute();
    expect(changes.filter((c) => year(c.changed_at)! > 2018)).toEqual([]);
    expect(changes.every((c) => /Källan anger inte när/.test(c.comment))).toBe(true);
    for (const table of ['status_reports', 'goal_assessments'] as const) {
      const rows = await db.selectFrom(table).select(['submitted_at', 'approved_at', 'state']).execute();
      for (const r of rows) {
        expect(year(r.submitted_at)).toBe(2018);
        expect(year(r.approved_at)).toBe(r.state === 'approved' ? 2018 : null);
      }
    }
    // The pages show those dates: the goal "Publicerad 2 jan. 2018", not the year of loading.
    const goalId = (await db.selectFrom('goals').select('id').executeTakeFirstOrThrow()).id;
    const page = await app.inject({ url: `/o/malmo/goals/${goalId}` });
    expect(page.body).toMatch(/Publicerad 2 jan\.? 2018/);
    expect(page.body).not.toContain(`Publicerad ${new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', timeZone: 'Europe/Stockholm' }).format(new Date())} ${new Date().getFullYear()}`);
    const org = await db.selectFrom('organisations').select('description').executeTakeFirstOrThrow();
    expect(org.description).toContain('exempeldatum, inte Malmö stads verkliga beslutsdatum');
  });

  it('gives the four assignments of 2018 to their real assignees', async () => {
    const rows = await db
      .selectFrom('assignments')
      .leftJoin('assignment_bodies', (j) => j.onRef('assignment_bodies.assignment_id', '=', 'assignments.id').on('assignment_bodies.role', '=', 'lead'))
      .leftJoin('bodies', 'bodies.id', 'assignment_bodies.body_id')
      .innerJoin('bodies as issuer', 'issuer.id', 'assignments.issuer_body_id')
      .select(['assignments.title', 'assignments.target', 'assignments.target_note', 'assignments.status', 'assignments.source_title', 'assignments.published_at', 'bodies.name as lead', 'issuer.name as issuer'])
      .where('assignments.source_kind', '=', 'budget')
      .where('assignments.year', '=', 2018)
      .orderBy('assignments.reference')
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.title)).toEqual(malmo.assignments2018.map((a) => a.title));
    expect(rows.map((r) => [r.target, r.lead, r.target_note])).toEqual([
      ['all_committees_and_companies', null, ''],
      ['bodies', 'Kansliet för hållbar utveckling', ''],
      ['bodies', 'Kommunstyrelsen', ''],
      ['bodies', 'Kommunstyrelsen', 'tillsammans med berörda nämnder'],
    ]);
    for (const r of rows) expect(r).toMatchObject({ issuer: 'Kommunfullmäktige', status: 'ongoing', source_title: 'Budget 2018', published_at: expect.any(Date) });
  });

  it('reproduces the Malmö Commission follow-up: 31 assignments, 19 closed, 8 progress reported, 4 ongoing', async () => {
    const rows = await db.selectFrom('assignments').select(['id', 'title', 'body', 'status', 'year', 'source_title', 'published_at']).where('source_kind', '=', 'commission').execute();
    expect(rows).toHaveLength(31);
    const counts = Object.fromEntries(['closed', 'progress_reported', 'ongoing'].map((s) => [s, rows.filter((r) => r.status === s).length]));
    expect(counts).toEqual({ closed: 19, progress_reported: 8, ongoing: 4 });
    for (const r of rows) {
      expect(r.title).toContain('(exempeltitel)');
      expect(r.body).toContain('platshållare');
      expect(r).toMatchObject({ year: 2016, source_title: 'Kommissionen för ett socialt hållbart Malmö', published_at: expect.any(Date) });
    }
  });

  it('shows the public the commission’s counts and the four assignments of 2018 on the dashboard API', async () => {
    const source = (res: { json(): unknown }, name: string) =>
      (res.json() as { sources: { source: string; total: number; statuses: Record<string, number> }[] }).sources.find((s) => s.source === name);
    const y2016 = await app.inject({ url: '/api/v1/dashboard?organisation=malmo&year=2016' });
    expect(y2016.statusCode).toBe(200);
    expect(source(y2016, 'commission')).toMatchObject({ total: 31, statuses: { closed: 19, progress_reported: 8, ongoing: 4 } });
    const y2018 = await app.inject({ url: '/api/v1/dashboard?organisation=malmo&year=2018' });
    expect(source(y2018, 'budget')).toMatchObject({ total: 4, statuses: { ongoing: 4 } });
  });

  it('publishes Atom feeds of assignments and approved status reports, listed in OpenAPI', async () => {
    const assignments = await app.inject({ url: '/api/v1/feeds/assignments.atom?organisation=malmo' });
    expect(assignments.statusCode).toBe(200);
    expect(assignments.headers['content-type']).toContain('application/atom+xml');
    expect(assignments.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(assignments.body).toContain('Kommunstyrelsen ges i uppdrag att inrätta en digital stödfunktion');
    const reports = await app.inject({ url: '/api/v1/feeds/status-reports.atom?organisation=malmo' });
    expect(reports.statusCode).toBe(200);
    // The approved example report is in the feed; the submitted one is not public yet.
    expect(reports.body).toContain('Kommunstyrelsen: Uppdrag 2018:3');
    expect(reports.body).not.toContain('Kansliet för hållbar utveckling: Uppdrag 2018:2');
    expect((await app.inject({ url: '/api/v1/feeds/assignments.atom?organisation=malmo&limit=0' })).statusCode).toBe(400);
    const paths = Object.keys((await app.inject({ url: '/api/v1/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/feeds/assignments.atom', '/api/v1/feeds/status-reports.atom']));
  });

  it('keeps the commission follow-up in view on the 2018 overview, since 12 of its assignments are still open', async () => {
    const y2018 = (await app.inject({ url: '/api/v1/dashboard?organisation=malmo&year=2018' })).json() as { collections: { title: string; total: number; closed: number; years: string }[] };
    expect(y2018.collections).toContainEqual(expect.objectContaining({ title: 'Kommissionen för ett socialt hållbart Malmö', total: 31, closed: 19, years: '2016' }));
    expect(y2018.collections).toContainEqual(expect.objectContaining({ title: 'Budget 2018', total: 4, closed: 0 }));
    const page = await app.inject({ url: '/o/malmo', headers: { accept: 'text/html' } });
    expect(page.body).toContain('19 av 31 avslutade');
    expect(page.body).toMatch(/Lägesrapporterat: 8/);
  });

  it('records each assignment’s status history, ending in its current status; the commission’s dated in 2016', async () => {
    const assignments = await db.selectFrom('assignments').select(['id', 'status', 'source_kind']).execute();
    const changes = await db.selectFrom('assignment_status_changes').selectAll().orderBy('changed_at').execute();
    for (const a of assignments) {
      const mine = changes.filter((c) => c.assignment_id === a.id);
      expect(mine[0]).toMatchObject({ from_status: null, to_status: 'new', changed_by: null, changed_by_label: 'Demodata' });
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.from_status).toBe(mine[i - 1]!.to_status);
      expect(mine.at(-1)!.to_status).toBe(a.status);
      if (a.source_kind === 'commission') for (const c of mine) expect(new Date(c.changed_at).getUTCFullYear()).toBe(2016);
    }
  });

  it('adds a few follow-up examples to Tertial 1 2018, each saying it is an example', async () => {
    const reports = await db
      .selectFrom('status_reports')
      .innerJoin('bodies', 'bodies.id', 'status_reports.body_id')
      .innerJoin('periods', 'periods.id', 'status_reports.period_id')
      .innerJoin('assignments', 'assignments.id', 'status_reports.assignment_id')
      .select(['bodies.name as body', 'periods.name as period', 'status_reports.state', 'status_reports.comment', 'assignments.reference'])
      .orderBy('assignments.reference')
      .execute();
    expect(reports.map((r) => [r.reference, r.body, r.state, r.period])).toEqual([
      ['Uppdrag 2018:2', 'Kansliet för hållbar utveckling', 'submitted', 'Tertial 1 2018'],
      ['Uppdrag 2018:3', 'Kommunstyrelsen', 'approved', 'Tertial 1 2018'],
    ]);
    const assessments = await db.selectFrom('goal_assessments').select(['assessment', 'state', 'comment']).execute();
    expect(assessments).toEqual([{ assessment: 'partly_met', state: 'approved', comment: expect.stringMatching(/^Exempel: /) }]);
    for (const r of reports) expect(r.comment).toMatch(/^Exempel: /);
  });

  it('writes an audit entry for every record it creates, in an intact chain', async () => {
    const entries = await db.selectFrom('audit_events').select(['entity_type', 'actor_label', 'action']).execute();
    const count = (type: string) => entries.filter((e) => e.entity_type === type).length;
    expect(count('organisation')).toBe(1);
    expect(count('body')).toBe(13);
    expect(count('assignment')).toBe(35);
    expect(count('user')).toBe(4);
    expect(count('status_report') + count('goal_assessment')).toBe(3);
    expect(new Set(entries.map((e) => `${e.actor_label}/${e.action}`))).toEqual(new Set(['Demodata/create']));
    expect((await verifyAuditChain(db)).every((r) => r.ok)).toBe(true);
  });

  it('returns one account per role, each able to sign in, the reporter attached to Servicenämnden only', async () => {
    expect(accounts.map((a) => [a.email, a.role])).toEqual([
      ['admin@malmo.example', 'admin'],
      ['strateg@malmo.example', 'strategist'],
      ['rapportor@malmo.example', 'reporter'],
      ['lasare@malmo.example', 'reader'],
    ]);
    expect(accounts.find((a) => a.role === 'reporter')?.bodies).toEqual(['Servicenämnden']);
    for (const a of accounts) {
      const c = new TestClient(app);
      const res = await c.signIn(a.email, a.password);
      expect(res.headers.location).toBe('/o/malmo/work');
    }
    const wrong = await new TestClient(app).post('/sign-in', { email: 'admin@malmo.example', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    const reporterBodies = await db
      .selectFrom('user_bodies')
      .innerJoin('users', 'users.id', 'user_bodies.user_id')
      .innerJoin('bodies', 'bodies.id', 'user_bodies.body_id')
      .select(['users.email', 'bodies.name'])
      .execute();
    expect(reporterBodies).toEqual([{ email: 'rapportor@malmo.example', name: 'Servicenämnden' }]);
  });

  it('lets the demo reporter report on the all-committees assignment for Servicenämnden, and not for Tekniska nämnden', async () => {
    const id = async (table: 'bodies' | 'periods', name: string) => (await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const assignment = await db.selectFrom('assignments').select('id').where('reference', '=', 'Uppdrag 2018:1').executeTakeFirstOrThrow();
    const period = await id('periods', 'Tertial 1 2018');
    const reporter = accounts.find((a) => a.role === 'reporter')!;
    const c = new TestClient(app);
    await c.signIn(reporter.email, reporter.password);
    const form = (bodyId: string) => ({ periodId: period, bodyId, assignmentId: assignment.id, progress: 'on_track', comment: 'Servicenämnden arbetar med de globala målen.' });
    const own = await c.post('/o/malmo/follow-up/status-reports', form(await id('bodies', 'Servicenämnden')));
    expect(own.statusCode).toBe(303);
    const other = await c.post('/o/malmo/follow-up/status-reports', form(await id('bodies', 'Tekniska nämnden')));
    expect(other.statusCode).toBe(403);
    const written = await db
      .selectFrom('status_reports')
      .innerJoin('bodies', 'bodies.id', 'status_reports.body_id')
      .select(['bodies.name', 'status_reports.state'])
      .where('assignment_id', '=', assignment.id)
      .execute();
    expect(written).toEqual([{ name: 'Servicenämnden', state: 'draft' }]);
  });

  it('generates new passwords at every load', async () => {
    const other = await testDatabase(engine);
    try {
      const again = await loadDemoIfEmpty(other.db);
      const passwords = new Set([...accounts, ...again!.accounts].map((a) => a.password));
      expect(passwords.size).toBe(8);
      for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    } finally {
      await other.close();
    }
  });

  it('leaves nothing behind when the load fails half-way', async () => {
    const empty = await testDatabase(engine);
    try {
      // A failure at the very last insert, after every other row was written inside the transaction.
      await asDatabaseOwner(empty, async (trx) => {
        await sql
          .raw(
            `create function refuse_demo_reader() returns trigger language plpgsql as $$
             begin if new.email = 'lasare@malmo.example' then raise exception 'refused by test'; end if; return new; end $$`,
          )
          .execute(trx);
        await sql.raw(`create trigger refuse_demo_reader before insert on users for each row execute function refuse_demo_reader()`).execute(trx);
      });
      await expect(loadDemoIfEmpty(empty.db)).rejects.toThrow(/refused by test/);
      expect(Object.values(await rowCounts(empty.db)).every((n) => n === 0)).toBe(true);
    } finally {
      await empty.close();
    }
  });
});
