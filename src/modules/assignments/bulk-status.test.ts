import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { buildApp } from '../../core/http/app';
import { JobRunner } from '../../core/jobs';
import { buildCatalogue } from '../../core/catalogue';
import { systemContext } from '../../core/context';
import { organisationsModule } from '../organisations';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { assignmentsModule, changeAssignmentStatus, createAssignment, type BulkStatusResult } from './index';

type Json = Record<string, any>;

describe.each(engines)('changing the status of many assignments at once on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let staff: TestClient;
  let reader: TestClient;
  let strategist: { id: string; email: string };
  let issuer: string;
  let lead: string;
  const runner = () => new JobRunner(database.db, { catalogue: buildCatalogue([assignmentsModule]), engine });

  const api = (path: string) => `${path}${path.includes('?') ? '&' : '?'}organisation=massandring`;
  const systemCtx = () => systemContext(database.db, buildCatalogue([assignmentsModule, organisationsModule]), 'test');

  async function assignment(title: string, statuses: string[] = []): Promise<{ id: string; version: number }> {
    const created = await createAssignment(systemCtx(), org.id, { title, year: 2018, issuerBodyId: issuer, leadBodyId: lead, sourceKind: 'budget' });
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    let a = created.value;
    for (const status of statuses) {
      const moved = await changeAssignmentStatus(systemCtx(), org.id, a.id, { status, comment: 'Förberedelse', version: a.version });
      if (!moved.ok) throw new Error(JSON.stringify(moved.fieldErrors));
      a = moved.value;
    }
    return { id: a.id, version: a.version };
  }

  const current = (id: string) => database.db.selectFrom('assignments').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const history = (id: string) => database.db.selectFrom('assignment_status_changes').selectAll().where('assignment_id', '=', id).orderBy('changed_at').orderBy('id').execute();
  const statusAudits = (id: string) =>
    database.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'assignment').where('entity_id', '=', id).where('action', '=', 'status').execute();
  const jobCount = async () => Number((await database.db.selectFrom('jobs').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await buildApp({ config: loadConfig({}), database, modules: [assignmentsModule, organisationsModule] });
    const db = database.db;
    org = await buildOrg(db, { slug: 'massandring', name: 'Massändringskommun' });
    await buildYear(db, org.id, 2018);
    issuer = (await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' })).id;
    lead = (await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' })).id;
    strategist = await buildUser(db, { organisationId: org.id, role: 'strategist', name: 'Stina Strateg' });
    const readerUser = await buildUser(db, { organisationId: org.id, role: 'reader' });
    staff = new TestClient(app);
    await staff.signIn(strategist.email, TEST_PASSWORD);
    reader = new TestClient(app);
    await reader.signIn(readerUser.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Posts the page's last POST form with its hidden fields, as a browser does when its button is pressed. */
  const submitForm = (client: TestClient, html: string) => {
    const form = [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)].at(-1)!;
    const fields: Record<string, string[]> = {};
    const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const [, name, value] of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) (fields[name!] ??= []).push(unescape(value!));
    return client.post(unescape(form[1]!), fields);
  };

  it('offers staff a labelled checkbox per assignment and the status form under the table; others see no checkboxes', async () => {
    const a = await assignment('Kryssbart uppdrag');
    const page = await staff.get('/o/massandring/assignments');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/o/massandring/assignments/bulk-status"');
    expect(page.body).toContain(`<input type="checkbox" id="bulk-${a.id}" name="assignments" value="${a.id}:${a.version}"/>`);
    expect(page.body).toContain(`<label for="bulk-${a.id}" class="visually-hidden">Välj Kryssbart uppdrag</label>`);
    expect(page.body).toContain('<legend>Ändra status för valda uppdrag</legend>');
    // One control per id: the filter's status field and the new status do not share one.
    expect(page.body.match(/id="f-status"/g)).toHaveLength(1);
    expect(page.body).toContain('<label for="f-newStatus">Ny status');
    for (const other of [reader, new TestClient(app)]) {
      const res = await other.get('/o/massandring/assignments');
      expect(res.body).not.toContain('bulk-status');
      expect(res.body).not.toContain('name="assignments"');
    }
  });

  it('moves the ticked assignments through the form, each with its history and audit entry, and reports those that could not move', async () => {
    const fresh = [await assignment('Nytt ett'), await assignment('Nytt två')];
    const cancelled = await assignment('Avbrutet uppdrag', ['cancelled']);
    const jobsBefore = await jobCount();
    const asked = await staff.post('/o/massandring/assignments/bulk-status', {
      assignments: [...fresh, cancelled].map((a) => `${a.id}:${a.version}`),
      newStatus: 'ongoing',
      comment: 'Arbetet har börjat enligt nämndens plan',
      decisionReference: 'KS §12',
      query: 'year=2018',
    });
    // First the confirmation: how many change, to what, which keep their status and why; nothing is queued yet.
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Ändra status för 3 uppdrag?</h1>');
    expect(asked.body).toContain('2 uppdrag får statusen ”Pågående”.');
    expect(asked.body).toContain('1 uppdrag behåller sin status; skälet står i tabellen.');
    expect(asked.body).toContain('<th scope="row">Nytt ett</th><td>Nytt</td><td>Pågående</td>');
    expect(asked.body).toContain('<th scope="row">Avbrutet uppdrag</th><td>Avbrutet</td><td>Behåller ”Avbrutet”. Kan inte gå från ”Avbrutet” till ”Pågående”.</td>');
    expect(asked.body).toContain('>Ja, ändra status för 2 uppdrag</button>');
    expect(asked.body).toContain('<a href="/o/massandring/assignments?year=2018">Avbryt</a>');
    expect(await jobCount()).toBe(jobsBefore);
    expect(await current(fresh[0]!.id)).toEqual({ status: 'new', version: fresh[0]!.version });
    // The confirmation page's own form, exactly as the browser would send it.
    const res = await submitForm(staff, asked.body);
    expect(res.statusCode, res.body).toBe(303);
    const jobPath = res.headers.location as string;
    expect(jobPath).toMatch(/^\/o\/massandring\/jobs\/[0-9a-f-]{36}$/);
    const queuedPage = await staff.get(jobPath);
    expect(queuedPage.body).toContain('Statusändringen har startats och görs i bakgrunden.');
    expect(queuedPage.body).toContain('Väntar');

    expect(await runner().drain()).toBe(1);
    for (const a of fresh) {
      expect(await current(a.id)).toMatchObject({ status: 'ongoing', version: a.version + 1 });
      const rows = await history(a.id);
      expect(rows.at(-1)).toMatchObject({ from_status: 'new', to_status: 'ongoing', comment: 'Arbetet har börjat enligt nämndens plan', decision_reference: 'KS §12', changed_by: strategist.id });
      const audits = await statusAudits(a.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_id: strategist.id, before: { status: 'new' }, after: { status: 'ongoing' } });
    }
    // Cancelled cannot go back to ongoing: unchanged, and listed in the result.
    expect(await current(cancelled.id)).toEqual({ status: 'cancelled', version: cancelled.version });
    expect(await statusAudits(cancelled.id)).toHaveLength(1);

    const done = await staff.get(jobPath);
    expect(done.body).toContain('Klart');
    expect(done.body).toContain('2 av 3 uppdrag fick statusen ”Pågående”. 1 behöll sin status:');
    expect(done.body).toContain(`<a href="/o/massandring/assignments/${cancelled.id}">Avbrutet uppdrag</a>`);
    expect(done.body).toContain('Kan inte gå från ”Avbrutet” till ”Pågående”.');
    expect(done.body).toContain('3 av 3');

    const jobId = jobPath.split('/').at(-1)!;
    const json = (await staff.api('GET', api(`/api/v1/jobs/${jobId}`))).json();
    expect(json).toMatchObject({ id: jobId, kind: 'assignments.bulk-status', state: 'done', progress: { done: 3, total: 3 }, attempts: 1, error: null, createdBy: strategist.id });
    const result = json.result as BulkStatusResult;
    expect(result).toMatchObject({ to: 'ongoing', total: 3, applied: 2 });
    expect(result.refused).toEqual([{ id: cancelled.id, label: 'Avbrutet uppdrag', reason: 'transition', from: 'cancelled' }]);

    const list = await staff.get('/o/massandring/jobs');
    expect(list.body).toContain(`<a href="${jobPath}">Statusändring för flera uppdrag</a>`);
    expect(list.body).toContain('Stina Strateg');
    // Who started it is in the audit trail too.
    const started = await database.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'job').where('entity_id', '=', jobId).execute();
    expect(started).toMatchObject([{ action: 'create', actor_id: strategist.id }]);
    expect((await verifyAuditChain(database.db)).every((r) => r.ok)).toBe(true);
  });

  it('answers 202 with the job through the API, and refuses a change made on a version someone else has since replaced', async () => {
    const a = await assignment('Via API');
    const stale = await assignment('Ändrat under tiden');
    const moved = await changeAssignmentStatus(systemCtx(), org.id, stale.id, { status: 'ongoing', comment: '', version: stale.version });
    expect(moved.ok).toBe(true);
    const res = await staff.api('POST', api('/api/v1/assignments/bulk-status'), {
      status: 'ongoing',
      comment: 'Igång',
      assignments: [a, stale],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'assignments.bulk-status', state: 'queued', progress: null });
    await runner().drain();
    const job = (await staff.api('GET', api(`/api/v1/jobs/${res.json().id}`))).json();
    expect(job.result.applied).toBe(1);
    expect(job.result.refused).toEqual([{ id: stale.id, label: 'Ändrat under tiden', reason: 'conflict', from: 'ongoing' }]);
    expect(await history(stale.id)).toHaveLength(2);
    const page = await staff.get(`/o/massandring/jobs/${res.json().id}?lang=en`);
    expect(page.body).toContain('Someone else changed the assignment after you opened the list. Its status is “Ongoing”.');
  });

  it('reports assignments that need a comment for the step, and moves the rest', async () => {
    const ongoing = await assignment('Pågår', ['ongoing']);
    const reported = await assignment('Återrapporterat', ['ongoing', 'reported']);
    // Cancelling needs a comment; none given.
    const res = await staff.api('POST', api('/api/v1/assignments/bulk-status'), { status: 'cancelled', assignments: [ongoing, reported] });
    expect(res.statusCode).toBe(202);
    await runner().drain();
    const job = (await staff.api('GET', api(`/api/v1/jobs/${res.json().id}`))).json();
    expect(job.result.applied).toBe(0);
    expect(job.result.refused.map((r: Json) => r.reason)).toEqual(['comment_required', 'comment_required']);
  });

  it('refuses an empty selection next to the table, keeping what was typed, and queues nothing', async () => {
    const before = await jobCount();
    const res = await staff.post('/o/massandring/assignments/bulk-status', { newStatus: 'ongoing', comment: 'Min kommentar som inte får försvinna', query: 'year=2018' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#f-assignments">Kryssa i minst ett uppdrag i tabellen.</a>');
    expect(res.body).toContain('Min kommentar som inte får försvinna');
    expect(res.body).toContain('<option value="ongoing" selected="">');
    expect(await jobCount()).toBe(before);
    const api400 = await staff.api('POST', api('/api/v1/assignments/bulk-status'), { status: 'ongoing', assignments: [] });
    expect(api400.statusCode).toBe(400);
    expect(await jobCount()).toBe(before);
  });

  it('lets only staff start a bulk change or see jobs', async () => {
    const a = await assignment('Skyddat');
    const before = await jobCount();
    const form = await reader.post('/o/massandring/assignments/bulk-status', { assignments: `${a.id}:${a.version}`, newStatus: 'ongoing' });
    expect(form.statusCode).toBe(403);
    const anon = await new TestClient(app).api('POST', api('/api/v1/assignments/bulk-status'), { status: 'ongoing', assignments: [a] });
    expect(anon.statusCode).toBe(401);
    expect(await jobCount()).toBe(before);
    expect((await reader.get('/o/massandring/jobs')).statusCode).toBe(403);
    const someJob = await database.db.selectFrom('jobs').select('id').limit(1).executeTakeFirstOrThrow();
    expect((await reader.get(`/o/massandring/jobs/${someJob.id}`)).statusCode).toBe(403);
    expect((await reader.api('GET', api(`/api/v1/jobs/${someJob.id}`))).statusCode).toBe(403);
    // Staff of another organisation do not see this one's jobs.
    const other = await buildOrg(database.db, { slug: 'grannkommun' });
    const otherAdmin = await buildUser(database.db, { organisationId: other.id, role: 'admin' });
    const outsider = new TestClient(app);
    await outsider.signIn(otherAdmin.email, TEST_PASSWORD);
    expect((await outsider.get(`/o/massandring/jobs/${someJob.id}`)).statusCode).toBe(403);
    expect((await outsider.api('GET', `/api/v1/jobs/${someJob.id}?organisation=grannkommun`)).statusCode).toBe(404);
    expect((await staff.get('/o/massandring/assignments')).body).toContain('href="/o/massandring/jobs"');
    expect((await reader.get('/o/massandring/assignments')).body).not.toContain('href="/o/massandring/jobs"');
  });

  it('resumed after an interruption, skips what was done and does not change twice the assignment it committed just before', async () => {
    const items = [await assignment('Först'), await assignment('Mitt i'), await assignment('Sist')];
    const res = await staff.api('POST', api('/api/v1/assignments/bulk-status'), { status: 'ongoing', comment: 'Igång efter avbrott', assignments: items });
    const jobId = res.json().id as string;
    // A server applied the first two and died after committing the second, before its checkpoint.
    const owner = await database.db.selectFrom('users').select(['id', 'organisation_id', 'role', 'name', 'email']).where('id', '=', strategist.id).executeTakeFirstOrThrow();
    const actorCtx = { ...systemCtx(), actor: { kind: 'user' as const, id: owner.id, organisationId: owner.organisation_id, role: owner.role, name: owner.name, email: owner.email, bodyIds: [] } };
    for (const a of items.slice(0, 2)) expect((await changeAssignmentStatus(actorCtx, org.id, a.id, { status: 'ongoing', comment: 'Igång efter avbrott', version: a.version })).ok).toBe(true);
    await database.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, started_at: sql`now()`, heartbeat_at: sql`now() - interval '1 hour'`, progress: JSON.stringify({ done: 1, total: 3, applied: 1, refused: [] }) })
      .where('id', '=', jobId)
      .execute();

    const r = new JobRunner(database.db, { catalogue: buildCatalogue([assignmentsModule]), engine, staleMs: 1000 });
    expect(await r.recover('stale')).toEqual({ requeued: 1, failed: 0 });
    await r.drain();
    const job = (await staff.api('GET', api(`/api/v1/jobs/${jobId}`))).json();
    expect(job).toMatchObject({ state: 'done', attempts: 2, progress: { done: 3, total: 3 } });
    expect(job.result).toMatchObject({ applied: 3, refused: [] });
    for (const a of items) {
      expect((await history(a.id)).filter((h) => h.to_status === 'ongoing')).toHaveLength(1);
      expect(await statusAudits(a.id)).toHaveLength(1);
      expect(await current(a.id)).toEqual({ status: 'ongoing', version: a.version + 1 });
    }
  });
});
