import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { recordAudit, verifyAuditChain } from '../audit';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { asDatabaseOwner, engines, testDatabase } from '../../test/db';
import { buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from '../../test/factories';

describe.each(engines)('core HTTP on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let user: { email: string; id: string };

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    org = await buildOrg(database.db, { slug: 'kommun-a', name: 'Kommun A' });
    user = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers /healthz when the database answers', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine });
  });

  it('sends security headers: a CSP without unsafe-inline that forbids framing', async () => {
    const res = await app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('links the home page to sign-in, and lists the organisation', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.body).toContain('href="/sign-in');
    expect(res.body).toContain('Kommun A');
    expect(res.body).toContain('<html lang="sv">');
  });

  it('signs in with a session cookie that is HttpOnly and SameSite, and a new session each time', async () => {
    const c = new TestClient(app);
    const first = await c.signIn(user.email, TEST_PASSWORD);
    const cookie = first.cookies.find((k) => k.name === 'sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(first.headers.location).toBe('/o/kommun-a/work');
    const second = await c.signIn(user.email, TEST_PASSWORD);
    const cookie2 = second.cookies.find((k) => k.name === 'sid');
    expect(cookie2?.value).not.toBe(cookie?.value);
    // The first session was ended by the second sign-in (no fixation).
    const stale = await app.inject({ url: '/o/kommun-a/history/body/00000000-0000-0000-0000-000000000000', headers: { cookie: `sid=${cookie!.value}`, accept: 'text/html' } });
    expect(stale.statusCode).toBe(303);
    const sessions = await sql<{ revoked: boolean }>`select revoked_at is not null as revoked from sessions where user_id = ${user.id} order by created_at`.execute(database.db);
    expect(sessions.rows.map((r) => r.revoked)).toEqual([true, false]);
    // Signing in as someone else in the same browser also starts a new session and ends the old one.
    const other = await buildUser(database.db, { organisationId: org.id, role: 'reader' });
    const third = await c.signIn(other.email, TEST_PASSWORD);
    expect(third.cookies.find((k) => k.name === 'sid')?.value).not.toBe(cookie2?.value);
    const fresh = await app.inject({ url: '/account', headers: { cookie: `sid=${cookie2!.value}`, accept: 'text/html' } });
    expect(fresh.statusCode).toBe(303);
    expect((await c.get('/account')).body).toContain('Test reader');
  });

  it('refuses wrong credentials with one message for unknown e-mail and wrong password', async () => {
    const c = new TestClient(app);
    const wrong = await c.post('/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await c.post('/sign-in', { email: 'nobody@example.se', password: 'whatever it is' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Fel e-postadress eller lösenord.');
    expect(unknown.body).toContain('Fel e-postadress eller lösenord.');
  });

  it('refuses a sign-in POST without a CSRF token (403)', async () => {
    const c = new TestClient(app);
    const res = await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(c.hasCookie('sid')).toBe(false);
  });

  it('signs out and the session no longer works', async () => {
    const c = new TestClient(app);
    await c.signIn(user.email, TEST_PASSWORD);
    const res = await c.post('/sign-out', {});
    expect(res.statusCode).toBe(303);
    const after = await c.get('/o/kommun-a/history/body/00000000-0000-0000-0000-000000000000');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it('switches language with a link and remembers it', async () => {
    const c = new TestClient(app);
    const sw = await c.get('/lang/en?back=/');
    expect(sw.statusCode).toBe(303);
    const home = await c.get('/');
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toContain('Sign in');
    const evil = await c.get('/lang/sv?back=//evil.example');
    expect(evil.headers.location).toBe('/');
  });

  it('shows a 404 page for unknown pages and organisations, in the chosen language', async () => {
    const res = await app.inject({ url: '/o/finns-inte/bodies', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Organisationen finns inte.');
    const api = await app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
  });

  it('answers malformed ids with 4xx, never 500', async () => {
    for (const url of ['/o/kommun-a/bodies/not-a-uuid', '/api/v1/bodies/not-a-uuid?organisation=kommun-a', '/o/kommun-a/bodies/%00']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('rejects an invalid API token with 401', async () => {
    const res = await app.inject({ url: '/api/v1/bodies?organisation=kommun-a', headers: { authorization: 'Bearer nope' } });
    expect(res.statusCode).toBe(401);
  });

  it('detects an audit entry edited directly in the database', async () => {
    await database.db.transaction().execute((trx) =>
      recordAudit(trx, { kind: 'system', label: 'test' }, { organisationId: org.id, action: 'update', entityType: 'body', entityId: 'x', before: { name: 'A' }, after: { name: 'B' } }),
    );
    await database.db.transaction().execute((trx) =>
      recordAudit(trx, { kind: 'system', label: 'test' }, { organisationId: org.id, action: 'update', entityType: 'body', entityId: 'x', before: { name: 'B' }, after: { name: 'C' } }),
    );
    expect((await verifyAuditChain(database.db)).every((r) => r.ok)).toBe(true);
    await asDatabaseOwner(database, (trx) => sql`update audit_events set after = '{"name":"Z"}' where organisation_id = ${org.id} and entity_id = 'x' and after->>'name' = 'B'`.execute(trx));
    const report = (await verifyAuditChain(database.db)).find((r) => r.organisationId === org.id)!;
    expect(report.ok).toBe(false);
  });
});
