// Who owes which report and who may read which: a body owes reports only for periods still open for
// reporting when it became responsible; a reporter reads another body's report only once approved.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import type { Database } from '../../core/db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { buildAssignment, buildGoal, buildPeriod } from './follow-up.factories';
import { bodyProgress, listPeriods } from './follow-up.queries';

const SLUG = 'regelkommun';
const api = (path: string, query = '') => `/api/v1/${path}?organisation=${SLUG}${query}`;

describe.each(engines)('follow-up rules on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let council: { id: string };
  let service: { id: string; name: string };
  let technical: { id: string; name: string };
  let newCommittee: { id: string; name: string };
  /** Reporting closed on 2018-05-15, long before any body was attached today. */
  let closedWindow: { id: string };
  /** Reporting open until 2099: a body attached today still owes it. */
  let openWindow: { id: string };
  let reporterA: { email: string };
  let reporterB: { email: string };
  let strategist: { email: string };
  let reader: { email: string };

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    const db = database.db;
    org = await buildOrg(db, { slug: SLUG, name: 'Regelkommun' });
    council = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    service = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    technical = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    // Created today: it has existed for none of 2018's reporting.
    newCommittee = await buildBody(db, { organisationId: org.id, name: 'Nya nämnden', kind: 'committee', createdAt: new Date() });
    closedWindow = await buildPeriod(db, { organisationId: org.id, year: 2018, name: 'Tertial 1 2018', endsOn: '2018-04-30', reportDue: '2018-05-15' });
    openWindow = await buildPeriod(db, { organisationId: org.id, year: 2098, name: 'Tertial 1 2098', startsOn: '2098-01-01', endsOn: '2098-04-30', reportDue: '2099-05-15' });
    reporterA = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [service.id] });
    reporterB = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [technical.id] });
    strategist = await buildUser(db, { organisationId: org.id, role: 'strategist' });
    reader = await buildUser(db, { organisationId: org.id, role: 'reader' });
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
  const reportingPage = async (client: TestClient, period: { id: string }, body: { id: string }) => (await client.get(`/o/${SLUG}/follow-up?period=${period.id}&body=${body.id}`)).body;
  const progressOf = async (periodId: string, bodyId: string) => {
    const period = (await listPeriods(database.db, org.id)).find((p) => p.id === periodId)!;
    return (await bodyProgress(database.db, org.id, period, { publicOnly: false })).find((r) => r.body_id === bodyId);
  };

  it('asks a body attached to an assignment after a period closed for reporting nothing for that period, and the next one in full', async () => {
    const boss = await signedIn(strategist.email);
    const created = await boss.api('POST', api('assignments'), {
      title: 'Minska matsvinnet i verksamheterna',
      year: 2018,
      issuerBodyId: council.id,
      leadBodyId: service.id,
      sourceKind: 'budget',
    });
    expect(created.statusCode).toBe(201);
    const assignment = created.json() as { id: string; title: string; version: number };
    // Tekniska nämnden joins today, years after Tertial 1 2018's reports were due.
    const attached = await boss.api('PUT', api(`assignments/${assignment.id}`), {
      title: assignment.title,
      year: 2018,
      issuerBodyId: council.id,
      leadBodyId: service.id,
      coBodyIds: [technical.id],
      sourceKind: 'budget',
      version: assignment.version,
    });
    expect(attached.statusCode).toBe(200);
    const link = await database.db.selectFrom('assignment_bodies').select(['body_id', 'responsible_from']).where('assignment_id', '=', assignment.id).execute();
    expect(link.find((l) => l.body_id === service.id)?.responsible_from).toBeNull();
    expect(link.find((l) => l.body_id === technical.id)?.responsible_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Named by the decision: Servicenämnden owes the report of Tertial 1 2018 …
    const repA = await signedIn(reporterA.email);
    expect(await reportingPage(repA, closedWindow, service)).toContain(assignment.title);
    expect((await progressOf(closedWindow.id, service.id))?.expected).toBe(1);
    // … Tekniska nämnden is neither offered it nor counted as missing it,
    const repB = await signedIn(reporterB.email);
    expect(await reportingPage(repB, closedWindow, technical)).not.toContain(assignment.title);
    expect(await progressOf(closedWindow.id, technical.id)).toBeUndefined();
    // and a crafted form or API call for it is refused with the reason, writing nothing.
    const form = await repB.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: closedWindow.id, bodyId: technical.id, assignmentId: assignment.id, progress: 'on_track', comment: 'För sent påkopplad' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Ett organ rapporterar bara för perioder vars rapportering pågick när det fick uppdraget.');
    const viaApi = await repB.api('POST', api('status-reports'), { periodId: closedWindow.id, bodyId: technical.id, assignmentId: assignment.id, progress: 'on_track', comment: 'För sent påkopplad' });
    expect(viaApi.statusCode).toBe(400);
    expect((viaApi.json() as { fieldErrors: Record<string, string> }).fieldErrors.assignmentId).toContain('Ett organ rapporterar bara för perioder vars rapportering pågick när det fick uppdraget.');
    const written = await database.db.selectFrom('status_reports').select('id').where('assignment_id', '=', assignment.id).execute();
    expect(written).toEqual([]);

    // A period whose reporting is still open is owed by both.
    expect(await reportingPage(repB, openWindow, technical)).toContain(assignment.title);
    expect((await progressOf(openWindow.id, technical.id))?.expected).toBe(1);
    const saved = await repB.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: openWindow.id, bodyId: technical.id, assignmentId: assignment.id, progress: 'on_track', comment: 'Påbörjat' });
    expect(saved.statusCode).toBe(303);

    // Editing the assignment again keeps the day each body was attached.
    const again = await boss.api('PUT', api(`assignments/${assignment.id}`), {
      title: `${assignment.title} i hela kommunen`,
      year: 2018,
      issuerBodyId: council.id,
      leadBodyId: technical.id,
      coBodyIds: [service.id],
      sourceKind: 'budget',
      version: (attached.json() as { version: number }).version,
    });
    expect(again.statusCode).toBe(200);
    const after = await database.db.selectFrom('assignment_bodies').select(['body_id', 'responsible_from']).where('assignment_id', '=', assignment.id).execute();
    expect(after.find((l) => l.body_id === service.id)?.responsible_from).toBeNull();
    expect(after.find((l) => l.body_id === technical.id)?.responsible_from).toBe(link.find((l) => l.body_id === technical.id)?.responsible_from);
  });

  it('asks a body created today nothing of 2018, neither "all committees" assignments nor council goals, and both once reporting is open', async () => {
    const db = database.db;
    const all = await buildAssignment(db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, title: 'Alla nämnder redovisar sin kompetensförsörjning', allCommitteesAndCompanies: true });
    const goal = await buildGoal(db, { organisationId: org.id, bodyId: council.id, yearFrom: 2018, title: 'Malmö är en stad för alla' });
    const boss = await signedIn(strategist.email);

    const old2018 = await reportingPage(boss, closedWindow, service);
    expect(old2018).toContain(all.title);
    expect(old2018).toContain(goal.title);
    const new2018 = await reportingPage(boss, closedWindow, newCommittee);
    expect(new2018).not.toContain(all.title);
    expect(new2018).not.toContain(goal.title);
    expect(await progressOf(closedWindow.id, newCommittee.id)).toBeUndefined();
    const refused = await boss.post(`/o/${SLUG}/follow-up/goal-assessments`, { periodId: closedWindow.id, bodyId: newCommittee.id, goalId: goal.id, assessment: 'met', comment: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Ett organ bedömer bara perioder vars rapportering pågick när organet fanns.');

    const newOpen = await reportingPage(boss, openWindow, newCommittee);
    expect(newOpen).toContain(all.title);
    expect(newOpen).toContain(goal.title);
    expect((await progressOf(openWindow.id, newCommittee.id))?.expected).toBe(2);
  });

  it("keeps a body's unapproved reports from other bodies' reporters, by URL, API, search and feed, and shows them once approved", async () => {
    const db = database.db;
    const assignment = await buildAssignment(db, { organisationId: org.id, year: 2018, issuerBodyId: council.id, title: 'Inför digitala fakturor', leadBodyId: service.id, coBodyIds: [technical.id] });
    const goal = await buildGoal(db, { organisationId: org.id, bodyId: service.id, yearFrom: 2018, title: 'Servicenämndens kunder är nöjda' });
    const repA = await signedIn(reporterA.email);
    const repB = await signedIn(reporterB.email);
    const boss = await signedIn(strategist.email);
    const readerClient = await signedIn(reader.email);
    const anon = new TestClient(app);

    const words = 'Fakturaflödet digitaliserades under våren';
    const saved = await repA.api('POST', api('status-reports'), { periodId: closedWindow.id, bodyId: service.id, assignmentId: assignment.id, progress: 'at_risk', comment: words });
    expect(saved.statusCode).toBe(200);
    const report = saved.json() as { id: string; version: number };
    const submitted = await repA.api('POST', api(`status-reports/${report.id}/submit`), { version: report.version });
    expect(submitted.statusCode).toBe(200);
    const assessed = await repA.api('POST', api('goal-assessments'), { periodId: closedWindow.id, bodyId: service.id, goalId: goal.id, assessment: 'partly_met', comment: 'Kundenkäten visar förbättring' });
    const assessment = assessed.json() as { id: string; version: number };

    const reportPage = `/o/${SLUG}/follow-up/status-reports/${report.id}`;
    const assessmentPage = `/o/${SLUG}/follow-up/goal-assessments/${assessment.id}`;
    const searchHits = async (client: TestClient) =>
      ((await client.api('GET', api('search', `&q=${encodeURIComponent('fakturaflödet')}`))).json() as { items: { id: string }[] }).items.map((h) => h.id);
    const listed = async (client: TestClient) => ((await client.api('GET', api('status-reports', `&assignment=${assignment.id}`))).json() as { items: { id: string }[] }).items.map((i) => i.id);
    const feed = async () => (await anon.get(api('feeds/status-reports.atom'))).body;

    // Their own body's reporter, readers and staff read it in every state …
    for (const client of [repA, readerClient, boss]) {
      expect((await client.get(reportPage)).statusCode).toBe(200);
      expect((await client.api('GET', api(`status-reports/${report.id}`))).statusCode).toBe(200);
      expect(await listed(client)).toContain(report.id);
      expect(await searchHits(client)).toContain(report.id);
    }
    expect((await repA.get(assessmentPage)).statusCode).toBe(200);
    expect((await readerClient.get(assessmentPage)).statusCode).toBe(200);
    // … another body's reporter finds nothing: the page and the API answer 404, as for a report that does not exist,
    const page = await repB.get(reportPage);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(words);
    expect((await repB.api('GET', api(`status-reports/${report.id}`))).statusCode).toBe(404);
    expect((await repB.get(assessmentPage)).statusCode).toBe(404);
    expect((await repB.api('GET', api(`goal-assessments/${assessment.id}`))).statusCode).toBe(404);
    expect(await listed(repB)).not.toContain(report.id);
    expect(await searchHits(repB)).not.toContain(report.id);
    expect(await feed()).not.toContain(words);

    // Approved, it is everyone's to read.
    const approved = await boss.api('POST', api(`status-reports/${report.id}/approve`), { version: (submitted.json() as { version: number }).version });
    expect(approved.statusCode).toBe(200);
    const shown = await repB.get(reportPage);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(words);
    expect((await repB.api('GET', api(`status-reports/${report.id}`))).statusCode).toBe(200);
    expect(await listed(repB)).toContain(report.id);
    expect(await searchHits(repB)).toContain(report.id);
    expect(await feed()).toContain(words);
    // The assessment still waits for its own approval.
    expect((await repB.get(assessmentPage)).statusCode).toBe(404);
  });
});
