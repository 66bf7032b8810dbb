import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import type { Db } from '../../core/db/schema';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { createApp } from '../../server';
import { assessesCouncilGoals, COUNCIL_GOAL_ASSESSOR_KINDS } from './index';

const SLUG = 'malmo-mal';

/** Focus areas belong to the organisations module; the tests only need rows to point at. */
async function buildFocusArea(db: Db, organisationId: string, name: string) {
  return db.insertInto('focus_areas').values({ organisation_id: organisationId, name, archived_at: null }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

const idFrom = (location: string | undefined) => String(location).split('/').pop()!;
const count = async (db: Db, table: 'goals' | 'directions' | 'audit_events' | 'goal_sdg_links') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe.each(engines)('goals and directions on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let kf: { id: string };
  let sn: { id: string };
  let office: { id: string };
  let safety: { id: string };
  let climate: { id: string };
  let strategist: { email: string };
  let reader: { email: string };
  let reporter: { email: string };
  let staff: TestClient;

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    org = await buildOrg(database.db, { slug: SLUG, name: 'Målkommun' });
    kf = await buildBody(database.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    sn = await buildBody(database.db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee', parentId: kf.id });
    office = await buildBody(database.db, { organisationId: org.id, name: 'Hållbarhetskansliet', kind: 'office' });
    await buildYear(database.db, org.id, 2018);
    await buildYear(database.db, org.id, 2019);
    safety = await buildFocusArea(database.db, org.id, 'Trygghet');
    climate = await buildFocusArea(database.db, org.id, 'Klimat');
    strategist = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
    reader = await buildUser(database.db, { organisationId: org.id, role: 'reader' });
    reporter = await buildUser(database.db, { organisationId: org.id, role: 'reporter', bodyIds: [sn.id] });
    staff = new TestClient(app);
    await staff.signIn(strategist.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A goal made through the API as the strategist; published unless told not to be. */
  async function apiGoal(body: Record<string, unknown>, publish = true) {
    const res = await staff.api('POST', `/api/v1/goals?organisation=${SLUG}`, { yearFrom: 2018, bodyId: kf.id, ...body });
    expect(res.statusCode, res.body).toBe(201);
    const goal = res.json();
    if (!publish) return goal;
    const published = await staff.api('POST', `/api/v1/goals/${goal.id}/publish?organisation=${SLUG}`, { version: goal.version });
    expect(published.statusCode, published.body).toBe(200);
    return published.json();
  }

  it('lets a strategist create a council goal and a committee sub-goal through the forms, shown as a tree', async () => {
    const created = await staff.post(`/o/${SLUG}/goals`, {
      bodyId: kf.id,
      reference: 'KF-mål 1',
      title: 'Malmöborna ska kunna känna sig stolta över sin unga, globala och moderna stad',
      description: 'Jämlikhet och delaktighet.\n\nMiljö och antidiskriminering.',
      yearFrom: '2018',
      yearTo: '2018',
      sortOrder: '1',
      focusAreaIds: [safety.id, climate.id],
      sdgCodes: ['11', '11.1', '11.2'],
    });
    expect(created.statusCode, created.body).toBe(303);
    const councilGoalId = idFrom(created.headers.location);
    const sub = await staff.post(`/o/${SLUG}/goals`, {
      bodyId: sn.id,
      parentId: councilGoalId,
      reference: 'SN-mål 1',
      title: 'Servicenämnden ska göra stadens lokaler tillgängliga för alla',
      yearFrom: '2018',
      focusAreaIds: safety.id,
    });
    expect(sub.statusCode, sub.body).toBe(303);
    const subId = idFrom(sub.headers.location);

    const page = await staff.get(`/o/${SLUG}/goals/${councilGoalId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Malmöborna ska kunna känna sig stolta över sin unga, globala och moderna stad</h1>');
    expect(page.body).toContain('Kommunfullmäktige');
    expect(page.body).toContain('Servicenämnden ska göra stadens lokaler tillgängliga för alla');
    expect(page.body).toContain('Trygghet');
    expect(page.body).toContain('Ej publicerad');
    // Agenda 2030 in Swedish; a target without an official Swedish text in English, marked as such.
    expect(page.body).toContain('Hållbara städer och samhällen');
    expect(page.body).toContain('Senast 2030 säkerställa tillgång för alla till fullgoda');
    expect(page.body).toMatch(/<span lang="en">By 2030, provide access to safe, affordable[^<]*<\/span> \(engelsk text\)/);
    expect(page.body).toContain(`/o/${SLUG}/history/goal/${councilGoalId}`);
    const english = await staff.get(`/o/${SLUG}/goals/${councilGoalId}?lang=en`);
    expect(english.body).toContain('Sustainable cities and communities');
    expect(english.body).not.toContain('(English text)');

    const subPage = await staff.get(`/o/${SLUG}/goals/${subId}`);
    expect(subPage.body).toContain(`href="/o/${SLUG}/goals/${councilGoalId}"`);

    const list = await staff.get(`/o/${SLUG}/goals?year=2018`);
    expect(list.statusCode).toBe(200);
    const parentItem = list.body.indexOf('KF-mål 1: Malmöborna');
    const nested = list.body.indexOf('<ul class="tree goal-tree">', parentItem);
    const childItem = list.body.indexOf('SN-mål 1: Servicenämnden');
    expect(parentItem).toBeGreaterThan(-1);
    expect(nested).toBeGreaterThan(parentItem);
    expect(childItem).toBeGreaterThan(nested);

    const history = await staff.get(`/o/${SLUG}/history/goal/${councilGoalId}`);
    expect(history.body).toContain('skapade målet');
    const links = await database.db.selectFrom('goal_sdg_links').select('sdg_code').where('goal_id', '=', councilGoalId).execute();
    expect(links.map((l) => l.sdg_code).sort()).toEqual(['11', '11.1', '11.2']);

    // The form offers every target, grouped per goal, labelled for screen readers.
    const form = await staff.get(`/o/${SLUG}/goals/${councilGoalId}/edit`);
    expect(form.body).toContain('<label for="f-sdg-11-2">');
    expect(form.body).toMatch(/<input type="checkbox" id="f-sdg-11-1" name="sdgCodes" value="11.1" checked=""/);
    expect(form.body).toContain('<legend>Agenda 2030</legend>');
  });

  it('refuses a cycle and a parent goal from another organisation', async () => {
    const top = await apiGoal({ title: 'Ett övergripande mål', reference: 'KF-mål 9' }, false);
    const below = await apiGoal({ title: 'Ett nedbrutet mål', bodyId: sn.id, parentId: top.id }, false);
    const cycle = await staff.post(`/o/${SLUG}/goals/${top.id}`, { bodyId: kf.id, title: top.title, yearFrom: '2018', parentId: below.id, version: top.version });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('Det valda målet ligger under det här målet.');
    const self = await staff.api('PUT', `/api/v1/goals/${top.id}?organisation=${SLUG}`, { bodyId: kf.id, title: top.title, yearFrom: 2018, parentId: top.id, version: top.version });
    expect(self.statusCode).toBe(400);
    expect(self.json().fieldErrors.parentId).toBeDefined();

    const other = await buildOrg(database.db, { slug: 'annan-kommun' });
    const otherBody = await buildBody(database.db, { organisationId: other.id, kind: 'council' });
    const foreign = await database.db
      .insertInto('goals')
      .values({ organisation_id: other.id, body_id: otherBody.id, title: 'Annan kommuns mål', year_from: 2018, year_to: null, published_at: new Date(), archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await count(database.db, 'goals');
    const res = await staff.post(`/o/${SLUG}/goals`, { bodyId: kf.id, title: 'Under en främmande förälder', yearFrom: '2018', parentId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Det överordnade målet finns inte i den här organisationen.');
    expect(await count(database.db, 'goals')).toBe(before);
    const archived = await staff.api('POST', `/api/v1/goals/${top.id}/archive?organisation=${SLUG}`, { version: top.version });
    expect(archived.statusCode).toBe(400);
    expect(archived.json().fieldErrors._form).toContain('delmål');
  });

  it('filters the API list by year, body, focus area and Agenda 2030 goal', async () => {
    const a = await apiGoal({ title: 'Filtermål A', reference: 'F-A', yearFrom: 2030, yearTo: 2031, focusAreaIds: [climate.id], sdgCodes: ['13', '11.2'] });
    const b = await apiGoal({ title: 'Filtermål B', reference: 'F-B', yearFrom: 2031, bodyId: sn.id, parentId: a.id, sdgCodes: ['11.1'] });
    await apiGoal({ title: 'Filtermål C', reference: 'F-C', yearFrom: 2025, yearTo: 2029 });
    const get = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/goals?organisation=${SLUG}&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; title: string }[]; total: number };
    };
    const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title).filter((t) => t.startsWith('Filtermål')).sort();

    expect(titles(await get('year=2030'))).toEqual(['Filtermål A']);
    // No last year means in force until further notice.
    expect(titles(await get('year=2040'))).toEqual(['Filtermål B']);
    expect(titles(await get(`year=2031&body=${sn.id}`))).toEqual(['Filtermål B']);
    expect(titles(await get(`focusArea=${climate.id}`))).toEqual(['Filtermål A']);
    // A goal number finds links to the goal and to its targets; a target finds only itself.
    expect(titles(await get('sdg=11'))).toEqual(['Filtermål A', 'Filtermål B']);
    expect(titles(await get('sdg=11.1'))).toEqual(['Filtermål B']);

    const one = await get(`year=2031&body=${sn.id}`);
    expect(one.total).toBe(1);
    expect(one.items[0]).toMatchObject({ id: b.id, parentId: a.id, bodyId: sn.id, sdgCodes: ['11.1'], focusAreaIds: [], published: true, yearFrom: 2031, yearTo: null });
    const paged = await get('year=2031&limit=1&offset=1');
    expect(paged.items.length).toBe(1);
    expect(paged.total).toBe(2);

    const bad = await app.inject({ url: `/api/v1/goals?organisation=${SLUG}&sdg=18` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.sdg).toBeDefined();
    const sdg = await app.inject({ url: '/api/v1/sdg' });
    expect(sdg.statusCode).toBe(200);
    expect(sdg.json().total).toBe(17);
    expect(sdg.json().items[10]).toMatchObject({ code: '11', shortSv: 'Hållbara städer och samhällen' });
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/goals', '/api/v1/goals/{id}', '/api/v1/goals/{id}/publish', '/api/v1/directions', '/api/v1/sdg']));
  });

  it('shows anonymous visitors only published goals and directions, answering 404 for the rest', async () => {
    const draft = await apiGoal({ title: 'Hemligt utkast till mål', reference: 'U-1' }, false);
    const anon = new TestClient(app);
    expect((await anon.get(`/o/${SLUG}/goals/${draft.id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/goals/${draft.id}?organisation=${SLUG}` })).statusCode).toBe(404);
    expect((await anon.get(`/o/${SLUG}/goals`)).body).not.toContain('Hemligt utkast till mål');
    const publicCsv = await anon.get(`/o/${SLUG}/goals.csv`);
    expect(publicCsv.headers['content-type']).toContain('text/csv');
    expect(publicCsv.body).not.toContain('Hemligt utkast till mål');
    const anonList = (await app.inject({ url: `/api/v1/goals?organisation=${SLUG}` })).json();
    expect(anonList.items.every((g: { published: boolean }) => g.published)).toBe(true);
    // A reader of the organisation sees drafts.
    const r = new TestClient(app);
    await r.signIn(reader.email, TEST_PASSWORD);
    expect((await r.get(`/o/${SLUG}/goals/${draft.id}`)).statusCode).toBe(200);

    const published = await staff.post(`/o/${SLUG}/goals/${draft.id}/publish`, { version: draft.version });
    expect(published.statusCode).toBe(303);
    const seen = await anon.get(`/o/${SLUG}/goals/${draft.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Hemligt utkast till mål');
    expect(seen.body).not.toContain('/history/goal/');
    expect(seen.body).not.toContain('Redigera');

    const direction = await staff.api('POST', `/api/v1/directions?organisation=${SLUG}`, { bodyId: sn.id, year: 2019, body: 'Ett utkast till inriktning.' });
    expect(direction.statusCode, direction.body).toBe(201);
    const d = direction.json();
    expect((await anon.get(`/o/${SLUG}/directions/${d.id}`)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/directions/${d.id}?organisation=${SLUG}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/directions?organisation=${SLUG}&year=2019` })).json().total).toBe(0);
    const pub = await staff.api('POST', `/api/v1/directions/${d.id}/publish?organisation=${SLUG}`, { version: d.version });
    expect(pub.statusCode).toBe(200);
    expect((await anon.get(`/o/${SLUG}/directions/${d.id}`)).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/directions?organisation=${SLUG}&year=2019&body=${sn.id}` })).json()).toMatchObject({ total: 1, items: [{ id: d.id, published: true }] });
  });

  it('finds "kommunens" with "kommunen" and "uppdragen" with "uppdrag" in Swedish, drafts only for members', async () => {
    const goal = await apiGoal({ title: 'Kommunens arbete för trygghet ska stärkas', reference: 'S-1' });
    const draft = await apiGoal({ title: 'Kommunens utkast om bibliotek' }, false);
    const year = await staff.api('POST', `/api/v1/directions?organisation=${SLUG}`, {
      bodyId: kf.id,
      year: 2018,
      title: 'Inriktning 2018',
      body: 'Malmö ska visa mod och nyfikenhet.\n\nNämnderna ska redovisa uppdragen under året.',
    });
    expect(year.statusCode, year.body).toBe(201);
    await staff.api('POST', `/api/v1/directions/${year.json().id}/publish?organisation=${SLUG}`, { version: year.json().version });

    const search = async (q: string, client?: TestClient) => {
      const url = `/api/v1/search?organisation=${SLUG}&q=${encodeURIComponent(q)}`;
      const res = client ? await client.api('GET', url) : await app.inject({ url });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { id: string; type: string; excerpt: string }[] };
    };
    const kommunen = await search('kommunen');
    expect(kommunen.items.map((h) => h.id)).toContain(goal.id);
    expect(kommunen.items.map((h) => h.id)).not.toContain(draft.id);
    expect((await search('kommunen', staff)).items.map((h) => h.id)).toContain(draft.id);
    const uppdrag = await search('uppdrag');
    const hit = uppdrag.items.find((h) => h.id === year.json().id);
    expect(hit?.type).toBe('direction');
    expect(hit?.excerpt).toContain('uppdragen');
    expect(hit?.excerpt).not.toContain('<b>');
    const page = await new TestClient(app).get(`/o/${SLUG}/search?q=uppdrag`);
    expect(page.body).toContain('Inriktning 2018');
  });

  it('shows field errors and writes nothing on bad input', async () => {
    const goals = await count(database.db, 'goals');
    const directions = await count(database.db, 'directions');
    const audit = await count(database.db, 'audit_events');
    const res = await staff.post(`/o/${SLUG}/goals`, { bodyId: '', title: '   ', yearFrom: 'abc', yearTo: '2010', sdgCodes: ['11.1', '99.9'], focusAreaIds: 'inte-ett-id' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Fältet måste fyllas i.');
    expect(res.body).toContain('Ange ett tal.');
    expect(res.body).toContain('Okänt mål eller delmål i Agenda 2030.');
    expect(res.body).toContain('href="#f-sdgCodes"');
    expect(res.body).toContain('aria-invalid="true"');
    // What the user chose stays chosen.
    expect(res.body).toMatch(/value="11.1" checked=""/);
    const years = await staff.api('POST', `/api/v1/goals?organisation=${SLUG}`, { bodyId: kf.id, title: 'Bakvända år', yearFrom: 2020, yearTo: 2019 });
    expect(years.statusCode).toBe(400);
    expect(years.json().fieldErrors.yearTo).toBe('Slutåret kan inte vara före startåret.');
    const area = await staff.api('POST', `/api/v1/goals?organisation=${SLUG}`, { bodyId: kf.id, title: 'Okänt fokusområde', yearFrom: 2020, focusAreaIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(area.statusCode).toBe(400);
    expect(area.json().fieldErrors.focusAreaIds).toBeDefined();
    const empty = await staff.post(`/o/${SLUG}/directions`, { bodyId: kf.id, year: '2018', body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Fältet måste fyllas i.');
    const direction = await staff.post(`/o/${SLUG}/directions`, { bodyId: kf.id, year: '2017', body: 'En text för ett år som inte finns.' });
    expect(direction.statusCode).toBe(400);
    expect(direction.body).toContain('Budgetåret 2017 är inte upplagt för organisationen.');
    expect(await count(database.db, 'directions')).toBe(directions);
    expect(await count(database.db, 'goals')).toBe(goals);
    expect(await count(database.db, 'audit_events')).toBe(audit);
  });

  it('answers a stale edit with 409, keeping what the user typed', async () => {
    const goal = await apiGoal({ title: 'Ursprunglig lydelse', reference: 'K-1' }, false);
    const first = await staff.post(`/o/${SLUG}/goals/${goal.id}`, { bodyId: kf.id, reference: 'K-1', title: 'Lydelse enligt kollegan', yearFrom: '2018', version: goal.version });
    expect(first.statusCode).toBe(303);
    const second = await staff.post(`/o/${SLUG}/goals/${goal.id}`, { bodyId: kf.id, reference: 'K-1', title: 'Min egen lydelse', yearFrom: '2018', sdgCodes: '13', version: goal.version });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Någon annan har ändrat posten');
    expect(second.body).toContain('Min egen lydelse');
    expect(second.body).toContain('Lydelse enligt kollegan');
    expect(second.body).toContain(`name="version" value="${goal.version + 1}"`);
    const api = await staff.api('PUT', `/api/v1/goals/${goal.id}?organisation=${SLUG}`, { bodyId: kf.id, reference: 'K-1', title: 'API-lydelse', yearFrom: 2018, version: goal.version });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ error: 'conflict', changedFields: ['title'], current: { title: 'Lydelse enligt kollegan', version: goal.version + 1 } });
    expect((await database.db.selectFrom('goals').select('title').where('id', '=', goal.id).executeTakeFirstOrThrow()).title).toBe('Lydelse enligt kollegan');
    const stalePublish = await staff.post(`/o/${SLUG}/goals/${goal.id}/publish`, { version: goal.version });
    expect(stalePublish.statusCode).toBe(409);

    const created = await staff.api('POST', `/api/v1/directions?organisation=${SLUG}`, { bodyId: office.id, year: 2018, body: 'Första texten.' });
    const d = created.json();
    expect((await staff.api('PUT', `/api/v1/directions/${d.id}?organisation=${SLUG}`, { bodyId: office.id, year: 2018, body: 'Andra texten.', version: d.version })).statusCode).toBe(200);
    const stale = await staff.post(`/o/${SLUG}/directions/${d.id}`, { bodyId: office.id, year: '2018', body: 'Tredje texten.', version: String(d.version) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Tredje texten.');
    expect(stale.body).toContain('Andra texten.');
  });

  it('refuses readers and reporters (403) and anonymous callers (401)', async () => {
    const goals = await count(database.db, 'goals');
    const directions = await count(database.db, 'directions');
    for (const who of [reader, reporter]) {
      const c = new TestClient(app);
      await c.signIn(who.email, TEST_PASSWORD);
      expect((await c.post(`/o/${SLUG}/goals`, { bodyId: sn.id, title: 'Eget mål', yearFrom: '2018' })).statusCode).toBe(403);
      expect((await c.get(`/o/${SLUG}/goals/new`)).statusCode).toBe(403);
      expect((await c.api('POST', `/api/v1/goals?organisation=${SLUG}`, { bodyId: sn.id, title: 'Eget mål', yearFrom: 2018 })).statusCode).toBe(403);
      expect((await c.post(`/o/${SLUG}/directions`, { bodyId: sn.id, year: '2019', body: 'Text' })).statusCode).toBe(403);
      expect((await c.get(`/o/${SLUG}/goals`)).body).not.toContain('Nytt mål');
    }
    const anon = new TestClient(app);
    // A first page gives the visitor a CSRF cookie, so the refusal is about signing in.
    await anon.get('/sign-in');
    expect((await anon.api('POST', `/api/v1/goals?organisation=${SLUG}`, { bodyId: sn.id, title: 'X', yearFrom: 2018 })).statusCode).toBe(401);
    expect((await anon.post(`/o/${SLUG}/goals`, { bodyId: sn.id, title: 'X', yearFrom: '2018' })).statusCode).toBe(401);
    expect((await anon.get(`/o/${SLUG}/goals/new`)).statusCode).toBe(303);
    expect(await count(database.db, 'goals')).toBe(goals);
    expect(await count(database.db, 'directions')).toBe(directions);
  });

  it('writes one direction per body and year, shown as escaped paragraphs and exported as CSV', async () => {
    const res = await staff.post(`/o/${SLUG}/directions`, { bodyId: sn.id, year: '2018', title: '', body: 'Första stycket <script>alert(1)</script>\nsamma stycke.\n\n\nAndra stycket.' });
    expect(res.statusCode, res.body).toBe(303);
    const id = idFrom(res.headers.location);
    const page = await staff.get(`/o/${SLUG}/directions/${id}`);
    expect(page.body).toContain('<h1>Inriktning 2018 – Servicenämnden</h1>');
    expect(page.body).toContain('<p>Första stycket &lt;script&gt;alert(1)&lt;/script&gt;<br/>samma stycke.</p><p>Andra stycket.</p>');
    const again = await staff.post(`/o/${SLUG}/directions`, { bodyId: sn.id, year: '2018', body: 'En till.' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Organet har redan en inriktning för 2018.');
    const list = await staff.get(`/o/${SLUG}/directions?year=2018&body=${sn.id}`);
    expect(list.body).toContain('<caption>1 inriktning</caption>');
    const csv = await staff.get(`/o/${SLUG}/directions.csv?year=2018`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Servicenämnden');

    // Archived, it makes room for a new text; restoring the old one would make two.
    const current = (await staff.api('GET', `/api/v1/directions/${id}?organisation=${SLUG}`)).json();
    expect((await staff.post(`/o/${SLUG}/directions/${id}/archive`, { version: current.version, confirm: 'yes' })).statusCode).toBe(303);
    const replacement = await staff.api('POST', `/api/v1/directions?organisation=${SLUG}`, { bodyId: sn.id, year: 2018, body: 'Ny text.' });
    expect(replacement.statusCode).toBe(201);
    const restore = await staff.post(`/o/${SLUG}/directions/${id}/restore`, { version: current.version + 1 });
    expect(restore.statusCode).toBe(400);
    expect(restore.body).toContain('Organet har redan en inriktning för 2018. Arkivera den först.');
  });

  it('has committees, companies and the executive board assess council goals, and no other body', () => {
    expect(COUNCIL_GOAL_ASSESSOR_KINDS).toEqual(['committee', 'company', 'board']);
    for (const kind of ['committee', 'company', 'board']) expect(assessesCouncilGoals({ kind, archived_at: null })).toBe(true);
    for (const kind of ['council', 'administration', 'office', 'external']) expect(assessesCouncilGoals({ kind, archived_at: null })).toBe(false);
    expect(assessesCouncilGoals({ kind: 'committee', archived_at: new Date() })).toBe(false);
  });
});
