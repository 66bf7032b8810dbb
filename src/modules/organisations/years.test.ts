import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('budget years on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['strategist', 'reader', 'otherAdmin']));

  const year = (y: number) => h.db.selectFrom('years').selectAll().where('organisation_id', '=', h.org.id).where('year', '=', y).executeTakeFirst();
  const count = async () => (await h.db.selectFrom('years').select('id').where('organisation_id', '=', h.org.id).execute()).length;

  it('lets a strategist add a year through the form and move it planning → active → closed', async () => {
    const res = await h.strategist.post('/o/testkommun/years', { year: '2018', status: 'planning' });
    expect(res.statusCode).toBe(303);
    const created = (await year(2018))!;
    expect(created.status).toBe('planning');
    expect(res.headers.location).toBe(`/o/testkommun/years/${created.id}`);
    const page = await h.strategist.get(res.headers.location!);
    expect(page.body).toContain('Budgetår 2018');
    expect(page.body).toContain('Starta året');
    expect((await h.strategist.post(`/o/testkommun/years/${created.id}/status`, { status: 'active', version: created.version })).statusCode).toBe(303);
    expect((await year(2018))!.status).toBe('active');
    const api = await h.strategist.api('POST', `/api/v1/years/${created.id}/status?organisation=testkommun`, { status: 'closed', version: created.version + 1 });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ year: 2018, status: 'closed' });
    const history = await h.strategist.get(`/o/testkommun/history/year/${created.id}`);
    expect(history.body).toContain('ändrade status från Pågående till Avslutat');
  });

  it('refuses a step back and a duplicate year with field messages, writing nothing', async () => {
    const closed = (await year(2018))!;
    const back = await h.strategist.post(`/o/testkommun/years/${closed.id}/status`, { status: 'planning', version: closed.version });
    expect(back.statusCode).toBe(400);
    expect(back.body).toContain('Ett budgetår kan inte gå från ”Avslutat” till ”Planering”');
    const before = await count();
    const duplicate = await h.strategist.post('/o/testkommun/years', { year: '2018' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('Budgetår 2018 finns redan.');
    const bad = await h.strategist.api('POST', '/api/v1/years?organisation=testkommun', { year: 1200 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.year).toBeDefined();
    expect(await count()).toBe(before);
    expect(await year(2018)).toEqual(closed);
  });

  it('refuses a reader, an anonymous visitor and the admin of another organisation', async () => {
    const before = await count();
    expect((await h.reader.post('/o/testkommun/years', { year: '2030' })).statusCode).toBe(403);
    expect((await h.reader.api('POST', '/api/v1/years?organisation=testkommun', { year: 2030 })).statusCode).toBe(403);
    expect((await h.otherAdmin.post('/o/testkommun/years', { year: '2030' })).statusCode).toBe(403);
    expect((await h.otherAdmin.api('POST', '/api/v1/years?organisation=testkommun', { year: 2030 })).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.post('/o/testkommun/years', { year: '2030' })).statusCode).toBe(401);
    expect((await anon.api('POST', '/api/v1/years?organisation=testkommun', { year: 2030 })).statusCode).toBe(401);
    expect(await count()).toBe(before);
    // The list is public, without the form.
    const page = await anon.get('/o/testkommun/years');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Budgetår 2018');
    expect(page.body).not.toContain('Lägg till budgetår');
  });

  it('answers a stale status change with 409 in the page and the API', async () => {
    await h.strategist.post('/o/testkommun/years', { year: '2019' });
    const y = (await year(2019))!;
    expect((await h.strategist.post(`/o/testkommun/years/${y.id}/status`, { status: 'active', version: y.version })).statusCode).toBe(303);
    const stale = await h.strategist.post(`/o/testkommun/years/${y.id}/status`, { status: 'active', version: y.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Pågående');
    const api = await h.strategist.api('POST', `/api/v1/years/${y.id}/status?organisation=testkommun`, { status: 'active', version: y.version });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toBe('conflict');
  });

  it('lists years in the API with filters and paging, and exports CSV', async () => {
    const res = await h.app.inject({ url: '/api/v1/years?organisation=testkommun&status=closed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ year: 2018, status: 'closed' }] });
    const paged = await h.app.inject({ url: '/api/v1/years?organisation=testkommun&limit=1' });
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().total).toBe(2);
    const csv = await h.app.inject({ url: '/o/testkommun/years.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('2019');
    expect(csv.body).toContain('Avslutat');
  });
});
