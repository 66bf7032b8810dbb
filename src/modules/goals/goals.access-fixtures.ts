// The records the authorization matrix calls the goals routes with: the published council goal and
// direction of the demo, and an unpublished sub-goal and direction made through the API.
import type { AccessFixtureSetup } from '../../core/access-fixtures';

export const goalsAccessFixtures: AccessFixtureSetup = {
  after: ['organisations'],
  async setup({ db, org, marker, create, value }) {
    const councilGoal = await db.selectFrom('goals').select('id').where('organisation_id', '=', org.id).where('reference', '=', 'KF-mål 2018').executeTakeFirstOrThrow();
    const direction = await db.selectFrom('directions').select('id').where('organisation_id', '=', org.id).where('published_at', 'is not', null).executeTakeFirstOrThrow();
    // A sub-goal of a published goal: a public page listing sub-goals would show the leak.
    const draftGoal = await create('strategist', '/api/v1/goals', { bodyId: value('body.a'), parentId: councilGoal.id, title: `Opublicerat delmål ${marker}`, description: `Utkast ${marker}`, yearFrom: 2018 });
    const draftDirection = await create('strategist', '/api/v1/directions', { bodyId: value('body.a'), year: 2018, title: `Utkast ${marker}`, body: `Utkast till inriktning ${marker}` });
    const goal = { bodyId: value('body.a'), title: 'Mål från behörighetstestet', yearFrom: 2018 };
    const dir = { bodyId: value('body.b'), year: 2018, title: 'Inriktning från behörighetstestet', body: 'Text.' };
    return {
      values: { 'goal.council': councilGoal.id, 'goal.draft': draftGoal },
      ids: {
        goals: { unpublished: draftGoal, published: councilGoal.id },
        directions: { unpublished: draftDirection, published: direction.id },
      },
      history: { type: 'goal', id: draftGoal },
      payloads: {
        'goals.create': goal,
        'goals.update': ({ stale }) => ({ ...goal, version: stale }),
        'directions.create': dir,
        'directions.update': ({ stale }) => ({ ...dir, version: stale }),
      },
    };
  },
};
