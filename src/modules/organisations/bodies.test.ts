import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../core/db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from '../../test/factories';
import { loadConfig } from '../../core/config';

describe.each(engines)('bodies on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;
  let strategist: { email: string };
  let reader: { email: string };

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    org = await buildOrg(database.db, { slug: 'testkommun', name: 'Testkommun' });
    strategist = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
    reader = await buildUser(database.db, { organisationId: org.id, role: 'reader' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets a strategist create a body through the form and shows it in the public tree', async () => {
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const kf = await buildBody(database.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const res = await c.post('/o/testkommun/bodies', { name: 'Servicenämnden', shortName: 'SN', kind: 'committee', parentId: kf.id, description: '' });
    expect(res.statusCode).toBe(303);
    const page = await new TestClient(app).get('/o/testkommun/bodies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Servicenämnden');
    const history = await c.get(res.headers.location!.replace('/bodies/', '/history/body/'));
    expect(history.body).toContain('Skapad');
  });

  it('shows field errors in Swedish and changes nothing on bad input', async () => {
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    const before = await database.db.selectFrom('bodies').select('id').execute();
    const res = await c.post('/o/testkommun/bodies', { name: '   ', kind: 'nonsense' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Fältet måste fyllas i.');
    expect(res.body).toContain('aria-invalid="true"');
    expect((await database.db.selectFrom('bodies').select('id').execute()).length).toBe(before.length);
  });

  it('refuses a reader and an anonymous visitor', async () => {
    const c = new TestClient(app);
    await c.signIn(reader.email, TEST_PASSWORD);
    expect((await c.post('/o/testkommun/bodies', { name: 'X', kind: 'committee' })).statusCode).toBe(403);
    const anon = new TestClient(app);
    expect((await anon.post('/o/testkommun/bodies', { name: 'X', kind: 'committee' })).statusCode).toBe(401);
  });

  it('refuses a form post without a CSRF token', async () => {
    const c = new TestClient(app);
    await c.signIn(strategist.email, TEST_PASSWORD);
    expect((await c.post('/o/testkommun/bodies', { name: 'Utan token', kind: 'committee' }, { csrf: false })).statusCode).toBe(403);
  });

  it('answers a stale edit with 409 and keeps what the user typed', async () => {
    const body = await buildBody(database.db, { organisationId: org.id, name: 'Miljönämnden' });
    const a = new TestClient(app);
    await a.signIn(strategist.email, TEST_PASSWORD);
    const first = await a.post(`/o/testkommun/bodies/${body.id}`, { name: 'Miljö- och klimatnämnden', kind: 'committee', version: body.version });
    expect(first.statusCode).toBe(303);
    const second = await a.post(`/o/testkommun/bodies/${body.id}`, { name: 'Miljönämnden Malmö', kind: 'committee', version: body.version });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Miljönämnden Malmö');
    expect(second.body).toContain('Miljö- och klimatnämnden');
    const api = await a.api('PUT', `/api/v1/bodies/${body.id}?organisation=testkommun`, { name: 'API-namn', kind: 'committee', version: body.version });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ error: 'conflict', changedFields: expect.arrayContaining(['name']) });
  });

  it('lists bodies in the API with items and total, and documents them in OpenAPI', async () => {
    const res = await app.inject({ url: '/api/v1/bodies?organisation=testkommun&limit=2' });
    expect(res.statusCode).toBe(200);
    const json = res.json();
    expect(json.items.length).toBeLessThanOrEqual(2);
    expect(json.total).toBeGreaterThanOrEqual(2);
    const bad = await app.inject({ url: '/api/v1/bodies?organisation=testkommun&limit=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.limit).toBeDefined();
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/bodies');
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/'))).toBe(true);
  });
});
