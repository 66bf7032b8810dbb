// Garbage in every part of every request, for every route in the route table: every query parameter of
// every list page and API collection, every path parameter, the headers a client controls, and the body
// of every write. The answer is safe and never a 5xx; a refused write changes nothing. Built from the
// application's own route table, its OpenAPI document and the filter forms on its pages, so a route or
// filter added later is attacked without editing this file.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { engines } from '../../src/test/db';
import { buildUser } from '../../src/test/factories';
import { TestClient } from '../../src/test/client';
import {
  databaseFingerprint,
  expectSafe,
  hostileJson,
  hostileParam,
  hostileRuns,
  hostileText,
  PROPERTY_TIMEOUT,
  responseProblems,
  routeTable,
  useHostileWorld,
  wellFormed,
  type RouteInfo,
} from '../../src/test/hostile';

/** Query parameters every page may be sent, beyond those its filter form and OpenAPI declare. */
const COMMON_PARAMS = ['offset', 'limit', 'lang', 'back', 'q', 'organisation', 'parentId', 'period', 'body', 'assignment', 'goal', 'state', 'type'];

/** The Cookie header a client would send: for raw requests TestClient cannot make. */
const cookieOf = (client: TestClient): string => (client as unknown as { cookieHeader(): string }).cookieHeader();

/** An answer from Fastify's router itself (bad percent-encoding, an over-long parameter): no route, no hook ran. */
const isRouterError = (res: { body: string }): boolean => /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)"/.test(res.body);

/** Writes this suite leaves out: signing out (here or everywhere) ends the attacking client's session; sign-in has its own, throttled check below. */
const NOT_ATTACKED = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere', 'POST /sign-in']);

describe.each(engines)('hostile requests on %s', (engine) => {
  const s = 'hostile-requests';
  const w = useHostileWorld(engine, s);
  let routes: RouteInfo[];
  let ids: Record<string, string>;
  let writeIds: Record<string, string>;
  const queryKeys = new Map<string, string[]>();
  let attacker: TestClient;

  beforeAll(async () => {
    const c = w.clients;
    const api = w.api;
    const direction = (await c.strategist.api('POST', api('directions'), { bodyId: w.committee.id, year: w.year, title: 'Inriktning', body: 'Text' })).json();
    const report = (await c.reporter.api('POST', api('status-reports'), { periodId: w.period.id, bodyId: w.committee.id, assignmentId: w.assignment.id, progress: 'on_track' })).json();
    const assessment = (await c.reporter.api('POST', api('goal-assessments'), { periodId: w.period.id, bodyId: w.council.id, goalId: w.goal.id, assessment: 'met' })).json();
    const year = (await sql<{ id: string }>`select id from years where organisation_id = ${w.org.id} limit 1`.execute(w.db)).rows[0]!;
    ids = {
      bodies: w.committee.id,
      periods: w.period.id,
      'focus-areas': w.focusArea.id,
      goals: w.goal.id,
      assignments: w.assignment.id,
      users: w.users.reader.id,
      years: year.id,
      directions: direction.id ?? w.goal.id,
      'status-reports': report.id ?? w.goal.id,
      'goal-assessments': assessment.id ?? w.goal.id,
    };
    // Writes aim at a user of their own: archiving the attacker's account would end the attack.
    const victim = await buildUser(w.db, { organisationId: w.org.id, role: 'reader' });
    writeIds = { ...ids, users: victim.id };
    const admin = await buildUser(w.db, { organisationId: w.org.id, role: 'admin' });
    attacker = new TestClient(w.app);
    await attacker.signIn(admin.email, 'correct horse battery staple');

    routes = routeTable(w.app);
    // The query parameters each route is known to read: its OpenAPI parameters, and the fields of the GET forms on its page.
    const doc = (await c.anonymous.get('/api/v1/openapi.json', { accept: 'application/json' })).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = (ops.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      queryKeys.set(path.replace(/\{(\w+)\}/g, ':$1'), names);
    }
    for (const r of routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/'))) {
      const page = await c.strategist.get(fill(r.url, ids));
      const names = [...page.body.matchAll(/<form[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/g)].flatMap((m) => [...m[1]!.matchAll(/\sname="([^"]+)"/g)].map((n) => n[1]!));
      queryKeys.set(r.url, [...new Set(names)]);
    }
  });

  /** The route's URL with its parameters filled from `values`: the organisation, a real id of its kind, or the value given. */
  function fill(url: string, values: Record<string, string>, override?: Record<string, string>): string {
    const collection = /\/(?:o\/:org|api\/v1)\/([a-z-]+)\//.exec(url)?.[1] ?? '';
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (override && name in override) return override[name]!;
      if (name === 'org' || name === 'slug') return s;
      if (name === 'locale') return 'en';
      if (name === 'type') return 'assignment';
      if (name === 'id') return url.includes('/history/') ? w.assignment.id : (values[collection] ?? w.goal.id);
      return 'x';
    });
  }

  const gets = () => routes.filter((r) => r.method === 'GET');
  const keysOf = (url: string) => [...new Set([...(queryKeys.get(url) ?? []), ...COMMON_PARAMS])];
  const asJson = (url: string): Record<string, string> => (url.startsWith('/api/') ? { accept: 'application/json' } : {});

  it('reads the filters of the list pages from their GET forms', () => {
    // If this fails, the crawl found no filter form and the checks below would attack too little.
    expect(keysOf(`/o/:org/assignments`)).toEqual(expect.arrayContaining(['year', 'status', 'body', 'focusArea', 'source']));
    expect(queryKeys.get('/api/v1/assignments')).toEqual(expect.arrayContaining(['year', 'status', 'limit', 'offset']));
  });

  it('answers a nasty value in every query parameter of every list page and API collection with 2xx, 3xx or 4xx', async () => {
    const nasty = ['-1', '99999999999999999999999', '%', '__proto__', 'on', '2018-13-45'];
    const failures: string[] = [];
    let n = 0;
    // Routes of one record get the same garbage from the property below.
    for (const r of gets().filter((r) => !/:(id|type)\b/.test(r.url))) {
      for (const key of keysOf(r.url)) {
        // Markup and SQL, a second value for the same key (an array), and one more odd value.
        const url = `${fill(r.url, ids)}?${key}=%00'%22><script>alert(1)</script>${encodeURIComponent("\u202e'; drop table bodies;--")}&${key}=${nasty[n % nasty.length]}`;
        const reader = n++ % 2 ? w.clients.strategist : w.clients.anonymous;
        const res = await reader.get(url, asJson(url));
        const problems = responseProblems(res);
        if (problems.length) failures.push(`GET ${url}: ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, PROPERTY_TIMEOUT);

  it('answers garbage in any mix of query parameters of any GET route, as any reader, safely', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(4), fc.array(fc.tuple(fc.nat(), hostileParam()), { minLength: 1, maxLength: 5 }), async (pick, who, params) => {
        const r = gets()[pick % gets().length]!;
        const keys = keysOf(r.url);
        const url = `${fill(r.url, ids)}?${params.map(([k, v]) => `${keys[k % keys.length]}=${v}`).join('&')}`;
        const reader = [w.clients.anonymous, w.clients.reader, w.clients.reporter, w.clients.strategist, w.clients.admin][who]!;
        expectSafe(await reader.get(url, asJson(url)), `GET ${url.slice(0, 300)}`);
      }),
      hostileRuns(60),
    );
  }, PROPERTY_TIMEOUT);

  it('answers garbage in the path parameters of every GET route with 4xx, never 5xx', async () => {
    const failures: string[] = [];
    for (const r of gets().filter((r) => r.url.includes(':'))) {
      for (const name of [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
        for (const value of ['x', '%00', "1'%20or%20'1'='1", '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc', encodeURIComponent('<script>alert(1)</script>'), '%E0%A4%A', 'a'.repeat(300)]) {
          const url = fill(r.url, ids, { [name]: value });
          const res = await w.clients.strategist.get(url, asJson(url));
          // Fastify's router refuses these before any hook runs; see the test below.
          const problems = isRouterError(res) ? (res.statusCode >= 400 && res.statusCode < 500 ? [] : [`HTTP ${res.statusCode}`]) : responseProblems(res);
          if (problems.length) failures.push(`GET ${url}: ${problems.join('; ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, PROPERTY_TIMEOUT);

  // A URL with malformed percent-encoding or a path parameter over 100 characters is answered by
  // Fastify's router (FST_ERR_BAD_URL, FST_ERR_MAX_PARAM_LENGTH) before any hook runs; the app's
  // frameworkErrors handler (src/core/http/app.tsx) still sends the security headers.
  it('answers a malformed URL with the security headers like every other answer', async () => {
    for (const url of [`/o/%E0%A4%A`, `/o/${s}/goals/${'a'.repeat(300)}`]) {
      const res = await w.clients.strategist.get(url);
      expect([400, 414]).toContain(res.statusCode);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.body).not.toContain('%E0');
    }
  });

  it('answers garbage in the headers a client controls safely', async () => {
    const headerValues = fc.oneof(hostileText().map((v) => wellFormed(v).replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 2000)), fc.constantFrom('', ' ', 'sv', 'en', '*', 'text/html', 'application/json', '../../', 'x'.repeat(8000)));
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('host', 'accept', 'accept-language', 'cookie', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'authorization', 'if-none-match', 'referer'), headerValues, async (pick, header, value) => {
        const r = gets()[pick % gets().length]!;
        const url = fill(r.url, ids);
        const res = await w.app.inject({ method: 'GET', url, headers: { [header]: value } });
        expectSafe(res, `GET ${url} with ${header}: ${JSON.stringify(value.slice(0, 80))}`);
      }),
      hostileRuns(40, [
        [gets().length, 'host', 'evil host'],
        [0, 'host', '<script>'],
        [0, 'cookie', 'lang=<script>; sid=s%3Ax.y; _csrf=%00'],
        [0, 'authorization', 'Bearer \'; drop table api_tokens;--'],
      ]),
    );
    // The feeds build absolute links from the Host header: anything that is not a host name is refused.
    for (const feed of routes.filter((r) => r.url.startsWith('/api/v1/feeds/'))) {
      for (const host of ['evil host', 'a/b?c', '<x>', 'x:99999999']) {
        const res = await w.app.inject({ method: 'GET', url: `${feed.url}?organisation=${s}`, headers: { host } });
        expect(res.statusCode, `${feed.url} with Host: ${host}`).toBe(400);
      }
    }
  }, PROPERTY_TIMEOUT);

  it('answers garbage in the body of every write route with 4xx and no change, or accepts it safely', async () => {
    const writes = () => routes.filter((r) => r.method !== 'GET' && !NOT_ATTACKED.has(`${r.method} ${r.url}`));
    const body = fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom('name', 'title', 'version', 'comment', 'status', 'year', 'bodyId', 'ids', '_csrf'), fc.string({ maxLength: 8 })), hostileJson(), { maxKeys: 6 }).map((d) => ({ kind: 'json' as const, d })),
      fc.dictionary(fc.oneof(fc.constantFrom('name', 'title', 'version', 'comment', 'status', 'year', 'bodyId', 'ids'), fc.string({ maxLength: 8 })), hostileText(), { maxKeys: 6 }).map((d) => ({ kind: 'form' as const, d })),
      fc.constantFrom('{"name":', '[]', 'null', '"x"', '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}', 'a=1&a[b]=2&__proto__[x]=1').map((raw) => ({ kind: 'raw' as const, raw })),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), body, async (pick, b) => {
        const r = writes()[pick % writes().length]!;
        const url = fill(r.url, writeIds);
        const before = await databaseFingerprint(w.db);
        const res =
          b.kind === 'form'
            ? await attacker.post(url, Object.fromEntries(Object.entries(b.d).map(([k, v]) => [k, wellFormed(v)])))
            : b.kind === 'json'
              ? await attacker.api(r.method as 'POST', url, b.d)
              : await w.app.inject({ method: r.method as 'POST', url, payload: b.raw, headers: { 'content-type': b.raw.includes('=') ? 'application/x-www-form-urlencoded' : 'application/json', 'x-csrf-token': await attacker.csrf(), cookie: cookieOf(attacker) } });
        expectSafe(res, `${r.method} ${url} with ${JSON.stringify(b).slice(0, 200)}`);
        if (res.statusCode >= 400) expect(await databaseFingerprint(w.db), `${r.method} ${url} refused (${res.statusCode}) but wrote`).toEqual(before);
      }),
      hostileRuns(80),
    );
  }, PROPERTY_TIMEOUT);

  it('answers a body in the wrong encoding, of the wrong type or over the size limit with 4xx', async () => {
    const url = `/api/v1/bodies?organisation=${s}`;
    const token = await attacker.csrf();
    for (const [type, payload] of [
      ['text/plain', 'name=x'],
      ['application/xml', '<name>x</name>'],
      ['application/json; charset=utf-16', '{"name":"x"}'],
      ['application/json', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ['application/json', `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--'],
    ] as const) {
      const before = await databaseFingerprint(w.db);
      const sent = await w.app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, 'x-csrf-token': token, cookie: cookieOf(attacker) } });
      expect(sent.statusCode, `${type}: ${sent.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(sent.statusCode, `${type}: ${sent.body.slice(0, 200)}`).toBeLessThan(500);
      expectSafe(sent, type);
      expect(await databaseFingerprint(w.db)).toEqual(before);
    }
  });

  it('keeps the return path after a language switch or sign-in on this site', async () => {
    const user = await buildUser(w.db, { organisationId: w.org.id, role: 'reader' });
    for (const back of ['/%0d%0aSet-Cookie:%20x=1', '/%09/evil.example', '/%0a/evil.example', '/%5Cevil.example', '%2F%2Fevil.example', '/%E2%80%A8x', 'https://evil.example', 'javascript:alert(1)', '/o/hostile-requests/goals?year=2024']) {
      const lang = await w.clients.anonymous.get(`/lang/en?back=${back}`);
      expectSafe(lang, `language switch back to ${back}`);
      expect(lang.statusCode).toBe(303);
      const c = new TestClient(w.app);
      const signIn = await c.post(`/sign-in?back=${back}`, { email: user.email, password: 'correct horse battery staple' });
      expectSafe(signIn, `sign-in back to ${back}`);
      expect(signIn.statusCode).toBe(303);
    }
  });

  it('answers garbage on the sign-in form with 4xx and no session, never 5xx', async () => {
    // Sign-in is rate-limited per client; a handful of attempts stays under the limit.
    await fc.assert(
      fc.asyncProperty(hostileText(), hostileText(), async (email, password) => {
        const c = new TestClient(w.app);
        const res = await c.post('/sign-in', { email: wellFormed(email), password: wellFormed(password) });
        expectSafe(res, `sign-in as ${JSON.stringify(email.slice(0, 60))}`);
        expect([400, 401, 429]).toContain(res.statusCode);
        expect(c.hasCookie('sid')).toBe(false);
      }),
      hostileRuns(8),
    );
  }, PROPERTY_TIMEOUT);
});
