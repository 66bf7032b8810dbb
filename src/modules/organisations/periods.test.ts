import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildYear } from '../../test/factories';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('follow-up periods on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['strategist', 'reader', 'otherAdmin']));

  const periods = () => h.db.selectFrom('periods').selectAll().where('organisation_id', '=', h.org.id).orderBy('starts_on').execute();
  const tertial1 = { year: '2018', kind: 'tertial', name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30', reportDue: '2018-05-20', status: 'open' };

  beforeAll(async () => {
    await buildYear(h.db, h.org.id, 2018);
    await buildYear(h.db, h.org.id, 2017);
    await h.db.updateTable('years').set({ status: 'closed' }).where('organisation_id', '=', h.org.id).where('year', '=', 2017).execute();
  });

  it('lets a strategist create, edit and archive a period through the forms', async () => {
    const form = await h.strategist.get('/o/testkommun/periods/new?year=2018');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="f-startsOn">');
    const res = await h.strategist.post('/o/testkommun/periods', tertial1);
    expect(res.statusCode).toBe(303);
    const [created] = await periods();
    expect(created).toMatchObject({ name: 'Tertial 1 2018', kind: 'tertial', starts_on: '2018-01-01', ends_on: '2018-04-30', report_due: '2018-05-20', status: 'open' });
    const page = await h.anonymous().get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tertialrapport');
    // The edit form does not close a period, even when a crafted post asks it to: closing is a confirmed step of its own.
    const edit = await h.strategist.post(`/o/testkommun/periods/${created!.id}`, { ...tertial1, name: 'T1 2018', status: 'closed', version: String(created!.version) });
    expect(edit.statusCode).toBe(303);
    expect((await periods())[0]).toMatchObject({ name: 'T1 2018', status: 'open', version: 2 });
    expect((await h.strategist.post(`/o/testkommun/periods/${created!.id}/archive`, { version: '2', confirm: 'yes' })).statusCode).toBe(303);
    expect((await periods())[0]!.archived_at).not.toBeNull();
    expect((await h.strategist.post(`/o/testkommun/periods/${created!.id}/restore`, { version: '3' })).statusCode).toBe(303);
    expect((await periods())[0]!.archived_at).toBeNull();
    const asked = await h.strategist.post(`/o/testkommun/periods/${created!.id}/close`, { version: '4' });
    expect(asked.body).toContain('Stäng T1 2018?');
    expect((await periods())[0]!.status).toBe('open');
    expect((await h.strategist.post(`/o/testkommun/periods/${created!.id}/close`, { version: '4', confirm: 'yes' })).statusCode).toBe(303);
    expect((await periods())[0]).toMatchObject({ status: 'closed', version: 5 });
    const history = await h.strategist.get(`/o/testkommun/history/period/${created!.id}`);
    expect(history.body).toContain('skapade uppföljningsperioden');
    expect(history.body).toContain('arkiverade uppföljningsperioden');
    expect(history.body).toContain('återställde uppföljningsperioden');
  });

  it('refuses dates outside the budget year, an end before the start, a missing or closed year – next to the field, writing nothing', async () => {
    const before = await periods();
    const outside = await h.strategist.post('/o/testkommun/periods', { ...tertial1, name: 'Fel', startsOn: '2017-12-01', endsOn: '2019-01-31' });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('Datumet måste ligga inom budgetår 2018');
    expect(outside.body).toContain('id="f-startsOn-error"');
    expect(outside.body).toContain('id="f-endsOn-error"');
    const backwards = await h.strategist.post('/o/testkommun/periods', { ...tertial1, name: 'Fel', startsOn: '2018-05-01', endsOn: '2018-04-30', reportDue: '' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('Slutdatumet kan inte ligga före startdatumet.');
    const noYear = await h.strategist.api('POST', '/api/v1/periods?organisation=testkommun', { year: 2031, kind: 'annual', name: 'Helår 2031', startsOn: '2031-01-01', endsOn: '2031-12-31' });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().fieldErrors.year).toContain('2031');
    const closed = await h.strategist.api('POST', '/api/v1/periods?organisation=testkommun', { year: 2017, kind: 'annual', name: 'Helår 2017', startsOn: '2017-01-01', endsOn: '2017-12-31' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().fieldErrors.year).toBeDefined();
    const notADate = await h.strategist.post('/o/testkommun/periods', { ...tertial1, name: 'Fel', startsOn: '2018-02-30' });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.body).toContain('Ange ett datum (ÅÅÅÅ-MM-DD).');
    expect(await periods()).toEqual(before);
  });

  it('shows the form again, not an error page, when a JSON client posts an object where a name belongs', async () => {
    const before = await periods();
    const res = await h.strategist.api('POST', '/o/testkommun/periods', { ...tertial1, name: { toString: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(await periods()).toEqual(before);
  });

  it('refuses a reader, an anonymous visitor and the admin of another organisation', async () => {
    const before = await periods();
    const body = { year: 2018, kind: 'interim', name: 'Delår 2018', startsOn: '2018-01-01', endsOn: '2018-08-31' };
    expect((await h.reader.post('/o/testkommun/periods', { ...tertial1, name: 'X' })).statusCode).toBe(403);
    expect((await h.reader.get('/o/testkommun/periods/new')).statusCode).toBe(403);
    expect((await h.reader.api('POST', '/api/v1/periods?organisation=testkommun', body)).statusCode).toBe(403);
    expect((await h.otherAdmin.api('POST', '/api/v1/periods?organisation=testkommun', body)).statusCode).toBe(403);
    expect((await h.otherAdmin.api('PUT', `/api/v1/periods/${before[0]!.id}?organisation=testkommun`, { ...body, version: before[0]!.version })).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.post('/o/testkommun/periods', { ...tertial1, name: 'X' })).statusCode).toBe(401);
    expect((await anon.api('POST', '/api/v1/periods?organisation=testkommun', body)).statusCode).toBe(401);
    expect(await periods()).toEqual(before);
  });

  it('creates and updates through the API, and answers a stale write with 409', async () => {
    const created = await h.strategist.api('POST', '/api/v1/periods?organisation=testkommun', { year: 2018, kind: 'interim', name: 'Delårsrapport 2018', startsOn: '2018-01-01', endsOn: '2018-08-31', reportDue: null });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ kind: 'interim', reportDue: null, status: 'open', version: 1 });
    const updated = await h.strategist.api('PUT', `/api/v1/periods/${p.id}?organisation=testkommun`, { year: 2018, kind: 'interim', name: 'Delårsrapport augusti 2018', startsOn: '2018-01-01', endsOn: '2018-08-31', reportDue: '2018-09-25', version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Delårsrapport augusti 2018', reportDue: '2018-09-25', version: 2 });
    const stale = await h.strategist.api('PUT', `/api/v1/periods/${p.id}?organisation=testkommun`, { year: 2018, kind: 'interim', name: 'Gammal', startsOn: '2018-01-01', endsOn: '2018-08-31', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().changedFields).toContain('name');
    const staleForm = await h.strategist.post(`/o/testkommun/periods/${p.id}`, { ...tertial1, name: 'Mitt eget namn', version: '1' });
    expect(staleForm.statusCode).toBe(409);
    expect(staleForm.body).toContain('Mitt eget namn');
    expect(staleForm.body).toContain('Delårsrapport augusti 2018');
    const staleArchive = await h.strategist.post(`/o/testkommun/periods/${p.id}/archive`, { version: '1', confirm: 'yes' });
    expect(staleArchive.statusCode).toBe(409);
    expect((await h.db.selectFrom('periods').select('name').where('id', '=', p.id).executeTakeFirstOrThrow()).name).toBe('Delårsrapport augusti 2018');
  });

  it('lists periods publicly with year and status filters, in the page and as CSV', async () => {
    const all = await h.app.inject({ url: '/api/v1/periods?organisation=testkommun&year=2018' });
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(2);
    const closed = await h.app.inject({ url: '/api/v1/periods?organisation=testkommun&year=2018&status=closed' });
    expect(closed.json()).toMatchObject({ total: 1, items: [{ name: 'T1 2018', status: 'closed' }] });
    expect((await h.app.inject({ url: '/api/v1/periods?organisation=testkommun&year=2017' })).json().total).toBe(0);
    const page = await h.anonymous().get('/o/testkommun/periods?year=2018&status=open');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Delårsrapport augusti 2018');
    expect(page.body).not.toContain('T1 2018');
    expect(page.body).toContain('<label for="f-year">');
    const csv = await h.app.inject({ url: '/o/testkommun/periods.csv?year=2018' });
    expect(csv.body).toContain('T1 2018');
    expect(csv.body).toContain('2018-09-25');
  });
});
