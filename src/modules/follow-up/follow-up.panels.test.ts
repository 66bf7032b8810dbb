// Follow-up on other modules' pages: an assignment's status reports per period, a goal's assessments,
// a body's follow-up per period; each reader sees exactly the reports the follow-up rule lets them read.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/schema';
import type { TestClient } from '../../test/client';
import { engines } from '../../test/db';
import { buildBody, buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';
import { buildAssignment, buildGoal, buildPeriod } from './follow-up.factories';
import type { Assessment, Progress, ReportState } from './follow-up.tables';

const SLUG = 'panelkommun';

async function buildReport(db: Db, o: { organisationId: string; periodId: string; bodyId: string; assignmentId: string; progress: Progress; state: ReportState; comment: string }) {
  await db
    .insertInto('status_reports')
    .values({
      organisation_id: o.organisationId,
      period_id: o.periodId,
      body_id: o.bodyId,
      assignment_id: o.assignmentId,
      progress: o.progress,
      comment: o.comment,
      state: o.state,
      submitted_at: o.state === 'draft' ? null : new Date(),
      submitted_by: null,
      approved_at: o.state === 'approved' ? new Date() : null,
      approved_by: null,
      archived_at: null,
    })
    .execute();
}

async function buildAssessment(db: Db, o: { organisationId: string; periodId: string; bodyId: string; goalId: string; assessment: Assessment; state: ReportState; comment: string }) {
  await db
    .insertInto('goal_assessments')
    .values({
      organisation_id: o.organisationId,
      period_id: o.periodId,
      body_id: o.bodyId,
      goal_id: o.goalId,
      assessment: o.assessment,
      comment: o.comment,
      state: o.state,
      submitted_at: o.state === 'draft' ? null : new Date(),
      submitted_by: null,
      approved_at: o.state === 'approved' ? new Date() : null,
      approved_by: null,
      archived_at: null,
    })
    .execute();
}

describe.each(engines)('follow-up panels on %s', (engine) => {
  const h = useFixture(() => startApp(engine));
  const ids = {} as Record<'org' | 'sn' | 'tn' | 'kf' | 'region' | 'assignment' | 'goal' | 't1' | 't2', string>;
  const clients = {} as Record<'strategist' | 'snReporter' | 'tnReporter', TestClient>;

  beforeAll(async () => {
    const db = h.db;
    const org = await buildOrg(db, { slug: SLUG, name: 'Panelkommun' });
    ids.org = org.id;
    ids.kf = (await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' })).id;
    ids.sn = (await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' })).id;
    ids.tn = (await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' })).id;
    ids.region = (await buildBody(db, { organisationId: org.id, name: 'Region Skåne', kind: 'external' })).id;
    ids.t1 = (await buildPeriod(db, { organisationId: org.id, year: 2018, name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30', status: 'closed' })).id;
    ids.t2 = (await buildPeriod(db, { organisationId: org.id, year: 2018, name: 'Tertial 2 2018', startsOn: '2018-05-01', endsOn: '2018-08-31' })).id;
    ids.assignment = (
      await buildAssignment(db, { organisationId: org.id, year: 2018, issuerBodyId: ids.kf, title: 'Samordna ansökningar om extern finansiering', leadBodyId: ids.sn, coBodyIds: [ids.tn] })
    ).id;
    ids.goal = (await buildGoal(db, { organisationId: org.id, bodyId: ids.kf, yearFrom: 2018, title: 'Malmö är en öppen och trygg stad' })).id;
    const report = { organisationId: org.id, assignmentId: ids.assignment };
    await buildReport(db, { ...report, periodId: ids.t1, bodyId: ids.sn, progress: 'on_track', state: 'approved', comment: 'Tre förvaltningar samordnar sina ansökningar.' });
    await buildReport(db, { ...report, periodId: ids.t2, bodyId: ids.sn, progress: 'at_risk', state: 'approved', comment: 'Färre ansökningar än väntat under sommaren.' });
    await buildReport(db, { ...report, periodId: ids.t2, bodyId: ids.tn, progress: 'delayed', state: 'submitted', comment: 'Tekniska nämndens inskickade men ogranskade rapport.' });
    const assessment = { organisationId: org.id, goalId: ids.goal };
    await buildAssessment(db, { ...assessment, periodId: ids.t1, bodyId: ids.sn, assessment: 'partly_met', state: 'approved', comment: 'Tryggheten ökar i två stadsdelar av fem.' });
    await buildAssessment(db, { ...assessment, periodId: ids.t2, bodyId: ids.sn, assessment: 'met', state: 'approved', comment: 'Tryggheten ökar nu i alla stadsdelar.' });
    await buildAssessment(db, { ...assessment, periodId: ids.t2, bodyId: ids.tn, assessment: 'not_met', state: 'draft', comment: 'Tekniska nämndens utkast till bedömning.' });
    clients.strategist = (await h.signIn(org.id, 'strategist')).client;
    clients.snReporter = (await h.signIn(org.id, 'reporter', { bodyIds: [ids.sn] })).client;
    clients.tnReporter = (await h.signIn(org.id, 'reporter', { bodyIds: [ids.tn] })).client;
  });

  const page = async (client: TestClient, path: string) => {
    const res = await client.get(`/o/${SLUG}${path}`);
    expect(res.statusCode, path).toBe(200);
    return res.body;
  };

  it('shows an assignment’s status reports per period: approved ones to the public, and a submitted one only to those who may read it', async () => {
    const anonymous = await page(h.anonymous(), `/assignments/${ids.assignment}`);
    expect(anonymous).toContain('<h2 id="followup-assignment-reports">Lägesrapporter</h2>');
    // Newest period first, each row linking to the report itself.
    expect(anonymous.indexOf('Färre ansökningar än väntat under sommaren.')).toBeLessThan(anonymous.indexOf('Tre förvaltningar samordnar sina ansökningar.'));
    expect(anonymous).toMatch(/<a href="\/o\/panelkommun\/follow-up\/status-reports\/[0-9a-f-]{36}">Tertial 2 2018<\/a>/);
    expect(anonymous).toContain('Risk för försening');
    expect(anonymous).not.toContain('Tekniska nämndens inskickade men ogranskade rapport.');

    // A reporter for another body does not see Tekniska nämnden's submitted report; its own reporter does, marked as submitted.
    expect(await page(clients.snReporter, `/assignments/${ids.assignment}`)).not.toContain('Tekniska nämndens inskickade men ogranskade rapport.');
    const own = await page(clients.tnReporter, `/assignments/${ids.assignment}`);
    expect(own).toContain('Tekniska nämndens inskickade men ogranskade rapport.');
    expect(own).toContain('Inskickad');
    expect(await page(clients.strategist, `/assignments/${ids.assignment}`)).toContain('Tekniska nämndens inskickade men ogranskade rapport.');

    // In English too.
    expect(await page(h.anonymous(), `/assignments/${ids.assignment}?lang=en`)).toContain('<h2 id="followup-assignment-reports">Status reports</h2>');
  });

  it('shows a goal’s latest assessment per body and its history, drafts only to those who may read them', async () => {
    const anonymous = await page(h.anonymous(), `/goals/${ids.goal}`);
    const latest = anonymous.slice(anonymous.indexOf('Senaste bedömning per organ'), anonymous.indexOf('Alla bedömningar'));
    // Servicenämnden's latest is Tertial 2's "Uppfyllt", not Tertial 1's "Delvis uppfyllt".
    expect(latest).toContain('Servicenämnden');
    expect(latest).toContain('Uppfyllt');
    expect(latest).not.toContain('Delvis uppfyllt');
    expect(latest).not.toContain('Tekniska nämnden');
    const history = anonymous.slice(anonymous.indexOf('Alla bedömningar'));
    expect(history).toContain('Tryggheten ökar i två stadsdelar av fem.');
    expect(history).toContain('Tryggheten ökar nu i alla stadsdelar.');
    expect(anonymous).not.toContain('Tekniska nämndens utkast till bedömning.');

    expect(await page(clients.snReporter, `/goals/${ids.goal}`)).not.toContain('Tekniska nämndens utkast till bedömning.');
    const staff = await page(clients.strategist, `/goals/${ids.goal}`);
    expect(staff).toContain('Tekniska nämndens utkast till bedömning.');
    expect(staff).toContain('Utkast');
  });

  it('shows a body’s follow-up per period, each period a link to the follow-up list of that body and period', async () => {
    // Servicenämnden owes in each period: the assignment and the council's goal.
    const staff = await page(clients.strategist, `/bodies/${ids.sn}`);
    expect(staff).toContain('<h2 id="followup-body-periods">Uppföljning per period</h2>');
    expect(staff).toContain(`<a href="/o/${SLUG}/follow-up?period=${ids.t2}&amp;body=${ids.sn}">Tertial 2 2018</a>`);
    expect(staff).toMatch(/Tertial 1 2018<\/a><span class="muted"> \(stängd\)<\/span><\/th><td>2 av 2<\/td>/);

    // Tekniska nämnden: one submitted report and one draft in Tertial 2. Its reporter and staff see them as such;
    // the public and another body's reporter only count what is approved, and go to the public follow-up.
    const tnRow = (html: string) => html.slice(html.indexOf('Tertial 2 2018</a>'), html.indexOf('</tr>', html.indexOf('Tertial 2 2018</a>')));
    expect(tnRow(await page(clients.tnReporter, `/bodies/${ids.tn}`))).toBe('Tertial 2 2018</a></th><td>0 av 2</td><td>1</td><td>1</td><td>0</td>');
    const publicPage = await page(h.anonymous(), `/bodies/${ids.tn}`);
    expect(tnRow(publicPage)).toBe('Tertial 2 2018</a></th><td>0 av 2</td>');
    expect(publicPage).toContain(`<a href="/o/${SLUG}/follow-up/public?period=${ids.t2}">Tertial 2 2018</a>`);
    expect(tnRow(await page(clients.snReporter, `/bodies/${ids.tn}`))).toBe('Tertial 2 2018</a></th><td>0 av 2</td>');

    // An external actor owes nothing: no follow-up section on its page.
    expect(await page(clients.strategist, `/bodies/${ids.region}`)).not.toContain('followup-body-periods');
  });
});
