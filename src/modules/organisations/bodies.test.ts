import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildBody } from '../../test/factories';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('bodies on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['strategist', 'reader']));

  it('lets a strategist create a body through the form and shows it in the public tree', async () => {
    const c = h.strategist;
    const kf = await buildBody(h.db, { organisationId: h.org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const res = await c.post('/o/testkommun/bodies', { name: 'Servicenämnden', shortName: 'SN', kind: 'committee', parentId: kf.id, description: '' });
    expect(res.statusCode).toBe(303);
    const page = await h.anonymous().get('/o/testkommun/bodies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Servicenämnden');
    const history = await c.get(res.headers.location!.replace('/bodies/', '/history/body/'));
    expect(history.body).toContain('skapade organet');
  });

  it('shows field errors in Swedish and changes nothing on bad input', async () => {
    const c = h.strategist;
    const before = await h.db.selectFrom('bodies').select('id').execute();
    const res = await c.post('/o/testkommun/bodies', { name: '   ', kind: 'nonsense' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Fältet måste fyllas i.');
    expect(res.body).toContain('aria-invalid="true"');
    expect((await h.db.selectFrom('bodies').select('id').execute()).length).toBe(before.length);
  });

  it('refuses a reader and an anonymous visitor', async () => {
    const c = h.reader;
    expect((await c.post('/o/testkommun/bodies', { name: 'X', kind: 'committee' })).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.post('/o/testkommun/bodies', { name: 'X', kind: 'committee' })).statusCode).toBe(401);
  });

  it('refuses a form post without a CSRF token', async () => {
    const c = h.strategist;
    expect((await c.post('/o/testkommun/bodies', { name: 'Utan token', kind: 'committee' }, { csrf: false })).statusCode).toBe(403);
  });

  it('answers a stale edit with 409 and keeps what the user typed', async () => {
    const body = await buildBody(h.db, { organisationId: h.org.id, name: 'Miljönämnden' });
    const a = h.strategist;
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
    const res = await h.app.inject({ url: '/api/v1/bodies?organisation=testkommun&limit=2' });
    expect(res.statusCode).toBe(200);
    const json = res.json();
    expect(json.items.length).toBeLessThanOrEqual(2);
    expect(json.total).toBeGreaterThanOrEqual(2);
    const bad = await h.app.inject({ url: '/api/v1/bodies?organisation=testkommun&limit=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.limit).toBeDefined();
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/bodies');
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/'))).toBe(true);
  });
});
