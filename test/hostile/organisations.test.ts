// Hostile input through the organisations module: bodies, periods, focus areas, users (name) and the
// organisation's own settings, by form and by API, into every page, export and API answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

describe.each(engines)('hostile input: organisations on %s', (engine) => {
  const s = 'hostile-org';
  const w = useHostileWorld(engine, s);

  const search = (q: string) => searchViews(s, q);
  let serial = 0;

  it('keeps body names, short names and descriptions as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(
      ['name', 'shortName', 'description'] as const,
      async (f, how, update) => {
        const existing = update ? (await w.clients.strategist.api('POST', w.api('bodies'), { name: `Nämnd ${++serial}`, kind: 'committee' })).json() : undefined;
        const values = { name: f.name, shortName: f.shortName, kind: 'committee', parentId: w.council.id, description: f.description, ...(existing ? { version: existing.version } : {}) };
        const endpoint = existing
          ? { form: `/o/${s}/bodies/${existing.id}`, api: { method: 'PUT' as const, url: w.api('bodies', existing.id) } }
          : { form: `/o/${s}/bodies`, api: { method: 'POST' as const, url: w.api('bodies') } };
        return {
          db: w.db,
          label: `body via ${how}`,
          send: () => sendVia(w.clients.strategist, how, endpoint, values),
          expected: { name: line(sent(how, f.name)), shortName: line(sent(how, f.shortName)), description: multiline(sent(how, f.description)) },
          readBack: async (res) => w.json(w.api('bodies', existing?.id ?? writtenId(res))),
          views: (res) => {
            const id = existing?.id ?? writtenId(res);
            return [`/o/${s}/bodies/${id}/edit`, `/o/${s}/bodies.csv`, w.api('bodies'), w.api('bodies', id), `/o/${s}`, ...search(f.name)];
          },
          publicViews: (res) => [`/o/${s}/bodies`, `/o/${s}/bodies/${existing?.id ?? writtenId(res)}`],
          showsOn: (res) => [{ url: `/o/${s}/bodies/${existing?.id ?? writtenId(res)}`, fields: ['name', 'description'] }, { url: `/o/${s}/bodies/${existing?.id ?? writtenId(res)}/edit` }],
          readers: [w.clients.strategist, w.clients.anonymous],
        };
      },
      { extra: fc.boolean(), exampleExtra: (i) => i % 3 === 0 },
    );
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('keeps period names as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['name'] as const, async (f, how) => {
      const day = String((serial++ % 28) + 1).padStart(2, '0');
      const values = { year: w.year, kind: 'other', name: f.name, startsOn: `${w.year}-03-${day}`, endsOn: `${w.year}-04-${day}`, reportDue: '', status: 'open' };
      return {
        db: w.db,
        label: `period via ${how}`,
        send: () => sendVia(w.clients.strategist, how, { form: `/o/${s}/periods`, api: { method: 'POST', url: w.api('periods') } }, how === 'api' ? { ...values, reportDue: null } : values),
        expected: { name: line(sent(how, f.name)) },
        readBack: async (res) => w.json(w.api('periods', writtenId(res))),
        views: (res) => [`/o/${s}/periods/${writtenId(res)}/edit`, `/o/${s}/periods.csv`, w.api('periods'), `/o/${s}/follow-up`, `/o/${s}`],
        publicViews: (res) => [`/o/${s}/periods`, `/o/${s}/periods/${writtenId(res)}`, `/o/${s}/follow-up/public`],
        showsOn: (res) => [{ url: `/o/${s}/periods/${writtenId(res)}` }],
        readers: [w.clients.strategist, w.clients.anonymous],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('keeps focus area names and descriptions as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['name', 'description'] as const, async (f, how) => ({
      db: w.db,
      label: `focus area via ${how}`,
      send: () => sendVia(w.clients.strategist, how, { form: `/o/${s}/focus-areas`, api: { method: 'POST', url: w.api('focus-areas') } }, { name: f.name, description: f.description }),
      expected: { name: line(sent(how, f.name)), description: multiline(sent(how, f.description)) },
      readBack: async (res) => w.json(w.api('focus-areas', writtenId(res))),
      views: (res) => [`/o/${s}/focus-areas/${writtenId(res)}/edit`, `/o/${s}/focus-areas.csv`, w.api('focus-areas'), `/o/${s}/assignments/new`, `/o/${s}/goals/new`],
      publicViews: (res) => [`/o/${s}/focus-areas`, `/o/${s}/focus-areas/${writtenId(res)}`, `/o/${s}/assignments`],
      showsOn: (res) => [{ url: `/o/${s}/focus-areas/${writtenId(res)}` }],
      readers: [w.clients.strategist, w.clients.anonymous],
    }));
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('keeps user names as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['name'] as const, async (f, how) => {
      const values = { email: `hostile-${engine}-${++serial}@example.se`, name: f.name, role: 'reporter', bodyIds: [w.committee.id], password: 'ett långt och hemligt lösenord' };
      return {
        db: w.db,
        label: `user via ${how}`,
        send: () => sendVia(w.clients.admin, how, { form: `/o/${s}/users`, api: { method: 'POST', url: w.api('users') } }, values),
        expected: { name: line(sent(how, f.name)) },
        readBack: async (res) => (await w.clients.admin.get(w.api('users', writtenId(res)), { accept: 'application/json' })).json(),
        views: (res) => [`/o/${s}/users`, `/o/${s}/users/${writtenId(res)}`, `/o/${s}/users.csv`],
        publicViews: (res) => [w.api('users'), w.api('users', writtenId(res))],
        showsOn: (res) => [{ url: `/o/${s}/users/${writtenId(res)}` }],
        readers: [w.clients.admin, w.clients.reader],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it("keeps the organisation's name and description as text in every page's frame, or refuses them", async () => {
    const tally = await textFieldProperty(['name', 'description'] as const, async (f, how) => {
      const current = (await w.json(`/api/v1/organisations/${s}`)) as { version: number; municipalityCode: string | null };
      const values = { name: f.name, municipalityCode: current.municipalityCode ?? '', defaultLocale: 'sv', description: f.description, version: current.version };
      return {
        db: w.db,
        label: `organisation via ${how}`,
        send: () => sendVia(w.clients.admin, how, { form: `/o/${s}/settings`, api: { method: 'PUT', url: `/api/v1/organisations/${s}` } }, how === 'api' ? { ...values, municipalityCode: null } : values),
        expected: { name: line(sent(how, f.name)), description: multiline(sent(how, f.description)) },
        readBack: async () => w.json(`/api/v1/organisations/${s}`),
        views: () => [`/o/${s}/settings`, `/o/${s}/assignments`],
        publicViews: () => ['/', `/o/${s}`, `/o/${s}/follow-up/public`, '/api/v1/organisations', `/api/v1/feeds/assignments.atom?organisation=${s}`, `/api/v1/feeds/status-reports.atom?organisation=${s}`],
        showsOn: () => [{ url: `/o/${s}/settings` }, { url: '/', fields: ['name'] }],
        readers: [w.clients.admin, w.clients.anonymous],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('answers garbage in any field of any organisations write with 4xx and no change, never 5xx', async () => {
    const writes = async () => [
      { endpoint: { form: `/o/${s}/bodies`, api: { method: 'POST' as const, url: w.api('bodies') } }, base: { name: `Nämnd ${++serial}`, shortName: '', kind: 'committee', parentId: w.council.id, description: '' }, client: w.clients.strategist },
      { endpoint: { form: `/o/${s}/periods`, api: { method: 'POST' as const, url: w.api('periods') } }, base: { year: w.year, kind: 'other', name: `Period ${++serial}`, startsOn: `${w.year}-05-01`, endsOn: `${w.year}-05-31`, status: 'open' }, client: w.clients.strategist },
      { endpoint: { form: `/o/${s}/focus-areas`, api: { method: 'POST' as const, url: w.api('focus-areas') } }, base: { name: `Område ${++serial}`, description: '', sortOrder: 3 }, client: w.clients.strategist },
      { endpoint: { form: `/o/${s}/users`, api: { method: 'POST' as const, url: w.api('users') } }, base: { email: `g-${engine}-${++serial}@example.se`, name: 'Namn', role: 'reader', password: 'ett långt och hemligt lösenord' }, client: w.clients.admin },
      { endpoint: { form: `/o/${s}/years`, api: { method: 'POST' as const, url: w.api('years') } }, base: { year: 1990 + (serial++ % 100), status: 'planning' }, client: w.clients.strategist },
      { endpoint: { form: `/o/${s}/focus-areas/order`, api: { method: 'PUT' as const, url: w.api('focus-areas/order') } }, base: { ids: [w.focusArea.id] }, client: w.clients.strategist },
      {
        endpoint: { form: `/o/${s}/settings`, api: { method: 'PUT' as const, url: `/api/v1/organisations/${s}` } },
        base: { name: 'Angripna kommunen', municipalityCode: '1280', defaultLocale: 'sv', description: '', version: (await w.json(`/api/v1/organisations/${s}`)).version },
        client: w.clients.admin,
      },
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(6), garbageField(['name', 'shortName', 'kind', 'parentId', 'description', 'year', 'startsOn', 'endsOn', 'reportDue', 'status', 'sortOrder', 'email', 'role', 'bodyIds', 'password', 'ids', 'municipalityCode', 'defaultLocale']), via(), async (which, [key, value], how) => {
        const target = (await writes())[which]!;
        await assertSafeRoundTrip({
          db: w.db,
          label: `${target.endpoint.form} with ${key} = ${JSON.stringify(value)?.slice(0, 80)} via ${how}`,
          send: () => sendVia(target.client, how, target.endpoint, { ...target.base, [key]: value }),
          expected: {},
          readBack: async () => ({}),
          views: () => [`/o/${s}/bodies`, `/o/${s}/periods`, `/o/${s}/focus-areas`, `/o/${s}/years`, `/o/${s}/settings`],
          readers: [target.client],
        });
      }),
      hostileRuns(30),
    );
  }, PROPERTY_TIMEOUT);
});
