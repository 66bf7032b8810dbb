import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories';

describe.each(engines)('sessions on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let secureApp: FastifyInstance;
  let orgId: string;

  // Small limits, so expiry is a matter of minutes in SQL rather than hours.
  const config = loadConfig({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2' });

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, config);
    secureApp = await createApp(database, loadConfig({ SECURE_COOKIES: 'true' }));
    orgId = (await buildOrg(database.db, { slug: 'kommun-s' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await secureApp?.close();
    await database?.close();
  });

  async function signedIn(target = app) {
    const user = await buildUser(database.db, { organisationId: orgId, role: 'reader' });
    const c = new TestClient(target);
    const res = await c.signIn(user.email, TEST_PASSWORD);
    return { c, res, user };
  }
  const isSignedIn = async (c: TestClient) => (await c.get('/account')).statusCode === 200;
  const moveSessions = (userId: string, set: ReturnType<typeof sql>) => sql`update sessions set ${set} where user_id = ${userId}`.execute(database.db);

  it('ends a session left idle longer than the idle limit', async () => {
    const { c, user } = await signedIn();
    await moveSessions(user.id, sql`last_seen_at = now() - interval '29 minutes'`);
    expect(await isSignedIn(c)).toBe(true);
    // That request slid the idle limit forward: activity keeps a session alive.
    const seen = await sql<{ idle: number }>`select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = ${user.id}`.execute(database.db);
    expect(seen.rows[0]!.idle).toBeLessThan(60);
    await moveSessions(user.id, sql`last_seen_at = now() - interval '31 minutes'`);
    const res = await c.get('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?back=%2Faccount');
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const { c, res, user } = await signedIn();
    const row = await sql<{ hours: number }>`select extract(epoch from expires_at - created_at) / 3600 as hours from sessions where user_id = ${user.id}`.execute(database.db);
    expect(Number(row.rows[0]!.hours)).toBeCloseTo(2, 2);
    expect(res.cookies.find((k) => k.name === 'sid')?.maxAge).toBe(2 * 3600);
    await moveSessions(user.id, sql`created_at = now() - interval '2 hours 1 minute', expires_at = now() - interval '1 minute', last_seen_at = now()`);
    expect(await isSignedIn(c)).toBe(false);
  });

  it('keeps only a hash of the session token in the database', async () => {
    const { res, user } = await signedIn();
    const signed = res.cookies.find((k) => k.name === 'sid')!.value;
    const token = signed.slice(0, signed.lastIndexOf('.'));
    const rows = await sql<{ id: string }>`select id from sessions where user_id = ${user.id}`.execute(database.db);
    expect(rows.rows.map((r) => r.id)).toEqual([createHash('sha256').update(token).digest('hex')]);
  });

  it('refuses a session cookie whose signature was tampered with', async () => {
    const { res } = await signedIn();
    const signed = res.cookies.find((k) => k.name === 'sid')!.value;
    const forged = `${signed.slice(0, signed.lastIndexOf('.'))}.AAAA`;
    const page = await app.inject({ url: '/account', headers: { cookie: `sid=${forged}`, accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
  });

  it('sets HttpOnly and SameSite=Lax on every cookie and no Secure flag or HSTS on plain HTTP', async () => {
    const { res } = await signedIn();
    const sid = res.cookies.find((k) => k.name === 'sid')!;
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(sid.secure).toBeFalsy();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('with SECURE_COOKIES=true marks every cookie Secure and sends HSTS', async () => {
    const c = new TestClient(secureApp);
    const form = await c.get('/sign-in');
    expect(form.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const csrfCookie = form.cookies.find((k) => k.name === '_csrf')!;
    expect(csrfCookie).toMatchObject({ secure: true, httpOnly: true });
    const { res } = await signedIn(secureApp);
    for (const cookie of res.cookies) expect(cookie, cookie.name).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(res.cookies.map((k) => k.name)).toEqual(expect.arrayContaining(['sid', 'flash']));
    const lang = await c.get('/lang/en?back=/');
    expect(lang.cookies.find((k) => k.name === 'lang')).toMatchObject({ secure: true });
  });
});
