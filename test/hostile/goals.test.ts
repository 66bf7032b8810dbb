// Hostile input through the goals module: goals (reference, title, description) and direction texts
// (heading, text), by form and by API, published so the public views and search show them too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engines } from '../../src/test/db';
import { buildBody } from '../../src/test/factories';
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
  type Via,
} from '../../src/test/hostile';

describe.each(engines)('hostile input: goals and directions on %s', (engine) => {
  const s = 'hostile-goals';
  const w = useHostileWorld(engine, s);

  const publish = async (path: 'goals' | 'directions', id: string) => {
    const { version } = await w.json(w.api(path, id));
    const res = await w.clients.strategist.api('POST', w.api(`${path}/${id}/publish`), { version });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Writes by form or by API, and publishes what was accepted, so the public views show it too. */
  const sendPublished = async (path: 'goals' | 'directions', how: Via, values: Record<string, unknown>) => {
    const res = await sendVia(w.clients.strategist, how, { form: `/o/${s}/${path}`, api: { method: 'POST', url: w.api(path) } }, values);
    if (res.statusCode < 400) await publish(path, writtenId(res));
    return res;
  };
  let serial = 0;

  it('keeps goal references, titles and descriptions as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['reference', 'title', 'description'] as const, async (f, how) => {
      const values = {
        bodyId: w.council.id,
        parentId: how === 'api' ? null : '',
        reference: f.reference,
        title: f.title,
        description: f.description,
        yearFrom: how === 'api' ? w.year : String(w.year),
        focusAreaIds: [w.focusArea.id],
        sdgCodes: ['11', '11.1'],
      };
      return {
        db: w.db,
        label: `goal via ${how}`,
        send: () => sendPublished('goals', how, values),
        expected: { reference: line(sent(how, f.reference)), title: line(sent(how, f.title)), description: multiline(sent(how, f.description)) },
        readBack: async (res) => w.json(w.api('goals', writtenId(res))),
        views: (res) => {
          const id = writtenId(res);
          return [
            `/o/${s}/goals/${id}/edit`,
            `/o/${s}/goals/new?parentId=${id}`,
            `/o/${s}/goals.csv`,
            w.api('goals'),
            `/o/${s}/assignments/new`,
            `/o/${s}/follow-up?period=${w.period.id}&body=${w.council.id}`,
            ...searchViews(s, f.title),
          ];
        },
        publicViews: (res) => [`/o/${s}/goals`, `/o/${s}/goals/${writtenId(res)}`, w.api('goals', writtenId(res))],
        showsOn: (res) => [{ url: `/o/${s}/goals/${writtenId(res)}`, fields: ['title', 'description'] }, { url: `/o/${s}/goals/${writtenId(res)}/edit` }],
        readers: [w.clients.strategist, w.clients.anonymous],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('keeps direction headings and texts as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['title', 'body'] as const, async (f, how) => {
      // One direction per body and year: each run writes for a body of its own.
      const body = await buildBody(w.db, { organisationId: w.org.id, name: `Nämnd för inriktning ${engine} ${++serial}` });
      const values = { bodyId: body.id, year: how === 'api' ? w.year : String(w.year), title: f.title, body: f.body };
      return {
        db: w.db,
        label: `direction via ${how}`,
        send: () => sendPublished('directions', how, values),
        expected: { title: line(sent(how, f.title)), body: multiline(sent(how, f.body)) },
        readBack: async (res) => w.json(w.api('directions', writtenId(res))),
        views: (res) => [`/o/${s}/directions/${writtenId(res)}/edit`, `/o/${s}/directions.csv`, w.api('directions'), ...searchViews(s, f.body)],
        publicViews: (res) => [`/o/${s}/directions`, `/o/${s}/directions/${writtenId(res)}`, w.api('directions', writtenId(res))],
        showsOn: (res) => [{ url: `/o/${s}/directions/${writtenId(res)}` }, { url: `/o/${s}/directions/${writtenId(res)}/edit` }],
        readers: [w.clients.strategist, w.clients.anonymous],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('answers garbage in any field of a goal or direction write with 4xx and no change, never 5xx', async () => {
    const goalKeys = ['bodyId', 'parentId', 'reference', 'title', 'description', 'yearFrom', 'yearTo', 'focusAreaIds', 'sdgCodes', 'sortOrder'];
    const directionKeys = ['bodyId', 'year', 'title', 'body'];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), garbageField([...goalKeys, ...directionKeys]), via(), async (goal, [key, value], how) => {
        const body = goal ? w.council : await buildBody(w.db, { organisationId: w.org.id, name: `Skräpnämnd ${engine} ${++serial}` });
        const base = goal
          ? { bodyId: body.id, reference: 'R', title: 'Ett mål', description: '', yearFrom: w.year, yearTo: w.year + 2, focusAreaIds: [w.focusArea.id], sdgCodes: ['3'], sortOrder: 1 }
          : { bodyId: body.id, year: w.year, title: 'Rubrik', body: 'Text' };
        const path = goal ? 'goals' : 'directions';
        await assertSafeRoundTrip({
          db: w.db,
          label: `${path} with ${key} = ${JSON.stringify(value)?.slice(0, 80)} via ${how}`,
          send: () => sendVia(w.clients.strategist, how, { form: `/o/${s}/${path}`, api: { method: 'POST', url: w.api(path) } }, { ...base, [key]: value }),
          expected: {},
          readBack: async () => ({}),
          views: () => [`/o/${s}/${path}`, `/o/${s}/${path}.csv`],
          readers: [w.clients.strategist],
        });
      }),
      hostileRuns(25),
    );
  }, PROPERTY_TIMEOUT);

  it('answers garbage in the version of a publish, archive or edit with 4xx and no change', async () => {
    const goal = await w.clients.strategist.api('POST', w.api('goals'), { bodyId: w.council.id, title: 'Versionsmål', yearFrom: w.year });
    const id = goal.json().id as string;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('publish', 'unpublish', 'archive', 'restore', ''), fc.constantFrom<Via>('form', 'api'), fc.oneof(fc.constant(undefined), fc.constantFrom<unknown>(0, -1, 1e308, 'x', '1; drop table goals', null, [], {}, 2 ** 31)), async (action, how, version) => {
        await assertSafeRoundTrip({
          db: w.db,
          label: `goal ${action || 'update'} with version ${JSON.stringify(version)} via ${how}`,
          send: () =>
            action
              ? sendVia(w.clients.strategist, how, { form: `/o/${s}/goals/${id}/${action}`, api: { method: 'POST', url: w.api(`goals/${id}/${action}`) } }, { version })
              : sendVia(w.clients.strategist, how, { form: `/o/${s}/goals/${id}`, api: { method: 'PUT', url: w.api('goals', id) } }, { bodyId: w.council.id, title: 'Nytt namn', yearFrom: w.year, version }),
          expected: {},
          readBack: async () => ({}),
          views: () => [`/o/${s}/goals/${id}`],
          readers: [w.clients.strategist],
        });
      }),
      hostileRuns(20),
    );
  }, PROPERTY_TIMEOUT);
});
