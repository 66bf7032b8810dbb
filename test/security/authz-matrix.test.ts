// Every route of the application × every kind of actor, generated from the app's own route table
// and held to the access class each module declares for each of its routes (manifest `access`):
// refused actors get 401/403/404 and change nothing, allowed actors get through, nobody gets a 500,
// and nobody outside the organisation ever reads an unpublished record. Then CSRF on every
// state-changing request, another organisation's admin naming Malmö's ids in their own
// organisation's URLs, and API tokens under the same policy. The records routes are called with come
// from each module's `accessFixtures`, so a new module is covered without editing this file.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/core/access';
import type { FixturePayload } from '../../src/core/access-fixtures';
import { gatherFixtures, operationOf, resolvePayload, type GatheredFixtures } from '../../src/test/access-fixtures';
import { loadConfig } from '../../src/core/config';
import type { Database } from '../../src/core/db/database';
import type { Db } from '../../src/core/db/schema';
import type { ModuleManifest } from '../../src/core/manifest';
import { loadDemoIfEmpty } from '../../src/demo';
import { modules } from '../../src/modules';
import { createApp } from '../../src/server';
import { ActorClient, type ActorRequest, type CsrfMode } from '../../src/test/actor-client';
import { changedTables, databaseChecksum, type DatabaseChecksum } from '../../src/test/db-checksum';
import { engines, testDatabase } from '../../src/test/db';
import { buildOrg, buildUser } from '../../src/test/factories';
import { exampleModule } from '../module-contract/example-module';

const ACTORS = ['anonymous', 'reader', 'reporterA', 'reporterB', 'strategist', 'admin', 'otherAdmin'] as const;
type ActorName = (typeof ACTORS)[number];
const MEMBERS: readonly ActorName[] = ['reader', 'reporterA', 'reporterB', 'strategist', 'admin'];
const STAFF: readonly ActorName[] = ['strategist', 'admin'];

/**
 * Which records a route's parameters name: unpublished ones and drafts (the default), their published
 * counterparts, or follow-up that is approved but on an unpublished assignment or goal (still not public).
 */
type Variant = 'unpublished' | 'published' | 'approved-on-unpublished';

/** A version no record has: writes by allowed actors end in 409 (after the policy check) and change nothing. */
const STALE = 999_999;

/** Hundreds of requests per test: generous on a busy two-core machine, still a bound on a hang. */
const LONG = 300_000;

/** Routes that end the caller's sessions: each call gets a session of its own, and the shared one is renewed after. */
const SESSION_ENDING = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);

/** What a route must answer an actor, from its access class. */
type Expected = 'allowed' | 'refused' | 'hidden' | 'to-public';

function expected(access: Access, actor: ActorName, variant: Variant): Expected {
  const member = MEMBERS.includes(actor);
  switch (access) {
    case 'public':
    case 'self':
    case 'static':
      return 'allowed';
    case 'public-published':
      return variant === 'published' || member ? 'allowed' : 'hidden';
    case 'published-own-body':
      // The unpublished variant is reporter A's body's submitted, unapproved report.
      if (actor === 'reporterB') return variant === 'unpublished' ? 'hidden' : 'allowed';
      return variant === 'published' || member ? 'allowed' : 'hidden';
    case 'signed-in':
      return actor === 'anonymous' ? 'refused' : 'allowed';
    case 'member':
      return member ? 'allowed' : 'refused';
    case 'member-own-body':
      return member && actor !== 'reporterB' ? 'allowed' : 'refused';
    case 'member-else-public':
      return member ? 'allowed' : 'to-public';
    case 'reporter-own-body':
      return actor === 'reporterA' || STAFF.includes(actor) ? 'allowed' : 'refused';
    case 'staff':
      return STAFF.includes(actor) ? 'allowed' : 'refused';
    case 'admin':
      return actor === 'admin' ? 'allowed' : 'refused';
  }
}

interface Route {
  method: string;
  url: string;
  key: string;
  access: Access;
}

/** The app's routes, without the HEAD twins Fastify adds to every GET route. */
function routesOf(app: FastifyInstance): Route[] {
  const gets = new Set(app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url));
  return app.routeTable
    .filter((r) => !(r.method === 'HEAD' && gets.has(r.url)))
    .map((r) => ({ method: r.method, url: r.url, key: `${r.method} ${r.url}`, access: r.access }));
}

const isWrite = (r: Route) => r.method !== 'GET' && r.method !== 'HEAD';
const isApi = (url: string) => url.startsWith('/api/');

/** What the modules' access fixtures made, merged, and what the matrix itself adds. */
interface Fixtures extends GatheredFixtures {
  orgId: string;
  orgSlug: string;
  /** The second organisation, whose admin is the outsider. */
  otherOrgSlug: string;
  /** A word that appears only in records outsiders must never read. */
  marker: string;
}

/** The id a route's `:id` stands for, by the collection the route belongs to. */
function idFor(collection: string, fx: Fixtures, variant: Variant): string | undefined {
  if (collection === ':type') return fx.history.id;
  const ids = fx.ids[collection];
  if (!ids) return undefined;
  if (variant === 'published') return ids.published ?? ids.unpublished;
  if (variant === 'approved-on-unpublished') return ids.approvedOnUnpublished ?? ids.unpublished;
  return ids.unpublished;
}

/** The concrete URL for a route pattern, or a reason it cannot be built. */
function urlFor(route: Route, fx: Fixtures, variant: Variant): string {
  const segments = route.url.split('/');
  const path = segments
    .map((s, i) => {
      if (s === ':org') return fx.orgSlug;
      if (s === ':slug') return fx.orgSlug;
      if (s === ':locale') return 'sv';
      if (s === ':type') return fx.history.type;
      if (s === '*') return 'app.css';
      if (s === ':id') {
        const id = idFor(segments[i - 1]!, fx, variant);
        if (!id) throw new Error(`route ${route.key}: no fixture id for "${segments[i - 1]}": the module's accessFixtures must give ids["${segments[i - 1]}"]`);
        return id;
      }
      if (s.startsWith(':')) throw new Error(`route ${route.key}: unknown parameter ${s}: add it to urlFor in ${import.meta.url}`);
      return s;
    })
    .join('/');
  const query = new URLSearchParams(queryFor(route.key, fx));
  if (isApi(route.url)) query.set('organisation', fx.orgSlug);
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** Query strings that make a page show what its policy is about (the body in question, the period). */
function queryFor(key: string, fx: Fixtures): Record<string, string> {
  const core: Record<string, Record<string, string>> = {
    'GET /lang/:locale': { back: '/' },
    // The search page repeats the words searched for, so it looks for a word of the drafts, not the marker.
    'GET /o/:org/search': { q: 'utkast' },
    'GET /api/v1/search': { q: 'utkast' },
  };
  return core[key] ?? fx.queries[key] ?? {};
}

/**
 * A plausible body for each write: creates are valid (so a missing policy would show as a write),
 * changes to existing records carry a stale version (so allowed actors end in a 409, not a change).
 */
function payloadFor(route: Route, fx: Fixtures): Record<string, unknown> {
  const op = operationOf(route.url);
  const core: Record<string, FixturePayload> = {
    'sign-in.create': { email: 'inte-en-adress', password: 'x' },
    'sign-out.create': {},
    'account.password': { currentPassword: 'inte det rätta lösenordet', newPassword: 'ett nytt långt lösenord 42', confirmPassword: 'ett nytt långt lösenord 42' },
    'account.sign-out-everywhere': {},
  };
  return resolvePayload(core[op] ?? fx.payloads[op], op, { api: isApi(route.url), stale: STALE });
}

function requestFor(route: Route, fx: Fixtures, variant: Variant, csrf?: CsrfMode): ActorRequest {
  const url = urlFor(route, fx, variant);
  const method = route.method as ActorRequest['method'];
  if (!isWrite(route)) return { method, url };
  const payload = payloadFor(route, fx);
  return isApi(route.url) ? { method, url, json: payload, ...(csrf ? { csrf } : {}) } : { method, url, form: payload, ...(csrf ? { csrf } : {}) };
}

const excerpt = (res: LightMyRequestResponse) => {
  const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

describe.each(engines)('authorization matrix on %s', (engine) => {
  let database: Database;
  let db: Db;
  let app: FastifyInstance;
  let fx: Fixtures;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, { id: string; organisation_id: string }>;
  const clients = {} as Record<ActorName, ActorClient>;

  beforeAll(async () => {
    database = await testDatabase(engine);
    db = database.db;
    await loadDemoIfEmpty(db);
    // The example module of the module contract (test/module-contract) rides along: the matrix
    // covers a module it has never heard of.
    app = await createApp(database, loadConfig({}), { modules: [...modules, exampleModule] });
    await app.ready();

    const org = await db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', 'malmo').executeTakeFirstOrThrow();
    const demoUser = (email: string) => db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow();
    users.reader = await demoUser('lasare@malmo.example');
    users.reporterA = await demoUser('rapportor@malmo.example');
    users.strategist = await demoUser('strateg@malmo.example');
    users.admin = await demoUser('admin@malmo.example');
    const tekniska = await db.selectFrom('bodies').select('id').where('organisation_id', '=', org.id).where('name', '=', 'Tekniska nämnden').executeTakeFirstOrThrow();
    users.reporterB = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [tekniska.id] });
    const other = await buildOrg(db, { name: 'Annan kommun' });
    users.otherAdmin = await buildUser(db, { organisationId: other.id, role: 'admin' });

    clients.anonymous = ActorClient.anonymous(app);
    for (const name of ACTORS) if (name !== 'anonymous') clients[name] = await ActorClient.signedIn(app, users[name]);

    // Letters only: one word for the Swedish full-text search, unchanged by HTML, CSV and JSON escaping.
    const marker = `hemligmarkor${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
    fx = { orgId: org.id, orgSlug: org.slug, otherOrgSlug: other.slug, marker, ...(await gatherFixtures(app.catalogue.modules, { db, org, marker, clients })) };
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** The database as the last refused request left it; forgotten whenever a request may have written. */
  let known: DatabaseChecksum | undefined;

  /** Sends `req`; when `unchanged` is asked for, also the tables the request changed. */
  async function send(client: ActorClient, req: ActorRequest, unchanged: boolean): Promise<{ res: LightMyRequestResponse; changed: string[] }> {
    const before = unchanged ? (known ?? (await databaseChecksum(db))) : undefined;
    known = undefined;
    const res = await client.send(req);
    if (!before) return { res, changed: [] };
    known = await databaseChecksum(db);
    return { res, changed: changedTables(before, known) };
  }

  /** A new session for `actor` (the sessions table changes, so the known state is forgotten). */
  async function fresh(actor: Exclude<ActorName, 'anonymous'>): Promise<ActorClient> {
    known = undefined;
    return ActorClient.signedIn(app, users[actor]);
  }

  /**
   * Sends `req` as `actor` and checks the answer against what the policy expects; returns the
   * problems found. Refused requests are also checked to leave the database as it was.
   */
  async function check(client: ActorClient, actor: ActorName, label: string, req: ActorRequest, want: Expected): Promise<string[]> {
    const { res, changed } = await send(client, req, want !== 'allowed');
    const problems: string[] = [];
    const got = `${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
    const where = `${actor} ${req.method} ${req.url} (${label})`;
    if (res.statusCode >= 500) problems.push(`${where}: ${got} ${excerpt(res)}`);
    else if (want === 'allowed') {
      if (res.statusCode === 401 || res.statusCode === 403) problems.push(`${where}: allowed by policy, but refused with ${got} ${excerpt(res)}`);
      else if (req.method === 'GET' && res.statusCode >= 400) problems.push(`${where}: allowed by policy, but answered ${got} ${excerpt(res)}`);
    } else if (want === 'hidden') {
      if (res.statusCode !== 404) problems.push(`${where}: an unpublished record must be 404 outside the organisation, got ${got}`);
    } else if (want === 'to-public') {
      if (res.statusCode !== 303 || !res.headers.location?.startsWith(`/o/${fx.orgSlug}/follow-up/public`)) problems.push(`${where}: expected 303 to the public page, got ${got}`);
    } else {
      const toSignIn = actor === 'anonymous' && req.method === 'GET' && !isApi(req.url) && res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in');
      if (![401, 403, 404].includes(res.statusCode) && !toSignIn) problems.push(`${where}: refused by policy, but answered ${got} ${excerpt(res)}`);
    }
    if ((actor === 'anonymous' || actor === 'otherAdmin') && res.body.includes(fx.marker)) {
      problems.push(`${where}: shows an unpublished record to someone outside the organisation`);
    }
    if (changed.length) problems.push(`${where}: refused (${got}), yet changed ${changed.join(', ')}`);
    return problems;
  }

  it('has an access class for every route, and every module with routes that take ids gives fixtures for them', () => {
    expect(routesOf(app).filter((r) => !r.access).map((r) => r.key)).toEqual([]);
    const unbuildable: string[] = [];
    for (const route of routesOf(app)) {
      try {
        urlFor(route, fx, 'unpublished');
      } catch (err) {
        unbuildable.push((err as Error).message);
      }
    }
    expect(unbuildable).toEqual([]);
  });

  it('refuses to build an app with a route whose access nobody declared', async () => {
    const undeclared: ModuleManifest = { name: 'undeclared', routes: (a) => void a.get('/o/:org/undeclared', async () => 'x') };
    await expect(createApp(database, loadConfig({}), { modules: [...modules, undeclared] })).rejects.toThrow(/GET \/o\/:org\/undeclared has no access class/);
  });

  it('answers every route as its policy says, to every kind of actor, and a refusal changes nothing', async () => {
    const problems: string[] = [];
    for (const route of routesOf(app)) {
      const access = route.access;
      const variants: Variant[] = ['unpublished'];
      const publishedVariants = access === 'public-published' || access === 'published-own-body';
      if (publishedVariants) variants.push('published');
      if (publishedVariants && fx.ids[collectionOf(route)]?.approvedOnUnpublished) variants.push('approved-on-unpublished');
      for (const variant of variants) {
        for (const actor of ACTORS) {
          const endsSessions = SESSION_ENDING.has(route.key) && actor !== 'anonymous';
          const client = endsSessions ? await fresh(actor) : clients[actor];
          problems.push(...(await check(client, actor, `${access}, ${variant}`, requestFor(route, fx, variant), expected(access, actor, variant))));
          if (endsSessions) clients[actor] = await fresh(actor);
        }
      }
    }
    expect(problems).toEqual([]);
  }, LONG);

  it('refuses every state-changing request without a valid CSRF token (403) and changes nothing', async () => {
    const problems: string[] = [];
    const someoneElsesToken = await ActorClient.anonymous(app).csrf();
    for (const route of routesOf(app).filter(isWrite)) {
      const attempts: [ActorName, string, CsrfMode][] = [
        ['admin', 'no token', 'none'],
        ['admin', "another browser's token", { token: someoneElsesToken }],
        ['anonymous', 'no token', 'none'],
      ];
      for (const [actor, label, csrf] of attempts) {
        const req = requestFor(route, fx, 'unpublished', csrf);
        const { res, changed } = await send(clients[actor], req, true);
        const where = `${actor} ${req.method} ${req.url} (${label})`;
        if (res.statusCode !== 403) problems.push(`${where}: expected 403, got ${res.statusCode} ${excerpt(res)}`);
        if (changed.length) problems.push(`${where}: changed ${changed.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    // The admin's session survived every attempt, sign-out included.
    expect((await clients.admin.send({ method: 'GET', url: `/o/${fx.orgSlug}/settings` })).statusCode).toBe(200);
  }, LONG);

  it("keeps another organisation's admin away from Malmö's records through their own organisation's URLs", async () => {
    // The policy check passes here (an admin in their own organisation), so only the queries'
    // `where organisation_id = …` stands between them and Malmö's ids in the path, query or body.
    const malmoIds = [...fx.malmoIds];
    const inOwnOrganisation = { ...fx, orgSlug: fx.otherOrgSlug };
    const problems: string[] = [];
    let tried = 0;
    for (const route of routesOf(app)) {
      if (!route.url.includes(':org') && !isApi(route.url)) continue;
      const req = requestFor(route, inOwnOrganisation, 'unpublished');
      if (!malmoIds.some((id) => req.url.includes(id) || JSON.stringify(req.json ?? req.form ?? {}).includes(id))) continue;
      tried++;
      const before = await databaseChecksum(db, { organisationId: fx.orgId });
      known = undefined;
      const res = await clients.otherAdmin.send(req);
      const changed = changedTables(before, await databaseChecksum(db, { organisationId: fx.orgId }));
      const where = `otherAdmin ${req.method} ${req.url}`;
      if (res.statusCode >= 500) problems.push(`${where}: ${res.statusCode} ${excerpt(res)}`);
      if (isWrite(route) && res.statusCode < 400 && !fx.checkedLater.includes(route.key)) problems.push(`${where}: a write naming another organisation's records succeeded (${res.statusCode})`);
      if (res.body.includes(fx.marker)) problems.push(`${where}: shows another organisation's unpublished record`);
      if (changed.length) problems.push(`${where}: changed Malmö's ${changed.join(', ')}`);
    }
    expect(tried).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, LONG);

  it('lets API tokens call without CSRF and holds them to the same policy', async () => {
    const problems: string[] = [];
    for (const actor of ACTORS) {
      if (actor === 'anonymous') continue;
      const client = await ActorClient.withApiToken(app, users[actor]);
      known = undefined;
      for (const route of routesOf(app).filter((r) => isApi(r.url))) {
        const access = route.access;
        problems.push(...(await check(client, actor, `${access}, API token`, requestFor(route, fx, 'unpublished', 'none'), expected(access, actor, 'unpublished'))));
      }
    }
    expect(problems).toEqual([]);
    const res = await ActorClient.anonymous(app).send({ method: 'GET', url: `/api/v1/users?organisation=${fx.orgSlug}` });
    expect(res.statusCode).toBe(401);
    const forged = await app.inject({ method: 'GET', url: `/api/v1/goals?organisation=${fx.orgSlug}`, headers: { authorization: 'Bearer rk_not-a-token' } });
    expect(forged.statusCode).toBe(401);
  }, LONG);
});

/** The collection a route with `:id` belongs to: the path segment before it. */
function collectionOf(route: Route): string {
  const segments = route.url.split('/');
  const i = segments.indexOf(':id');
  return i > 0 ? segments[i - 1]! : '';
}

