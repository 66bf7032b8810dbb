// Hostile input through follow-up: the comment of a status report and of a goal assessment, and the
// comment a strategist returns one with; approved, so the public page, its CSV, the Atom feed, the
// dashboard and search show them too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAssignment, buildGoal } from '../../src/modules/follow-up/follow-up.factories';
import { engines } from '../../src/test/db';
import {
  assertSafeRoundTrip,
  garbageField,
  hostileRuns,
  line,
  multiline,
  PROPERTY_TIMEOUT,
  searchViews,
  sendVia,
  sent,
  textFieldProperty,
  useHostileWorld,
  via,
  writtenId,
} from '../../src/test/hostile';

describe.each(engines)('hostile input: follow-up on %s', (engine) => {
  const s = 'hostile-follow-up';
  const w = useHostileWorld(engine, s);

  const kinds = [
    {
      path: 'status-reports',
      target: async () => ({ assignmentId: (await buildAssignment(w.db, { organisationId: w.org.id, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id })).id }),
      value: { progress: 'on_track' },
      feed: `/api/v1/feeds/status-reports.atom?organisation=${'hostile-follow-up'}`,
    },
    {
      path: 'goal-assessments',
      target: async () => ({ goalId: (await buildGoal(w.db, { organisationId: w.org.id, bodyId: w.council.id, yearFrom: w.year })).id }),
      value: { assessment: 'partly_met' },
      feed: undefined,
    },
  ] as const;

  /** Moves a saved item on with the API: submitted by the reporter, then approved (or returned) by the strategist. */
  const step = async (path: string, id: string, to: 'submit' | 'approve', by = to === 'submit' ? w.clients.reporter : w.clients.strategist) => {
    const { version } = await w.json(w.api(path, id));
    const res = await by.api('POST', w.api(`${path}/${id}/${to}`), { version });
    expect(res.statusCode, res.body).toBe(200);
  };

  const views = (path: string, id: string, comment: string) => [
    `/o/${s}/follow-up?period=${w.period.id}&body=${w.committee.id}`,
    `/o/${s}/follow-up.csv?period=${w.period.id}&body=${w.committee.id}`,
    w.api(path),
    `/o/${s}/dashboard.csv`,
    `/api/v1/dashboard?organisation=${s}`,
    `/o/${s}/history/${path === 'status-reports' ? 'status_report' : 'goal_assessment'}/${id}`,
    ...searchViews(s, comment),
  ];
  const publicViews = (path: string, id: string, feed: string | undefined) => [
    `/o/${s}/follow-up/${path}/${id}`,
    w.api(path, id),
    `/o/${s}/follow-up/public?period=${w.period.id}`,
    `/o/${s}/follow-up/public.csv?period=${w.period.id}`,
    `/o/${s}`,
    ...(feed ? [feed] : []),
  ];

  for (const kind of kinds) {
    it(`keeps the comment of ${kind.path} as text, or refuses it and writes nothing`, async () => {
      const tally = await textFieldProperty(
        ['comment'] as const,
        async (f, how) => {
          const target = await kind.target();
          const values = { periodId: w.period.id, bodyId: w.committee.id, ...target, ...kind.value, comment: f.comment };
          return {
            db: w.db,
            label: `${kind.path} via ${how}`,
            send: async () => {
              const res = await sendVia(w.clients.reporter, how, { form: `/o/${s}/follow-up/${kind.path}`, api: { method: 'POST', url: w.api(kind.path) } }, values);
              if (res.statusCode < 400) {
                await step(kind.path, writtenId(res), 'submit');
                await step(kind.path, writtenId(res), 'approve');
              }
              return res;
            },
            expected: { comment: multiline(sent(how, f.comment)) },
            readBack: async (res) => w.json(w.api(kind.path, writtenId(res))),
            views: (res) => views(kind.path, writtenId(res), f.comment),
            publicViews: (res) => publicViews(kind.path, writtenId(res), kind.feed),
            showsOn: (res) => [{ url: `/o/${s}/follow-up/${kind.path}/${writtenId(res)}` }, { url: `/o/${s}/follow-up/public?period=${w.period.id}` }],
            readers: [w.clients.strategist, w.clients.anonymous],
          };
        },
        { runs: 12 },
      );
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.refused).toBeGreaterThan(0);
    }, PROPERTY_TIMEOUT);

    it(`keeps the return comment of ${kind.path} as text, or refuses it and writes nothing`, async () => {
      const tally = await textFieldProperty(['returnComment'] as const, async (f, how) => {
        const saved = await w.clients.reporter.api('POST', w.api(kind.path), { periodId: w.period.id, bodyId: w.committee.id, ...(await kind.target()), ...kind.value, comment: 'Klart.' });
        const id = saved.json().id as string;
        await step(kind.path, id, 'submit');
        const { version } = await w.json(w.api(kind.path, id));
        return {
          db: w.db,
          label: `return of ${kind.path} via ${how}`,
          send: () => sendVia(w.clients.strategist, how, { form: `/o/${s}/follow-up/${kind.path}/${id}/return`, api: { method: 'POST', url: w.api(`${kind.path}/${id}/return`) } }, { version, returnComment: f.returnComment }),
          expected: { returnComment: line(sent(how, f.returnComment)) },
          readBack: async () => w.json(w.api(kind.path, id)),
          views: () => [...views(kind.path, id, f.returnComment), `/o/${s}/follow-up/${kind.path}/${id}`],
          publicViews: () => [w.api(kind.path, id)],
          showsOn: () => [{ url: `/o/${s}/follow-up/${kind.path}/${id}` }],
          readers: [w.clients.reporter, w.clients.anonymous],
        };
      });
      expect(tally.accepted).toBeGreaterThan(0);
    }, PROPERTY_TIMEOUT);
  }

  it('answers garbage in any field of a follow-up write with 4xx and no change, never 5xx', async () => {
    const assignment = await buildAssignment(w.db, { organisationId: w.org.id, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id });
    const saved = (await w.clients.reporter.api('POST', w.api('status-reports'), { periodId: w.period.id, bodyId: w.committee.id, assignmentId: assignment.id, progress: 'delayed' })).json() as { id: string };
    const keys = ['periodId', 'bodyId', 'assignmentId', 'goalId', 'progress', 'assessment', 'comment', 'version', 'returnComment'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('save', 'submit', 'approve', 'return'), garbageField(keys), via(), async (action, [key, value], how) => {
        const { version } = await w.json(w.api('status-reports', saved.id));
        const endpoint =
          action === 'save'
            ? { form: `/o/${s}/follow-up/status-reports`, api: { method: 'POST' as const, url: w.api('status-reports') } }
            : { form: `/o/${s}/follow-up/status-reports/${saved.id}/${action}`, api: { method: 'POST' as const, url: w.api(`status-reports/${saved.id}/${action}`) } };
        const base = action === 'save' ? { periodId: w.period.id, bodyId: w.committee.id, assignmentId: assignment.id, progress: 'at_risk', comment: 'Text', version } : { version, returnComment: 'Skäl' };
        await assertSafeRoundTrip({
          db: w.db,
          label: `${action} with ${key} = ${JSON.stringify(value)?.slice(0, 80)} via ${how}`,
          send: () => sendVia(action === 'save' || action === 'submit' ? w.clients.reporter : w.clients.strategist, how, endpoint, { ...base, [key]: value }),
          expected: {},
          readBack: async () => ({}),
          views: () => [`/o/${s}/follow-up/status-reports/${saved.id}`],
          readers: [w.clients.strategist],
        });
      }),
      hostileRuns(30),
    );
  }, PROPERTY_TIMEOUT);
});
