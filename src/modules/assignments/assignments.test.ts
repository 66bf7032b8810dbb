import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { buildApp } from '../../core/http/app';
import { organisationsModule } from '../organisations';
import { TestClient } from '../../test/client';
import { t } from '../../test/context';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { assignmentsModule, countByStatus, lateAssignments, responsibleBodies } from './index';

// Only this module and the one it builds on, so these tests do not depend on modules built alongside.
const createApp = (database: Database, config: ReturnType<typeof loadConfig>) => buildApp({ config, database, modules: [assignmentsModule, organisationsModule] });

type Json = Record<string, any>;

describe.each(engines)('assignments on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let strategist: { email: string };
  let reader: { email: string };
  let reporter: { email: string };
  const b: Record<string, { id: string; version: number }> = {};
  let focusAreaId: string;
  let goalId: string;
  let staff: TestClient;

  const api = (path: string) => `${path}${path.includes('?') ? '&' : '?'}organisation=uppdragskommun`;

  const input = (overrides: Json = {}): Json => ({
    reference: 'U2018-1',
    title: 'Stärk Malmös roll som framtidens kuststad',
    body: 'Kommunstyrelsen, tillsammans med berörda nämnder, ges i uppdrag att stärka Malmös roll som framtidens kuststad.',
    year: 2018,
    issuerBodyId: b.kf!.id,
    target: 'bodies',
    leadBodyId: b.ks!.id,
    coBodyIds: [b.sn!.id],
    targetNote: 'tillsammans med berörda nämnder',
    sourceKind: 'budget',
    sourceTitle: 'Budget 2018',
    ...overrides,
  });

  async function create(overrides: Json = {}): Promise<Json> {
    const res = await staff.api('POST', api('/api/v1/assignments'), input(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function setStatus(a: Json, status: string, comment = ''): Promise<Json> {
    const current = (await staff.api('GET', api(`/api/v1/assignments/${a.id}`))).json();
    const res = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status, comment, version: current.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function publish(a: Json): Promise<Json> {
    const res = await staff.api('POST', api(`/api/v1/assignments/${a.id}/publish`), { version: a.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const countRows = async (table: 'assignments' | 'assignment_bodies' | 'assignment_status_changes' | 'audit_events') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    const db = database.db;
    org = await buildOrg(db, { slug: 'uppdragskommun', name: 'Uppdragskommun' });
    await buildYear(db, org.id, 2018);
    await buildYear(db, org.id, 2019);
    b.kf = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    b.ks = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    b.sn = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    b.tn = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    b.bolag = await buildBody(db, { organisationId: org.id, name: 'Malmö Stadsteater AB', kind: 'company' });
    b.kansli = await buildBody(db, { organisationId: org.id, name: 'Hållbarhetskansliet', kind: 'office' });
    b.region = await buildBody(db, { organisationId: org.id, name: 'Region Skåne', kind: 'external' });
    b.old = await buildBody(db, { organisationId: org.id, name: 'Gamla nämnden', kind: 'committee' });
    await db.updateTable('bodies').set({ archived_at: new Date() }).where('id', '=', b.old.id).execute();
    focusAreaId = (await db.insertInto('focus_areas').values({ organisation_id: org.id, name: 'Hållbar stadsutveckling', archived_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    goalId = (
      await db
        .insertInto('goals')
        .values({ organisation_id: org.id, body_id: b.kf.id, parent_id: null, reference: 'KF-mål 1', title: 'Malmö ska vara en hållbar stad', year_from: 2018, year_to: null, published_at: new Date(), archived_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    strategist = await buildUser(db, { organisationId: org.id, role: 'strategist' });
    reader = await buildUser(db, { organisationId: org.id, role: 'reader' });
    reporter = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [b.sn.id] });
    staff = new TestClient(app);
    await staff.signIn(strategist.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets a strategist create an assignment through the form and shows it with bodies, links and history', async () => {
    const res = await staff.post('/o/uppdragskommun/assignments', {
      reference: 'U2018-4',
      title: 'Inrätta en digital stödfunktion',
      body: 'Kommunstyrelsen ges i uppdrag att inrätta en digital stödfunktion som kan stödja nämnderna.',
      year: '2018',
      issuerBodyId: b.kf!.id,
      target: 'bodies',
      leadBodyId: b.ks!.id,
      coBodyIds: [b.sn!.id, b.tn!.id],
      targetNote: '',
      sourceKind: 'decision',
      sourceTitle: 'Kommunstyrelsens beslut',
      registrationNumber: 'ks2017/406',
      decisionDate: '2017-11-15',
      deadline: '2018-12-31',
      focusAreaIds: focusAreaId,
      goalIds: goalId,
    });
    expect(res.statusCode, res.body).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/o\/uppdragskommun\/assignments\/[0-9a-f-]{36}$/);
    const id = location.split('/').pop()!;

    const row = await database.db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.registration_number).toBe('KS 2017/406');
    expect(row.status).toBe('new');
    expect(row.published_at).toBeNull();
    const links = await database.db.selectFrom('assignment_bodies').select(['body_id', 'role']).where('assignment_id', '=', id).execute();
    expect(links).toHaveLength(3);
    expect(links.find((l) => l.role === 'lead')?.body_id).toBe(b.ks!.id);

    const page = await staff.get(location);
    expect(page.statusCode).toBe(200);
    for (const text of ['Inrätta en digital stödfunktion', 'Kommunstyrelsen', 'Ansvarig', 'Medansvarig', 'Tekniska nämnden', 'Hållbar stadsutveckling', 'KF-mål 1', 'KS 2017/406', 'Statushistorik', 'Nytt', 'Ändra status', 'Ej publicerat']) {
      expect(page.body).toContain(text);
    }
    const history = await staff.get(`/o/uppdragskommun/history/assignment/${id}`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('skapade uppdraget');

    // The form itself: labelled fields, checkboxes for the co-responsible bodies.
    const form = await staff.get('/o/uppdragskommun/assignments/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-title">');
    expect(form.body).toContain('<legend>Medansvariga organ');
    expect(form.body).not.toContain('Gamla nämnden');
  });

  it('creates an assignment through the API and answers with its bodies and status history', async () => {
    const a = await create({ reference: 'U2018-API' });
    expect(a.status).toBe('new');
    expect(a.responsibleBodies).toEqual([
      expect.objectContaining({ id: b.ks!.id, role: 'lead', name: 'Kommunstyrelsen' }),
      expect.objectContaining({ id: b.sn!.id, role: 'co' }),
    ]);
    expect(a.expandedBodies).toHaveLength(2);
    const read = await staff.api('GET', api(`/api/v1/assignments/${a.id}`));
    expect(read.statusCode).toBe(200);
    expect(read.json().statusHistory).toEqual([expect.objectContaining({ from: null, to: 'new' })]);
    expect(await responsibleBodies(database.db, org.id, a.id)).toEqual([expect.objectContaining({ role: 'lead' }), expect.objectContaining({ role: 'co' })]);
  });

  it('expands "all committees and companies" to exactly the executive board and the active committees and companies', async () => {
    const a = await create({
      reference: 'U2018-2',
      title: 'Exemplifiera hur de globala målen integreras',
      target: 'all_committees_and_companies',
      leadBodyId: null,
      coBodyIds: [],
      targetNote: '',
    });
    // Kommunstyrelsen is a nämnd under the Local Government Act; the council and external actors are not reached.
    const expected = [b.ks!.id, b.sn!.id, b.tn!.id, b.bolag!.id].sort();
    expect(a.responsibleBodies).toEqual([]);
    expect(a.expandedBodies.map((x: Json) => x.id).sort()).toEqual(expected);
    expect(a.expandedBodies.every((x: Json) => x.role === 'target')).toBe(true);

    // A body added later is covered too: the target is read, not copied.
    const newCommittee = await buildBody(database.db, { organisationId: org.id, name: 'Miljönämnden', kind: 'committee' });
    const again = (await staff.api('GET', api(`/api/v1/assignments/${a.id}`))).json();
    expect(again.expandedBodies.map((x: Json) => x.id).sort()).toEqual([...expected, newCommittee.id].sort());
    await database.db.updateTable('bodies').set({ archived_at: new Date() }).where('id', '=', newCommittee.id).execute();

    const page = await staff.get(`/o/uppdragskommun/assignments/${a.id}`);
    expect(page.body).toContain('Samtliga nämnder och bolag');
    expect(page.body).toContain('i dag 4 organ');
    expect(page.body).toContain('Omfattar</dt><dd>kommunstyrelsen, alla nämnder och alla bolag');
    const english = await staff.get(`/o/uppdragskommun/assignments/${a.id}?lang=en`);
    expect(english.body).toContain('Covers</dt><dd>the executive board, every committee, and every company');
    expect(page.body).toContain('Malmö Stadsteater AB');
    expect(page.body).not.toContain('Region Skåne');

  });

  it('walks the lifecycle, refuses steps it does not allow, and records every change', async () => {
    const a = await create({ reference: 'U2018-LC', title: 'Livscykel' });
    const auditBefore = await countRows('audit_events');

    // Through the form on the detail page.
    const step1 = await staff.post(`/o/uppdragskommun/assignments/${a.id}/status`, { status: 'ongoing', comment: 'Arbetet har startat', decisionReference: '', version: a.version });
    expect(step1.statusCode, step1.body).toBe(303);

    // ongoing → closed skips the political handling: refused, nothing written.
    const current = (await staff.api('GET', api(`/api/v1/assignments/${a.id}`))).json();
    const skip = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'closed', version: current.version });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().fieldErrors.status).toContain('Pågående');
    const skipForm = await staff.post(`/o/uppdragskommun/assignments/${a.id}/status`, { status: 'closed', comment: '', version: current.version });
    expect(skipForm.statusCode).toBe(400);
    expect(skipForm.body).toContain('Ett uppdrag kan inte gå från ”Pågående” till ”Avslutat”.');

    await setStatus(a, 'progress_reported', 'Lägesrapport till KS');
    // Sending back needs a reason.
    const back = (await staff.api('GET', api(`/api/v1/assignments/${a.id}`))).json();
    const noReason = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'ongoing', version: back.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.comment).toBeDefined();
    await setStatus(a, 'ongoing', 'KS återremitterade rapporten');
    await setStatus(a, 'reported');
    const closed = await setStatus(a, 'closed');
    expect(closed.status).toBe('closed');

    // A stale status change is a conflict, not a silent overwrite.
    const stale = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'ongoing', comment: 'Öppnas igen', version: a.version });
    expect(stale.statusCode).toBe(409);

    // Reopening needs a comment.
    const reopenBare = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'ongoing', version: closed.version });
    expect(reopenBare.statusCode).toBe(400);
    const reopened = await setStatus(a, 'ongoing', 'Nytt beslut i KS');
    expect(reopened.status).toBe('ongoing');
    const cancelled = await setStatus(a, 'cancelled', 'Uppdraget utgår');
    expect((await staff.post('/o/uppdragskommun/assignments/inte-ett-id/status', { status: 'ongoing', comment: 'x', version: 1 })).statusCode).toBe(404);
    expect((await staff.post('/o/uppdragskommun/assignments/inte-ett-id/archive', { version: 1 })).statusCode).toBe(404);
    const revive = await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'ongoing', comment: 'Försök', version: cancelled.version });
    expect(revive.statusCode).toBe(400);

    const history = (await staff.api('GET', api(`/api/v1/assignments/${a.id}`))).json().statusHistory as Json[];
    expect(history.map((h) => `${h.from ?? ''}→${h.to}`)).toEqual([
      '→new',
      'new→ongoing',
      'ongoing→progress_reported',
      'progress_reported→ongoing',
      'ongoing→reported',
      'reported→closed',
      'closed→ongoing',
      'ongoing→cancelled',
    ]);
    expect(history[1]).toMatchObject({ comment: 'Arbetet har startat', changedBy: 'Test strategist' });
    const statusAudits = await database.db.selectFrom('audit_events').select('action').where('entity_id', '=', a.id).where('action', '=', 'status').execute();
    expect(statusAudits).toHaveLength(7);
    expect((await countRows('audit_events')) - auditBefore).toBe(7);

    const page = await staff.get(`/o/uppdragskommun/assignments/${a.id}`);
    expect(page.body).toContain('KS återremitterade rapporten');
    expect(page.body).toContain('Lägesrapporterat');
    expect(page.body).toContain('Test strategist');
    expect(page.body).toContain('Uppdraget är avslutat och statusen kan inte ändras.');
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = { assignments: await countRows('assignments'), bodies: await countRows('assignment_bodies'), changes: await countRows('assignment_status_changes'), audit: await countRows('audit_events') };

    const deadline = await staff.post('/o/uppdragskommun/assignments', { ...input({ decisionDate: '2018-05-01', deadline: '2018-04-01' }), coBodyIds: [b.sn!.id] } as never);
    expect(deadline.statusCode).toBe(400);
    expect(deadline.body).toContain('Slutdatumet kan inte ligga före beslutsdatumet.');
    expect(deadline.body).toContain('aria-invalid="true"');
    expect(deadline.body).toContain('Stärk Malmös roll som framtidens kuststad');

    const regnr = await staff.api('POST', api('/api/v1/assignments'), input({ sourceKind: 'decision', registrationNumber: '2017-406' }));
    expect(regnr.statusCode).toBe(400);
    expect(regnr.json().fieldErrors.registrationNumber).toContain('KS 2017/0406');

    const both = await staff.api('POST', api('/api/v1/assignments'), input({ leadBodyId: b.sn!.id, coBodyIds: [b.sn!.id, b.tn!.id] }));
    expect(both.statusCode).toBe(400);
    expect(both.json().fieldErrors.coBodyIds).toBe('Det ansvariga organet kan inte också vara medansvarigt.');

    const noLead = await staff.api('POST', api('/api/v1/assignments'), input({ leadBodyId: null }));
    expect(noLead.statusCode).toBe(400);
    expect(noLead.json().fieldErrors.leadBodyId).toBeDefined();

    const noYear = await staff.api('POST', api('/api/v1/assignments'), input({ year: 2031 }));
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().fieldErrors.year).toBe('Budgetåret finns inte. Lägg upp året först.');

    const archivedBody = await staff.api('POST', api('/api/v1/assignments'), input({ coBodyIds: [b.old!.id] }));
    expect(archivedBody.statusCode).toBe(400);
    expect(archivedBody.json().fieldErrors.coBodyIds).toBeDefined();

    const english = await staff.api('POST', api('/api/v1/assignments?lang=en'), input({ decisionDate: '2018-05-01', deadline: '2018-04-01' }));
    expect(english.json().fieldErrors.deadline).toBe('The deadline cannot be before the decision date.');

    expect(await countRows('assignments')).toBe(before.assignments);
    expect(await countRows('assignment_bodies')).toBe(before.bodies);
    expect(await countRows('assignment_status_changes')).toBe(before.changes);
    expect(await countRows('audit_events')).toBe(before.audit);
  });

  it('answers a stale edit with 409, keeping what the user typed', async () => {
    const a = await create({ reference: 'U2018-STALE', title: 'Ursprunglig rubrik' });
    const form = (title: string) => ({
      ...input({ reference: 'U2018-STALE', title }),
      year: '2018',
      coBodyIds: [b.sn!.id],
      version: a.version,
    });
    const first = await staff.post(`/o/uppdragskommun/assignments/${a.id}`, form('Första ändringen') as never);
    expect(first.statusCode, first.body).toBe(303);
    const second = await staff.post(`/o/uppdragskommun/assignments/${a.id}`, form('Andra ändringen') as never);
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Andra ändringen');
    expect(second.body).toContain('Första ändringen');
    expect(second.body).toContain('Någon annan har ändrat posten');
    const viaApi = await staff.api('PUT', api(`/api/v1/assignments/${a.id}`), { ...input({ title: 'API-ändring' }), version: a.version });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json()).toMatchObject({ error: 'conflict', changedFields: expect.arrayContaining(['title']) });
    const row = await database.db.selectFrom('assignments').select(['title', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Första ändringen', version: a.version + 1 });

    // A fresh edit replaces the co-responsible bodies and records them in the audit trail.
    const ok = await staff.api('PUT', api(`/api/v1/assignments/${a.id}`), { ...input({ title: 'Tredje', coBodyIds: [b.tn!.id] }), version: row.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().responsibleBodies.map((x: Json) => x.id)).toEqual([b.ks!.id, b.tn!.id]);
    const audit = await database.db.selectFrom('audit_events').select(['before', 'after']).where('entity_id', '=', a.id).where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ title: 'Tredje', coBodyIds: [b.tn!.id] });
    expect(audit.before).toMatchObject({ coBodyIds: [b.sn!.id] });
  });

  it('refuses readers, reporters and anonymous visitors, and writes nothing', async () => {
    const a = await create({ reference: 'U2018-ROLE' });
    const before = { assignments: await countRows('assignments'), changes: await countRows('assignment_status_changes') };
    const r = new TestClient(app);
    await r.signIn(reader.email, TEST_PASSWORD);
    expect((await r.get('/o/uppdragskommun/assignments/new')).statusCode).toBe(403);
    expect((await r.post('/o/uppdragskommun/assignments', { title: 'Läsare', year: '2018' })).statusCode).toBe(403);
    expect((await r.api('POST', api(`/api/v1/assignments/${a.id}/publish`), { version: a.version })).statusCode).toBe(403);
    // A reader sees unpublished assignments but no status form.
    const page = await r.get(`/o/uppdragskommun/assignments/${a.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Ändra status');

    const rep = new TestClient(app);
    await rep.signIn(reporter.email, TEST_PASSWORD);
    expect((await rep.api('POST', api('/api/v1/assignments'), input())).statusCode).toBe(403);
    expect((await rep.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: 'ongoing', version: a.version })).statusCode).toBe(403);
    expect((await rep.post(`/o/uppdragskommun/assignments/${a.id}/status`, { status: 'ongoing', version: a.version })).statusCode).toBe(403);
    expect((await rep.api('PUT', api(`/api/v1/assignments/${a.id}`), { ...input(), version: a.version })).statusCode).toBe(403);

    const anon = new TestClient(app);
    expect((await anon.post('/o/uppdragskommun/assignments', { title: 'Anonym' })).statusCode).toBe(401);
    expect((await anon.api('POST', api('/api/v1/assignments'), input())).statusCode).toBe(401);

    expect(await countRows('assignments')).toBe(before.assignments);
    expect(await countRows('assignment_status_changes')).toBe(before.changes);
    const row = await database.db.selectFrom('assignments').select(['status', 'version', 'published_at']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'new', version: a.version, published_at: null });
  });

  it('shows anonymous callers only published assignments', async () => {
    const hidden = await create({ reference: 'U2018-HIDDEN', title: 'Hemligt utkast' });
    const shown = await publish(await create({ reference: 'U2018-SHOWN', title: 'Publicerat uppdrag' }));
    expect(shown.published).toBe(true);

    const listed = await app.inject({ url: api('/api/v1/assignments?limit=500') });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Json[];
    expect(items.some((x) => x.id === shown.id)).toBe(true);
    expect(items.some((x) => x.id === hidden.id)).toBe(false);
    expect(items.every((x) => x.published)).toBe(true);
    expect(listed.json().total).toBe(items.length);

    expect((await app.inject({ url: api(`/api/v1/assignments/${hidden.id}`) })).statusCode).toBe(404);
    const one = await app.inject({ url: api(`/api/v1/assignments/${shown.id}`) });
    expect(one.statusCode).toBe(200);
    expect(one.json().statusHistory[0].changedBy).toBeUndefined();

    const anon = new TestClient(app);
    expect((await anon.get(`/o/uppdragskommun/assignments/${hidden.id}`)).statusCode).toBe(404);
    const page = await anon.get(`/o/uppdragskommun/assignments/${shown.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Test strategist');
    const list = await anon.get('/o/uppdragskommun/assignments');
    expect(list.body).toContain('Publicerat uppdrag');
    expect(list.body).not.toContain('Hemligt utkast');
    // Without the staff's selection column, each header still stands over its own column.
    const table = /<table>[\s\S]*?<\/table>/.exec(list.body)![0];
    const headers = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(headers).toEqual(['Referens', 'Uppdrag', 'Budgetår', 'Ansvariga organ', 'Slutdatum', 'Status']);
    const firstRow = /<tbody><tr>([\s\S]*?)<\/tr>/.exec(table)![1]!;
    expect(firstRow.match(/<td/g)).toHaveLength(headers.length);
    const csv = await anon.get('/o/uppdragskommun/assignments.csv');
    expect(csv.body).not.toContain('Hemligt utkast');

    // Withdrawn again: gone for the public.
    const unpublished = await staff.api('POST', api(`/api/v1/assignments/${shown.id}/publish`), { version: shown.version, published: false });
    expect(unpublished.json().published).toBe(false);
    expect((await app.inject({ url: api(`/api/v1/assignments/${shown.id}`) })).statusCode).toBe(404);
    const audit = await database.db.selectFrom('audit_events').select('action').where('entity_id', '=', shown.id).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'publish', 'unpublish']);
  });

  it('finds "uppdragen" when searching for "uppdrag", respecting publication', async () => {
    const pub = await publish(await create({ reference: 'U2018-S1', title: 'Redovisning av arbetet', body: 'Nämnderna redovisar uppdragen i årsredovisningen.' }));
    const unpub = await create({ reference: 'U2018-S2', title: 'Internt arbete', body: 'Kansliet samordnar uppdragen internt.' });
    const anon = await app.inject({ url: '/api/v1/search?organisation=uppdragskommun&q=uppdrag&type=assignment' });
    expect(anon.statusCode).toBe(200);
    const ids = (anon.json().items as Json[]).map((h) => h.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(unpub.id);
    const hit = (anon.json().items as Json[]).find((h) => h.id === pub.id)!;
    expect(hit.type).toBe('assignment');
    expect(hit.excerpt).toContain('uppdragen');
    expect(hit.excerpt).not.toMatch(/<\/?b>/);
    expect(hit.href).toBe(`/o/uppdragskommun/assignments/${pub.id}`);
    const internal = await staff.get('/o/uppdragskommun/search?q=uppdrag');
    expect(internal.body).toContain('Internt arbete');
  });

  it('offers status changes, publishing and archiving on the detail page, without JavaScript', async () => {
    const a = await create({ reference: 'U2018-UI', title: 'Knappar' });
    const pub = await staff.post(`/o/uppdragskommun/assignments/${a.id}/publish`, { version: a.version });
    expect(pub.statusCode).toBe(303);
    const arch = await staff.post(`/o/uppdragskommun/assignments/${a.id}/archive`, { version: a.version + 1, confirm: 'yes' });
    expect(arch.statusCode).toBe(303);
    const row = await database.db.selectFrom('assignments').select(['published_at', 'archived_at', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.published_at).not.toBeNull();
    expect(row.archived_at).not.toBeNull();
    // Archived: gone from the public and from the default list, kept for members.
    expect((await app.inject({ url: api(`/api/v1/assignments/${a.id}`) })).statusCode).toBe(404);
    expect((await staff.get('/o/uppdragskommun/assignments')).body).not.toContain('Knappar');
    expect((await staff.get('/o/uppdragskommun/assignments?archived=true')).body).toContain('Knappar');
    const page = await staff.get(`/o/uppdragskommun/assignments/${a.id}`);
    expect(page.body).toContain('Arkiverat');
    const restore = await staff.post(`/o/uppdragskommun/assignments/${a.id}/restore`, { version: row.version });
    expect(restore.statusCode).toBe(303);
    expect((await app.inject({ url: api(`/api/v1/assignments/${a.id}`) })).statusCode).toBe(200);
  });

  it('answers a refused or stale button on the assignment page: the reason at the top (400), the page as it is now (409)', async () => {
    const a = await create({ reference: 'U2018-BTN', title: 'Knappfel' });
    const refused = await staff.post(`/o/uppdragskommun/assignments/${a.id}/publish`, { version: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Knappfel');
    expect(refused.body).toContain('error-summary');
    const stale = await staff.post(`/o/uppdragskommun/assignments/${a.id}/archive`, { version: a.version + 5, confirm: 'yes' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Knappfel');
    expect(stale.body).toContain(t('sv', 'error.conflict'));
    const row = await database.db.selectFrom('assignments').select(['published_at', 'archived_at']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ published_at: null, archived_at: null });
  });

  it('documents each write with the schema its command parses', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    const body = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;
    const create = body('/api/v1/assignments', 'post');
    expect(create.properties.title).toMatchObject({ type: 'string', minLength: 1, maxLength: 1000 });
    expect(create.properties.year).toMatchObject({ type: 'integer', minimum: 1990, maximum: 2100 });
    expect(create.required).toEqual(expect.arrayContaining(['title', 'year', 'issuerBodyId', 'sourceKind']));
    expect(body('/api/v1/assignments/{id}', 'put').properties.version).toMatchObject({ type: 'integer', minimum: 1 });
    expect(body('/api/v1/assignments/{id}/status', 'post').properties.status.enum).toContain('transferred');
    expect(body('/api/v1/assignments/{id}/publish', 'post').properties).toHaveProperty('published');
    expect(body('/api/v1/assignments/{id}/archive', 'post').properties).toHaveProperty('archived');
    expect(body('/api/v1/assignments/bulk-status', 'post').properties.assignments.maxItems).toBe(1000);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/v1/assignments', '/api/v1/assignments/{id}', '/api/v1/assignments/{id}/status', '/api/v1/assignments/{id}/publish']) expect(paths).toContain(p);
    expect(doc.paths['/api/v1/assignments'].get.parameters.map((x: Json) => x.name)).toEqual(expect.arrayContaining(['year', 'status', 'body', 'focusArea', 'source', 'late', 'limit', 'offset']));
  });
});

describe.each(engines)('assignment lists, filters and exports on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let staff: TestClient;
  const ids: Record<string, string> = {};
  const body: Record<string, string> = {};
  let focusAreaId: string;

  const api = (path: string) => `${path}${path.includes('?') ? '&' : '?'}organisation=filterkommun`;
  const titles = (res: { json(): Json }) => (res.json().items as Json[]).map((x) => x.title).sort();

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    const db = database.db;
    org = await buildOrg(db, { slug: 'filterkommun', name: 'Filterkommun' });
    await buildYear(db, org.id, 2017);
    await buildYear(db, org.id, 2018);
    for (const [key, name, kind] of [
      ['kf', 'Kommunfullmäktige', 'council'],
      ['ks', 'Kommunstyrelsen', 'board'],
      ['sn', 'Servicenämnden', 'committee'],
      ['tn', 'Tekniska nämnden', 'committee'],
      ['mkb', 'MKB Fastighets AB', 'company'],
    ] as const) {
      body[key] = (await buildBody(db, { organisationId: org.id, name, kind })).id;
    }
    focusAreaId = (await db.insertInto('focus_areas').values({ organisation_id: org.id, name: 'Trygghet', archived_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    const strategist = await buildUser(db, { organisationId: org.id, role: 'strategist' });
    staff = new TestClient(app);
    await staff.signIn(strategist.email, TEST_PASSWORD);

    const make = async (key: string, o: Json, statuses: string[] = [], published = true) => {
      const base = { title: key, year: 2018, issuerBodyId: body.ks, target: 'bodies', leadBodyId: body.sn, sourceKind: 'commission', sourceTitle: 'Kommissionen för ett socialt hållbart Malmö' };
      let a = (await staff.api('POST', api('/api/v1/assignments'), { ...base, ...o })).json();
      for (const s of statuses) a = (await staff.api('POST', api(`/api/v1/assignments/${a.id}/status`), { status: s, comment: 'Enligt plan', version: a.version })).json();
      if (published) a = (await staff.api('POST', api(`/api/v1/assignments/${a.id}/publish`), { version: a.version })).json();
      ids[key] = a.id;
    };
    await make('Avslutat A', {}, ['ongoing', 'reported', 'closed']);
    await make('Avslutat B', { leadBodyId: body.tn, coBodyIds: [body.sn] }, ['ongoing', 'reported', 'closed']);
    await make('Lägesrapport', { leadBodyId: body.tn, focusAreaIds: [focusAreaId] }, ['ongoing', 'progress_reported']);
    await make('Försenat pågående', { deadline: '2018-06-30' }, ['ongoing']);
    await make('Alla nämnder', { target: 'all_committees_and_companies', leadBodyId: null, sourceKind: 'budget', sourceTitle: 'Budget 2018', deadline: '2099-12-31' });
    await make('Förra året', { year: 2017, leadBodyId: body.ks, sourceKind: 'decision', registrationNumber: 'KS 2017/0406', deadline: '2017-12-31' }, ['ongoing', 'reported', 'closed']);
    await make('=HYPERLINK("http://x")', { leadBodyId: body.ks, sourceKind: 'other' }, [], true);
    await make('Opublicerat', { deadline: '2018-01-31' }, ['ongoing'], false);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('filters the API list by year, status, body, focus area, source and lateness', async () => {
    expect(titles(await staff.api('GET', api('/api/v1/assignments?year=2017')))).toEqual(['Förra året']);
    expect(titles(await staff.api('GET', api('/api/v1/assignments?status=closed')))).toEqual(['Avslutat A', 'Avslutat B', 'Förra året']);
    // Tekniska nämnden: lead of two, and a committee under the all-target.
    expect(titles(await staff.api('GET', api(`/api/v1/assignments?body=${body.tn}`)))).toEqual(['Alla nämnder', 'Avslutat B', 'Lägesrapport']);
    // Servicenämnden: also co-responsible for one.
    expect(titles(await staff.api('GET', api(`/api/v1/assignments?body=${body.sn}&year=2018`)))).toEqual(['Alla nämnder', 'Avslutat A', 'Avslutat B', 'Försenat pågående', 'Opublicerat']);
    // The company is reached only through the all-target; the executive board leads two and is reached by the all-target too.
    expect(titles(await staff.api('GET', api(`/api/v1/assignments?body=${body.mkb}`)))).toEqual(['Alla nämnder']);
    expect(titles(await staff.api('GET', api(`/api/v1/assignments?body=${body.ks}`)))).toEqual(['=HYPERLINK("http://x")', 'Alla nämnder', 'Förra året']);
    expect(titles(await staff.api('GET', api(`/api/v1/assignments?focusArea=${focusAreaId}`)))).toEqual(['Lägesrapport']);
    expect(titles(await staff.api('GET', api('/api/v1/assignments?source=budget')))).toEqual(['Alla nämnder']);
    expect(titles(await staff.api('GET', api('/api/v1/assignments?late=true')))).toEqual(['Försenat pågående', 'Opublicerat']);
    const anonLate = await app.inject({ url: api('/api/v1/assignments?late=true') });
    expect(titles(anonLate)).toEqual(['Försenat pågående']);
    expect(anonLate.json().items[0].late).toBe(true);

    const page = await staff.api('GET', api('/api/v1/assignments?limit=3&offset=3'));
    expect(page.json().items).toHaveLength(3);
    expect(page.json().total).toBe(8);
    expect((await staff.api('GET', api('/api/v1/assignments?status=finished'))).statusCode).toBe(400);
  });

  it('shows counts per status for the selection, lateness in words, and pages the list', async () => {
    const res = await staff.get('/o/filterkommun/assignments?year=2018');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 av 7 avslutade');
    expect(res.body).toContain('Försenade: 2');
    expect(res.body).toContain('Försenat');
    expect(res.body).toContain('<caption>7 uppdrag</caption>');
    expect(res.body).toContain('Samtliga nämnder och bolag');
    // Filtering by status keeps the counts for the whole selection and narrows the table.
    const closed = await staff.get('/o/filterkommun/assignments?year=2018&status=closed');
    expect(closed.body).toContain('2 av 7 avslutade');
    expect(closed.body).toContain('<caption>2 uppdrag</caption>');
    expect(closed.body).toContain('href="/o/filterkommun/assignments.csv?year=2018&amp;status=closed"');
    const late = await staff.get('/o/filterkommun/assignments?late=true');
    expect(late.body).toContain('Försenat pågående');
    expect(late.body).not.toContain('Avslutat A');
    // Bad filter values are left out and reported rather than failing the page; the good ones still apply.
    const bad = await staff.get('/o/filterkommun/assignments?year=abc&status=nonsense&body=x');
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('error-summary');
    expect(bad.body).toContain('<caption>8 uppdrag</caption>');
    const halfBad = await staff.get('/o/filterkommun/assignments?year=2018&status=nonsense');
    expect(halfBad.body).toContain('<caption>7 uppdrag</caption>');
    // Public view of the same list: only the published ones count.
    const anon = await new TestClient(app).get('/o/filterkommun/assignments?year=2018');
    expect(anon.body).toContain('2 av 6 avslutade');

    const counts = await countByStatus(database.db, org.id, { year: 2018 }, 'internal');
    expect(counts).toMatchObject({ total: 7, byStatus: { closed: 2, progress_reported: 1, ongoing: 2, new: 2 } });
    const publicLate = await lateAssignments(database.db, org.id, {}, 'public');
    expect(publicLate.map((a) => a.title)).toEqual(['Försenat pågående']);
    expect(publicLate[0]!.bodies.map((x) => x.name)).toEqual(['Servicenämnden']);
    const internalLate = await lateAssignments(database.db, org.id, { year: 2018 }, 'internal');
    expect(internalLate.map((a) => a.title)).toEqual(['Opublicerat', 'Försenat pågående']);
  });

  it('exports the filtered list as CSV with formulas neutralised', async () => {
    const res = await staff.get('/o/filterkommun/assignments.csv?year=2018&source=other');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Referens');
    expect(lines[0]).toContain('Diarienummer');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    const all = await staff.get('/o/filterkommun/assignments.csv?status=closed');
    const rows = all.body.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    expect(all.body).toContain('KS 2017/0406');
    expect(all.body).toContain('Avslutat');
    const allTarget = await staff.get('/o/filterkommun/assignments.csv?source=budget');
    expect(allTarget.body).toContain('MKB Fastighets AB; Servicenämnden; Tekniska nämnden');
  });
});
