import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('focus areas on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['strategist', 'reader', 'otherAdmin']));

  const rows = () => h.db.selectFrom('focus_areas').selectAll().where('organisation_id', '=', h.org.id).orderBy('sort_order').orderBy('name').execute();
  const activeNames = async () => (await rows()).filter((f) => f.archived_at === null).map((f) => f.name);

  it('lets a strategist create focus areas through the form, each placed last, and edit one', async () => {
    for (const name of ['Trygghet', 'Bostäder', 'Infrastruktur']) {
      expect((await h.strategist.post('/o/testkommun/focus-areas', { name, description: `Om ${name.toLowerCase()}.`, sortOrder: '' })).statusCode).toBe(303);
    }
    expect(await activeNames()).toEqual(['Trygghet', 'Bostäder', 'Infrastruktur']);
    const bostader = (await rows())[1]!;
    const res = await h.strategist.post(`/o/testkommun/focus-areas/${bostader.id}`, { name: 'Bostäder och byggande', description: 'Fler bostäder.', sortOrder: '', version: String(bostader.version) });
    expect(res.statusCode).toBe(303);
    expect((await rows())[1]).toMatchObject({ name: 'Bostäder och byggande', sort_order: bostader.sort_order, version: 2 });
    const page = await h.anonymous().get(`/o/testkommun/focus-areas/${bostader.id}`);
    expect(page.body).toContain('Fler bostäder.');
  });

  it('reorders with the move buttons and through the API', async () => {
    const list = await h.strategist.get('/o/testkommun/focus-areas');
    expect(list.body).toContain('Flytta upp<span class="visually-hidden"> Infrastruktur</span>');
    const [trygghet, bostader, infra] = await rows();
    // The move-up form of Infrastruktur carries the whole new order; send it as the browser would.
    const form = list.body.split('<form').find((f) => f.includes('Flytta upp<span class="visually-hidden"> Infrastruktur'))!;
    const ids = [...form.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toEqual([trygghet!.id, infra!.id, bostader!.id]);
    const res = await h.strategist.post('/o/testkommun/focus-areas/order', { ids });
    expect(res.statusCode).toBe(303);
    expect(await activeNames()).toEqual(['Trygghet', 'Infrastruktur', 'Bostäder och byggande']);
    const api = await h.strategist.api('PUT', '/api/v1/focus-areas/order?organisation=testkommun', { ids: [bostader!.id, trygghet!.id, infra!.id] });
    expect(api.statusCode).toBe(200);
    expect(api.json().items.map((f: { name: string }) => f.name)).toEqual(['Bostäder och byggande', 'Trygghet', 'Infrastruktur']);
    const history = await h.strategist.get(`/o/testkommun/history/focus_area/${bostader!.id}`);
    expect(history.body).toMatch(/ändrade plats från \d+ till \d+/);
  });

  it('answers a reorder based on an outdated list with 409 and keeps the order', async () => {
    const before = await activeNames();
    const [a, b] = await rows();
    const form = await h.strategist.post('/o/testkommun/focus-areas/order', { ids: [b!.id, a!.id] });
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('Listan ändrades av någon annan');
    const api = await h.strategist.api('PUT', '/api/v1/focus-areas/order?organisation=testkommun', { ids: [b!.id, a!.id] });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toBe('conflict');
    expect(await activeNames()).toEqual(before);
  });

  it('archives and restores, hiding archived ones from the public list', async () => {
    const infra = (await rows()).find((f) => f.name === 'Infrastruktur')!;
    expect((await h.strategist.post(`/o/testkommun/focus-areas/${infra.id}/archive`, { version: String(infra.version), confirm: 'yes' })).statusCode).toBe(303);
    const pub = await h.app.inject({ url: '/api/v1/focus-areas?organisation=testkommun' });
    expect(pub.json().items.map((f: { name: string }) => f.name)).not.toContain('Infrastruktur');
    expect((await h.app.inject({ url: '/api/v1/focus-areas?organisation=testkommun&includeArchived=true' })).json().total).toBe(3);
    const archivedPage = await h.anonymous().get('/o/testkommun/focus-areas?state=archived');
    expect(archivedPage.body).toContain('Infrastruktur');
    expect(archivedPage.body).not.toContain('Trygghet');
    const restored = await h.strategist.api('POST', `/api/v1/focus-areas/${infra.id}/restore?organisation=testkommun`, { version: infra.version + 1 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().archived).toBe(false);
  });

  it('shows field errors for bad input and a duplicate name, writing nothing', async () => {
    const before = await rows();
    const blank = await h.strategist.post('/o/testkommun/focus-areas', { name: '  ', sortOrder: 'först' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Fältet måste fyllas i.');
    expect(blank.body).toContain('Ange ett tal.');
    const duplicate = await h.strategist.api('POST', '/api/v1/focus-areas?organisation=testkommun', { name: 'trygghet' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().fieldErrors.name).toBe('Det finns redan ett fokusområde med det namnet.');
    expect(await rows()).toEqual(before);
  });

  it('refuses a reader, an anonymous visitor and the admin of another organisation', async () => {
    const before = await rows();
    const target = before[0]!;
    expect((await h.reader.post('/o/testkommun/focus-areas', { name: 'Ny' })).statusCode).toBe(403);
    expect((await h.reader.post('/o/testkommun/focus-areas/order', { ids: before.filter((f) => !f.archived_at).map((f) => f.id).reverse() })).statusCode).toBe(403);
    expect((await h.otherAdmin.api('POST', '/api/v1/focus-areas?organisation=testkommun', { name: 'Ny' })).statusCode).toBe(403);
    expect((await h.otherAdmin.api('PUT', `/api/v1/focus-areas/${target.id}?organisation=testkommun`, { name: 'Kapad', version: target.version })).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.post(`/o/testkommun/focus-areas/${target.id}/archive`, { version: String(target.version) })).statusCode).toBe(401);
    expect((await anon.api('POST', '/api/v1/focus-areas?organisation=testkommun', { name: 'Ny' })).statusCode).toBe(401);
    expect(await rows()).toEqual(before);
  });

  it('answers a stale edit with 409 in the form (keeping the input) and the API', async () => {
    const target = (await rows())[0]!;
    expect((await h.strategist.api('PUT', `/api/v1/focus-areas/${target.id}?organisation=testkommun`, { name: 'Trygghet och säkerhet', version: target.version })).statusCode).toBe(200);
    const form = await h.strategist.post(`/o/testkommun/focus-areas/${target.id}`, { name: 'Mitt förslag', description: '', version: String(target.version) });
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('Mitt förslag');
    expect(form.body).toContain('Trygghet och säkerhet');
    const api = await h.strategist.api('PUT', `/api/v1/focus-areas/${target.id}?organisation=testkommun`, { name: 'Annat', version: target.version });
    expect(api.statusCode).toBe(409);
    const csv = await h.app.inject({ url: '/o/testkommun/focus-areas.csv' });
    expect(csv.body).toContain('Trygghet och säkerhet');
  });
});
