import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { buildAssignment, buildGoal, buildPeriod } from './follow-up.factories';

const SLUG = 'uppfoljningskommun';
const idFrom = (location: string | undefined) => location!.split('/').pop()!;

describe.each(engines)('follow-up on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let committeeA: { id: string; name: string };
  let committeeB: { id: string; name: string };
  let period: { id: string };
  let assignment: { id: string; title: string };
  let unpublished: { id: string; title: string };
  let notOurs: { id: string; title: string };
  let councilGoal: { id: string; title: string };
  let reporter: { email: string };
  let strategist: { email: string };

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    const db = database.db;
    org = await buildOrg(db, { slug: SLUG, name: 'Uppföljningskommun' });
    const council = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    committeeA = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    committeeB = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    const office = await buildBody(db, { organisationId: org.id, name: 'Hållbarhetskontoret', kind: 'office' });
    period = await buildPeriod(db, { organisationId: org.id, year: 2018, name: 'Tertial 1 2018' });
    assignment = await buildAssignment(db, {
      organisationId: org.id,
      year: 2018,
      issuerBodyId: council.id,
      title: 'Samordna ansökningar om extern finansiering',
      leadBodyId: committeeA.id,
      coBodyIds: [committeeB.id],
    });
    unpublished = await buildAssignment(db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, title: 'Internt utredningsuppdrag', leadBodyId: committeeA.id, published: false });
    notOurs = await buildAssignment(db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, title: 'Kontorets eget uppdrag', leadBodyId: office.id });
    councilGoal = await buildGoal(db, { organisationId: org.id, bodyId: council.id, yearFrom: 2018, title: 'Malmö är en öppen och trygg stad' });
    reporter = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [committeeA.id] });
    strategist = await buildUser(db, { organisationId: org.id, role: 'strategist' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const signedIn = async (email: string) => {
    const c = new TestClient(app);
    await c.signIn(email, TEST_PASSWORD);
    return c;
  };
  const reportRow = (id: string) => database.db.selectFrom('status_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const anonymousItems = async () => (await app.inject({ url: `/api/v1/status-reports?organisation=${SLUG}` })).json() as { items: { id: string; comment: string }[]; total: number };

  it('lets a reporter file a status report for their committee, submit it, and have a strategist approve it into public view', async () => {
    const rep = await signedIn(reporter.email);
    const page = await rep.get(`/o/${SLUG}/follow-up`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Servicenämnden – Tertial 1 2018');
    expect(page.body).toContain(assignment.title);
    expect(page.body).toContain(councilGoal.title);
    expect(page.body).toContain('Ej påbörjad');
    expect(page.body).not.toContain(notOurs.title);

    const form = await rep.get(`/o/${SLUG}/follow-up/status-reports/new?period=${period.id}&body=${committeeA.id}&assignment=${assignment.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-progress">');

    const comment = 'Samordningen av ansökningarna pågår enligt plan med tre förvaltningar.';
    const saved = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'on_track', comment });
    expect(saved.statusCode).toBe(303);
    const id = idFrom(saved.headers.location as string);
    expect((await reportRow(id)).state).toBe('draft');

    // Nothing is public before approval: not the page, not the API, not the record.
    const submitted = await rep.post(`/o/${SLUG}/follow-up/status-reports/${id}/submit`, { version: 1 });
    expect(submitted.statusCode).toBe(303);
    expect((await reportRow(id)).state).toBe('submitted');
    const anon = new TestClient(app);
    expect((await anon.get(`/o/${SLUG}/follow-up/public`)).body).not.toContain(comment);
    expect((await anonymousItems()).items.map((i) => i.id)).not.toContain(id);
    expect((await app.inject({ url: `/api/v1/status-reports/${id}?organisation=${SLUG}` })).statusCode).toBe(404);
    expect((await anon.get(`/o/${SLUG}/follow-up/status-reports/${id}`)).statusCode).toBe(404);

    // Submitted means the reporter can no longer change it, nor approve it.
    const edit = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'delayed', comment: 'Ändrat', version: 2 });
    expect(edit.statusCode).toBe(403);
    expect((await rep.post(`/o/${SLUG}/follow-up/status-reports/${id}/approve`, { version: 2 })).statusCode).toBe(403);
    expect((await reportRow(id)).progress).toBe('on_track');

    const boss = await signedIn(strategist.email);
    const review = await boss.get(`/o/${SLUG}/follow-up/status-reports/${id}`);
    expect(review.body).toContain('Godkänn');
    const approved = await boss.post(`/o/${SLUG}/follow-up/status-reports/${id}/approve`, { version: 2 });
    expect(approved.statusCode).toBe(303);
    expect((await reportRow(id)).state).toBe('approved');

    const publicPage = await anon.get(`/o/${SLUG}/follow-up/public`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain(assignment.title);
    expect(publicPage.body).toContain('Servicenämnden');
    expect(publicPage.body).toContain('Enligt plan');
    expect(publicPage.body).toContain(comment);
    const api = await anonymousItems();
    expect(api.items).toEqual([expect.objectContaining({ id, comment, state: 'approved', progress: 'on_track', bodyName: 'Servicenämnden' })]);
    expect(api.total).toBe(1);
    expect((await app.inject({ url: `/api/v1/status-reports/${id}?organisation=${SLUG}` })).statusCode).toBe(200);

    const history = await boss.get(`/o/${SLUG}/history/status_report/${id}`);
    expect(history.body).toContain('Inskickad');
    expect(history.body).toContain('Godkänd');
  });

  it('refuses a reporter writing for another committee, by form or API, and writes nothing', async () => {
    const rep = await signedIn(reporter.email);
    const auditBefore = (await database.db.selectFrom('audit_events').select('id').execute()).length;
    const form = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeB.id, assignmentId: assignment.id, progress: 'on_track', comment: 'Smugglat' });
    expect(form.statusCode).toBe(403);
    const api = await rep.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, { periodId: period.id, bodyId: committeeB.id, assignmentId: assignment.id, progress: 'on_track', comment: 'Smugglat' });
    expect(api.statusCode).toBe(403);
    const goal = await rep.api('POST', `/api/v1/goal-assessments?organisation=${SLUG}`, { periodId: period.id, bodyId: committeeB.id, goalId: councilGoal.id, assessment: 'met' });
    expect(goal.statusCode).toBe(403);
    expect((await rep.get(`/o/${SLUG}/follow-up?body=${committeeB.id}`)).statusCode).toBe(403);
    expect(await database.db.selectFrom('status_reports').select('id').where('body_id', '=', committeeB.id).execute()).toEqual([]);
    expect(await database.db.selectFrom('goal_assessments').select('id').where('body_id', '=', committeeB.id).execute()).toEqual([]);
    expect((await database.db.selectFrom('audit_events').select('id').execute()).length).toBe(auditBefore);

    // A reader sees the follow-up but writes none of it.
    const reader = await signedIn((await buildUser(database.db, { organisationId: org.id, role: 'reader' })).email);
    expect((await reader.get(`/o/${SLUG}/follow-up?period=${period.id}&body=${committeeA.id}`)).statusCode).toBe(200);
    expect((await reader.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'on_track' })).statusCode).toBe(403);
    expect((await database.db.selectFrom('audit_events').select('id').execute()).length).toBe(auditBefore);

    // Anonymous callers are asked to sign in, and a report on an assignment the body is not responsible for is a field error.
    expect((await new TestClient(app).post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'on_track' })).statusCode).toBe(401);
    const wrong = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: notOurs.id, progress: 'on_track', comment: '' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Organet rapporterar inte om det uppdraget i perioden.');
  });

  it('lets a strategist return a submitted report with a comment, after which the reporter can edit and resubmit it', async () => {
    const rep = await signedIn(reporter.email);
    const boss = await signedIn(strategist.email);
    const saved = await rep.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, { periodId: period.id, bodyId: committeeA.id, assignmentId: unpublished.id, progress: 'at_risk', comment: 'Utredningen riskerar att försenas.' });
    expect(saved.statusCode).toBe(200);
    const { id, version } = saved.json() as { id: string; version: number };
    expect((await rep.api('POST', `/api/v1/status-reports/${id}/submit?organisation=${SLUG}`, { version })).statusCode).toBe(200);

    const noReason = await boss.post(`/o/${SLUG}/follow-up/status-reports/${id}/return`, { version: version + 1, returnComment: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Fältet måste fyllas i.');
    const returned = await boss.post(`/o/${SLUG}/follow-up/status-reports/${id}/return`, { version: version + 1, returnComment: 'Ange när utredningen beräknas vara klar.' });
    expect(returned.statusCode).toBe(303);
    expect(await reportRow(id)).toMatchObject({ state: 'draft', return_comment: 'Ange när utredningen beräknas vara klar.' });

    const page = await rep.get(`/o/${SLUG}/follow-up/status-reports/${id}`);
    expect(page.body).toContain('Återsänd för komplettering');
    expect(page.body).toContain('Ange när utredningen beräknas vara klar.');
    const edited = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: period.id, bodyId: committeeA.id, assignmentId: unpublished.id, progress: 'delayed', comment: 'Klar i oktober.', version: version + 2 });
    expect(edited.statusCode).toBe(303);
    expect(await reportRow(id)).toMatchObject({ state: 'draft', progress: 'delayed', comment: 'Klar i oktober.' });
    expect((await rep.post(`/o/${SLUG}/follow-up/status-reports/${id}/submit`, { version: version + 3 })).statusCode).toBe(303);
    expect((await boss.post(`/o/${SLUG}/follow-up/status-reports/${id}/approve`, { version: version + 4 })).statusCode).toBe(303);
    // Approved, but about an unpublished assignment: still not public.
    expect((await anonymousItems()).items.map((i) => i.id)).not.toContain(id);
    expect((await new TestClient(app).get(`/o/${SLUG}/follow-up/public`)).body).not.toContain('Klar i oktober.');
  });

  it('answers a stale save with 409, keeping what the user typed, in the form and the API', async () => {
    const rep = await signedIn(reporter.email);
    const boss = await signedIn(strategist.email);
    const goalForm = { periodId: period.id, bodyId: committeeA.id, goalId: councilGoal.id };
    const first = await rep.post(`/o/${SLUG}/follow-up/goal-assessments`, { ...goalForm, assessment: 'partly_met', comment: 'Tryggheten har ökat i två stadsdelar.' });
    expect(first.statusCode).toBe(303);
    const id = idFrom(first.headers.location as string);
    const theirs = await boss.post(`/o/${SLUG}/follow-up/goal-assessments`, { ...goalForm, assessment: 'met', comment: 'Strategens ändring.', version: 1 });
    expect(theirs.statusCode).toBe(303);
    const stale = await rep.post(`/o/${SLUG}/follow-up/goal-assessments`, { ...goalForm, assessment: 'not_met', comment: 'Min egen text som inte får försvinna.', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Någon annan har ändrat posten');
    expect(stale.body).toContain('Min egen text som inte får försvinna.');
    expect(stale.body).toContain('<dd>Uppfyllt</dd>');
    expect(stale.body).toContain('<dd>Strategens ändring.</dd>');
    expect(stale.body).toContain('name="version" value="2"');
    // Writing "the first" assessment when one exists is stale too.
    const blind = await rep.api('POST', `/api/v1/goal-assessments?organisation=${SLUG}`, { ...goalForm, assessment: 'not_met' });
    expect(blind.statusCode).toBe(409);
    expect(blind.json()).toMatchObject({ error: 'conflict', changedFields: expect.arrayContaining(['assessment']) });
    const staleStep = await rep.api('POST', `/api/v1/goal-assessments/${id}/submit?organisation=${SLUG}`, { version: 1 });
    expect(staleStep.statusCode).toBe(409);
    const row = await database.db.selectFrom('goal_assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ assessment: 'met', comment: 'Strategens ändring.', version: 2, state: 'draft' });

    // The assessment then goes the whole way and is public.
    expect((await rep.post(`/o/${SLUG}/follow-up/goal-assessments/${id}/submit`, { version: 2 })).statusCode).toBe(303);
    expect((await boss.post(`/o/${SLUG}/follow-up/goal-assessments/${id}/approve`, { version: 3 })).statusCode).toBe(303);
    const publicApi = (await app.inject({ url: `/api/v1/goal-assessments?organisation=${SLUG}` })).json();
    expect(publicApi.items).toEqual([expect.objectContaining({ id, assessment: 'met', goalTitle: councilGoal.title })]);
    expect((await new TestClient(app).get(`/o/${SLUG}/follow-up/public`)).body).toContain(councilGoal.title);
  });

  it('lets only one of two simultaneous first saves through; the other gets 409', async () => {
    const rep = await signedIn(reporter.email);
    const extra = await buildAssignment(database.db, { organisationId: org.id, year: 2018, issuerBodyId: committeeB.id, title: 'Samtidigt uppdrag', leadBodyId: committeeA.id });
    const body = (comment: string) => ({ periodId: period.id, bodyId: committeeA.id, assignmentId: extra.id, progress: 'on_track', comment });
    const answers = await Promise.all([
      rep.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, body('Först')),
      rep.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, body('Samtidigt')),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await database.db.selectFrom('status_reports').select('id').where('assignment_id', '=', extra.id).execute()).toHaveLength(1);
  });

  it('refuses every write once the period is closed', async () => {
    const closing = await buildPeriod(database.db, { organisationId: org.id, year: 2018, name: 'Tertial 2 2018', startsOn: '2018-05-01', endsOn: '2018-08-31' });
    const rep = await signedIn(reporter.email);
    const saved = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: closing.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'on_track', comment: 'Före stängning.' });
    expect(saved.statusCode).toBe(303);
    const id = idFrom(saved.headers.location as string);
    await database.db.updateTable('periods').set({ status: 'closed' }).where('id', '=', closing.id).execute();

    const edit = await rep.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: closing.id, bodyId: committeeA.id, assignmentId: assignment.id, progress: 'delayed', comment: 'Efter stängning.', version: 1 });
    expect(edit.statusCode).toBe(403);
    expect(edit.body).toContain('Perioden Tertial 2 2018 är stängd: rapporter kan inte längre skrivas eller ändras.');
    const submit = await rep.api('POST', `/api/v1/status-reports/${id}/submit?organisation=${SLUG}`, { version: 1 });
    expect(submit.statusCode).toBe(403);
    const boss = await signedIn(strategist.email);
    const fresh = await boss.api('POST', `/api/v1/goal-assessments?organisation=${SLUG}`, { periodId: closing.id, bodyId: committeeB.id, goalId: councilGoal.id, assessment: 'met' });
    expect(fresh.statusCode).toBe(403);
    expect(await reportRow(id)).toMatchObject({ comment: 'Före stängning.', state: 'draft', version: 1 });
    const page = await rep.get(`/o/${SLUG}/follow-up/status-reports/${id}`);
    expect(page.body).not.toContain('Spara utkast');
  });

  it('lets staff filter the API, shows each body’s progress, and finds approved reports in search', async () => {
    const boss = await signedIn(strategist.email);
    const internal = await boss.api('GET', `/api/v1/status-reports?organisation=${SLUG}&body=${committeeA.id}&year=2018&limit=1`);
    expect(internal.statusCode).toBe(200);
    expect(internal.json().items).toHaveLength(1);
    expect(internal.json().total).toBeGreaterThanOrEqual(3);
    const drafts = await boss.api('GET', `/api/v1/status-reports?organisation=${SLUG}&state=draft`);
    expect(drafts.json().items.every((i: { state: string }) => i.state === 'draft')).toBe(true);

    const overview = await boss.get(`/o/${SLUG}/follow-up?period=${period.id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Rapporter per organ, Tertial 1 2018');
    expect(overview.body).toContain('Tekniska nämnden');

    const csv = await boss.get(`/o/${SLUG}/follow-up.csv?period=${period.id}&body=${committeeA.id}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Samordningen av ansökningarna');

    const anonHits = (await app.inject({ url: `/api/v1/search?organisation=${SLUG}&q=ansökningarna` })).json();
    expect(anonHits.items.some((h: { type: string }) => h.type === 'status_report')).toBe(true);
    const anonDraft = (await app.inject({ url: `/api/v1/search?organisation=${SLUG}&q=stängning` })).json();
    expect(anonDraft.items.some((h: { type: string }) => h.type === 'status_report')).toBe(false);
    const staffDraft = (await boss.api('GET', `/api/v1/search?organisation=${SLUG}&q=stängning`)).json();
    expect(staffDraft.items.some((h: { type: string }) => h.type === 'status_report')).toBe(true);

    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/status-reports', '/api/v1/status-reports/{id}/approve', '/api/v1/goal-assessments', '/api/v1/dashboard']));
  });
});
