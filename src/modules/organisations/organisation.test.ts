import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('organisation settings on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['admin', 'strategist', 'otherAdmin']));

  const row = () => h.db.selectFrom('organisations').selectAll().where('id', '=', h.org.id).executeTakeFirstOrThrow();

  it('lets an admin change name, municipality code, language and description through the form, with history', async () => {
    const page = await h.admin.get('/o/testkommun/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Malmö (1280)');
    const version = (await row()).version;
    const res = await h.admin.post('/o/testkommun/settings', { name: 'Malmö stad', municipalityCode: '1280', defaultLocale: 'sv', description: 'Sveriges tredje största stad.', version });
    expect(res.statusCode).toBe(303);
    expect(await row()).toMatchObject({ name: 'Malmö stad', municipality_code: '1280', description: 'Sveriges tredje största stad.', version: version + 1 });
    const history = await h.admin.get(`/o/testkommun/history/organisation/${h.org.id}`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('ändrade organisationen');
    expect(history.body).toContain('Malmö stad');
    // The settings link is in the admin's menu only.
    expect((await h.admin.get('/o/testkommun/bodies')).body).toContain('href="/o/testkommun/settings"');
    expect((await h.strategist.get('/o/testkommun/bodies')).body).not.toContain('href="/o/testkommun/settings"');
  });

  it('refuses an unknown or malformed municipality code next to the field and writes nothing', async () => {
    const before = await row();
    const unknown = await h.admin.post('/o/testkommun/settings', { name: 'X', municipalityCode: '9999', defaultLocale: 'sv', version: before.version });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Det finns ingen kommun med den kommunkoden.');
    expect(unknown.body).toContain('aria-invalid="true"');
    const malformed = await h.admin.api('PUT', '/api/v1/organisations/testkommun', { name: 'X', municipalityCode: '12a4', defaultLocale: 'sv', version: before.version });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().fieldErrors.municipalityCode).toBeDefined();
    const blank = await h.admin.post('/o/testkommun/settings', { name: ' ', defaultLocale: 'xx', version: before.version });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Fältet måste fyllas i.');
    expect(await row()).toEqual(before);
  });

  it('refuses a strategist, an anonymous visitor and the admin of another organisation', async () => {
    const before = await row();
    const body = { name: 'Kapad', defaultLocale: 'sv', version: before.version };
    expect((await h.strategist.get('/o/testkommun/settings')).statusCode).toBe(403);
    expect((await h.strategist.post('/o/testkommun/settings', body)).statusCode).toBe(403);
    expect((await h.otherAdmin.post('/o/testkommun/settings', body)).statusCode).toBe(403);
    expect((await h.otherAdmin.api('PUT', '/api/v1/organisations/testkommun', body)).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.get('/o/testkommun/settings')).statusCode).toBe(303);
    expect((await anon.post('/o/testkommun/settings', body)).statusCode).toBe(401);
    expect((await anon.api('PUT', '/api/v1/organisations/testkommun', body)).statusCode).toBe(401);
    expect(await row()).toEqual(before);
  });

  it('answers a stale edit with 409, in the form with what the user typed and in the API', async () => {
    const { version } = await row();
    expect((await h.admin.api('PUT', '/api/v1/organisations/testkommun', { name: 'Malmö kommun', municipalityCode: '1280', defaultLocale: 'sv', description: '', version })).statusCode).toBe(200);
    const stale = await h.admin.post('/o/testkommun/settings', { name: 'Mitt namn', defaultLocale: 'en', description: '', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Mitt namn');
    expect(stale.body).toContain('Malmö kommun');
    const api = await h.admin.api('PUT', '/api/v1/organisations/testkommun', { name: 'API', defaultLocale: 'sv', version });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ error: 'conflict', changedFields: expect.arrayContaining(['name']) });
    expect((await row()).name).toBe('Malmö kommun');
  });

  it('lists organisations publicly with items and total, pages them, and shows one by slug', async () => {
    const res = await h.app.inject({ url: '/api/v1/organisations?limit=1&offset=0' });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().items).toHaveLength(1);
    const one = await h.app.inject({ url: '/api/v1/organisations/testkommun' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ slug: 'testkommun', municipalityCode: '1280', municipalityName: 'Malmö' });
    expect((await h.app.inject({ url: '/api/v1/organisations/finns-inte' })).statusCode).toBe(404);
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/organisations/{slug}']));
  });
});
