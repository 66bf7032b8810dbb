// The records the authorization matrix calls the assignments routes with: the published "Uppdrag
// 2018:1" of the demo, an unpublished one made through the API, and a queued bulk-status job.
import type { AccessFixtureSetup } from '../../core/access-fixtures';

export const assignmentsAccessFixtures: AccessFixtureSetup = {
  after: ['organisations', 'goals'],
  async setup({ db, org, marker, call, create, value }) {
    const published = await db.selectFrom('assignments').select('id').where('organisation_id', '=', org.id).where('reference', '=', 'Uppdrag 2018:1').executeTakeFirstOrThrow();
    const draft = await create('strategist', '/api/v1/assignments', {
      title: `Opublicerat uppdrag ${marker}`,
      body: `Utkast ${marker}`,
      year: 2018,
      issuerBodyId: value('body.council'),
      target: 'bodies',
      leadBodyId: value('body.a'),
      sourceKind: 'budget',
      // Past its deadline and open: it would be counted and listed among late assignments.
      deadline: '2018-06-30',
      goalIds: [value('goal.council')],
    });
    // The published assignment linked to the unpublished goal: its public page must not show the goal.
    await db.insertInto('assignment_goals').values({ organisation_id: org.id, assignment_id: published.id, goal_id: value('goal.draft') }).execute();
    // A queued background job (the matrix runs no job runner, so it stays queued).
    const job = await call('strategist', 'POST', '/api/v1/assignments/bulk-status', { status: 'ongoing', comment: 'Från behörighetstestet', assignments: [{ id: draft, version: 999_999 }] });
    if (job.statusCode !== 202) throw new Error(`access fixtures: starting a job failed: ${job.statusCode} ${job.body}`);
    const assignment = { title: 'Uppdrag från behörighetstestet', year: 2018, issuerBodyId: value('body.council'), target: 'bodies', leadBodyId: value('body.a'), sourceKind: 'budget' };
    return {
      values: { 'assignment.published': published.id, 'assignment.draft': draft },
      ids: {
        assignments: { unpublished: draft, published: published.id },
        jobs: { unpublished: (job.json() as { id: string }).id },
      },
      payloads: {
        'assignments.create': assignment,
        'assignments.update': ({ stale }) => ({ ...assignment, version: stale }),
        'assignments.status': ({ stale }) => ({ status: 'ongoing', comment: 'Från behörighetstestet', version: stale }),
        // Ticked boxes in the list form carry "id:version"; the API takes objects.
        'assignments.bulk-status': ({ api, stale }) => ({ status: 'ongoing', comment: 'Från behörighetstestet', assignments: api ? [{ id: draft, version: stale }] : [`${draft}:${stale}`] }),
      },
    };
  },
};
