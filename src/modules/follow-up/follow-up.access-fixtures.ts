// The records the authorization matrix calls the follow-up routes with: approved reports of the demo,
// reports reporter A submitted and nobody approved yet (other bodies' reporters must not read them),
// and reports approved on an unpublished assignment and goal (still not public).
import type { AccessFixtureContext, AccessFixtureSetup } from '../../core/access-fixtures';

export const followUpAccessFixtures: AccessFixtureSetup = {
  after: ['organisations', 'goals', 'assignments'],
  async setup(ctx) {
    const { db, org, marker, value } = ctx;
    const period = value('period');
    const bodyA = value('body.a');
    const report = await db.selectFrom('status_reports').select('id').where('organisation_id', '=', org.id).where('state', '=', 'approved').executeTakeFirstOrThrow();
    const assessment = await db.selectFrom('goal_assessments').select('id').where('organisation_id', '=', org.id).where('state', '=', 'approved').executeTakeFirstOrThrow();
    const submittedReport = await submitted(ctx, 'status-reports', { periodId: period, bodyId: bodyA, assignmentId: value('assignment.published'), progress: 'at_risk', comment: `Utkast ${marker}` });
    const submittedAssessment = await submitted(ctx, 'goal-assessments', { periodId: period, bodyId: bodyA, goalId: value('goal.council'), assessment: 'not_met', comment: `Utkast ${marker}` });
    const approvedReport = await approved(ctx, 'status-reports', { periodId: period, bodyId: bodyA, assignmentId: value('assignment.draft'), progress: 'on_track', comment: `Godkänd men opublicerad ${marker}` });
    const approvedAssessment = await approved(ctx, 'goal-assessments', { periodId: period, bodyId: bodyA, goalId: value('goal.draft'), assessment: 'met', comment: `Godkänd men opublicerad ${marker}` });
    return {
      ids: {
        'status-reports': { unpublished: submittedReport.id, published: report.id, approvedOnUnpublished: approvedReport },
        'goal-assessments': { unpublished: submittedAssessment.id, published: assessment.id, approvedOnUnpublished: approvedAssessment },
      },
      queries: {
        'GET /o/:org/dashboard.csv': { year: '2018' },
        'GET /o/:org/dashboard.xlsx': { year: '2018' },
        'GET /o/:org/follow-up.csv': { period, body: bodyA },
        'GET /o/:org/follow-up.xlsx': { period, body: bodyA },
        'GET /o/:org/follow-up/public': { period },
        'GET /o/:org/follow-up/reports': { period },
        'GET /o/:org/follow-up/reports.csv': { period },
        'GET /o/:org/follow-up/reports.xlsx': { period },
        'GET /o/:org/follow-up/goals': { year: '2018' },
        'GET /o/:org/follow-up/goals.csv': { year: '2018' },
        'GET /o/:org/follow-up/goals.xlsx': { year: '2018' },
        'GET /o/:org/follow-up/public.csv': { period },
        'GET /o/:org/follow-up/public.xlsx': { period },
        'GET /o/:org/follow-up/status-reports/new': { period, body: bodyA, assignment: value('assignment.draft') },
        'GET /o/:org/follow-up/goal-assessments/new': { period, body: bodyA, goal: value('goal.draft') },
      },
      payloads: {
        'status-reports.create': ({ stale }) => ({ periodId: period, bodyId: bodyA, assignmentId: value('assignment.published'), progress: 'on_track', comment: 'Från behörighetstestet', version: stale }),
        'status-reports.return': ({ stale }) => ({ version: stale, returnComment: 'Komplettera, tack.' }),
        'goal-assessments.create': ({ stale }) => ({ periodId: period, bodyId: bodyA, goalId: value('goal.council'), assessment: 'met', comment: 'Från behörighetstestet', version: stale }),
        'goal-assessments.return': ({ stale }) => ({ version: stale, returnComment: 'Komplettera, tack.' }),
      },
    };
  },
};

type Collection = 'status-reports' | 'goal-assessments';

/** Saved by reporter A and submitted: waiting for review. */
async function submitted({ call }: AccessFixtureContext, collection: Collection, json: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const saved = await call('reporterA', 'POST', `/api/v1/${collection}`, json);
  const { id, version } = saved.json() as { id: string; version: number };
  const res = await call('reporterA', 'POST', `/api/v1/${collection}/${id}/submit`, { version });
  if (res.statusCode !== 200) throw new Error(`access fixtures: submitting a ${collection} item failed: ${saved.statusCode} ${res.statusCode} ${res.body}`);
  return { id, version: (res.json() as { version: number }).version };
}

/** Saved by reporter A, submitted, and approved by the strategist. */
async function approved(ctx: AccessFixtureContext, collection: Collection, json: Record<string, unknown>): Promise<string> {
  const { id, version } = await submitted(ctx, collection, json);
  const res = await ctx.call('strategist', 'POST', `/api/v1/${collection}/${id}/approve`, { version });
  if (res.statusCode !== 200) throw new Error(`access fixtures: approving a ${collection} item failed: ${res.statusCode} ${res.body}`);
  return id;
}
