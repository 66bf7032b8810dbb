import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildBody, buildUser, TEST_PASSWORD } from '../../test/factories';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('users and roles on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['admin', 'strategist', 'reader', 'otherAdmin'], { admin: 'Admin Adminsson' }));
  let sn: { id: string };
  let mn: { id: string };

  const user = (email: string) => h.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const links = (userId: string) => h.db.selectFrom('user_bodies').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  const allUsers = () => h.db.selectFrom('users').selectAll().where('organisation_id', '=', h.org.id).orderBy('email').execute();
  const passwordOnPage = (html: string) => /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1];

  beforeAll(async () => {
    sn = await buildBody(h.db, { organisationId: h.org.id, name: 'Servicenämnden' });
    mn = await buildBody(h.db, { organisationId: h.org.id, name: 'Miljönämnden' });
  });

  it('lets an admin create a reporter with bodies; the generated password is shown once, works, and is stored only hashed', async () => {
    const form = await h.admin.get('/o/testkommun/users/new');
    expect(form.statusCode).toBe(200);
    // Bodies are labelled checkboxes in a fieldset.
    expect(form.body).toMatch(/<input type="checkbox" id="f-bodyIds-\d" name="bodyIds" value="[^"]+"\/?><label for="f-bodyIds-\d">Servicenämnden<\/label>/);
    const res = await h.admin.post('/o/testkommun/users', { email: 'Rapportor@Example.se', name: 'Rut Rapportör', role: 'reporter', bodyIds: [sn.id, mn.id], password: '' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = passwordOnPage(res.body)!;
    expect(password).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
    const row = (await user('rapportor@example.se'))!;
    expect(row).toMatchObject({ name: 'Rut Rapportör', role: 'reporter' });
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(password);
    expect((await links(row.id)).map((l) => l.body_id).sort()).toEqual([sn.id, mn.id].sort());
    // Shown once: the account page does not show it again, and the audit trail never held it.
    const account = await h.admin.get(`/o/testkommun/users/${row.id}`);
    expect(account.body).not.toContain(password);
    const audit = await h.db.selectFrom('audit_events').select(['before', 'after']).where('entity_id', '=', row.id).execute();
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(JSON.stringify(audit)).not.toContain('argon2');
    const c = h.anonymous();
    await c.signIn('rapportor@example.se', password);
    expect((await c.get('/o/testkommun')).statusCode).not.toBe(401);
  });

  it('creates with a chosen password by redirecting, and never sends a typed password back', async () => {
    const ok = await h.admin.post('/o/testkommun/users', { email: 'lasare@example.se', name: 'Lars Läsare', role: 'reader', password: 'ett långt lösenord' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/o\/testkommun\/users\/[0-9a-f-]{36}$/);
    const before = await allUsers();
    const dup = await h.admin.post('/o/testkommun/users', { email: 'lasare@example.se', name: 'Lars igen', role: 'reader', password: 'hemligt-lösenord-123' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('Det finns redan ett konto med den e-postadressen.');
    expect(dup.body).not.toContain('hemligt-lösenord-123');
    const bad = await h.admin.post('/o/testkommun/users', { email: 'inte-en-adress', name: '', role: 'reporter', password: 'kort' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ange en giltig e-postadress.');
    expect(bad.body).toContain('Skriv minst 15 tecken.');
    const common = await h.admin.post('/o/testkommun/users', { email: 'vera@example.se', name: 'Vera Vanlig', role: 'reader', password: 'Qwerty123456789' });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('Lösenordet är för vanligt eller för lätt att gissa.');
    const own = await h.admin.post('/o/testkommun/users', { email: 'vera.vanlig@example.se', name: 'Vera Vanlig', role: 'reader', password: 'vera.vanlig@example.se' });
    expect(own.body).toContain('Lösenordet får inte vara detsamma som e-postadressen eller namnet.');
    const noBody = await h.admin.post('/o/testkommun/users', { email: 'ny@example.se', name: 'Ny', role: 'reporter' });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.body).toContain('En rapportör måste ha minst ett organ att rapportera för.');
    expect(await allUsers()).toEqual(before);
  });

  it('changes role, name and bodies; a removed body link is archived, not deleted, and comes back when re-added', async () => {
    const row = (await user('rapportor@example.se'))!;
    const onlySn = await h.admin.post(`/o/testkommun/users/${row.id}`, { name: 'Rut R.', role: 'reporter', bodyIds: sn.id, version: String(row.version) });
    expect(onlySn.statusCode).toBe(303);
    let l = await links(row.id);
    expect(l).toHaveLength(2);
    expect(l.find((x) => x.body_id === mn.id)!.archived_at).not.toBeNull();
    expect(l.find((x) => x.body_id === sn.id)!.archived_at).toBeNull();
    const both = await h.admin.api('PUT', `/api/v1/users/${row.id}?organisation=testkommun`, { name: 'Rut R.', role: 'reporter', bodyIds: [sn.id, mn.id], version: row.version + 1 });
    expect(both.statusCode).toBe(200);
    expect(both.json().bodyIds.sort()).toEqual([sn.id, mn.id].sort());
    l = await links(row.id);
    expect(l).toHaveLength(2);
    expect(l.every((x) => x.archived_at === null)).toBe(true);
    const toReader = await h.admin.post(`/o/testkommun/users/${row.id}`, { name: 'Rut R.', role: 'reader', bodyIds: [sn.id], version: String(row.version + 2) });
    expect(toReader.statusCode).toBe(303);
    expect((await user('rapportor@example.se'))!.role).toBe('reader');
    expect((await links(row.id)).every((x) => x.archived_at !== null)).toBe(true);
    const history = await h.admin.get(`/o/testkommun/history/user/${row.id}`);
    // In words: the role by its name, the bodies by theirs.
    expect(history.body).toMatch(/<th scope="row">Roll<\/th>\s*<td>rapportör<\/td>\s*<td>läsare<\/td>/);
    expect(history.body).toMatch(/<th scope="row">Organ<\/th>\s*<td>[^<]*(Servicenämnden|Miljönämnden)[^<]*<\/td>/);
    expect(history.body).not.toContain('bodyIds');
  });

  it('archiving ends the user’s sessions at once; restoring lets them sign in again', async () => {
    const target = await buildUser(h.db, { organisationId: h.org.id, role: 'reader', email: 'arkiveras@example.se' });
    const c = h.anonymous();
    await c.signIn(target.email, TEST_PASSWORD);
    expect((await c.api('GET', '/api/v1/users?organisation=testkommun')).statusCode).toBe(200);
    const res = await h.admin.post(`/o/testkommun/users/${target.id}/archive`, { version: '1', confirm: 'yes' });
    expect(res.statusCode).toBe(303);
    expect((await user(target.email))!.archived_at).not.toBeNull();
    const sessions = await h.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', target.id).execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    expect((await c.api('GET', '/api/v1/users?organisation=testkommun')).statusCode).toBe(401);
    // Members no longer see the account; the admin does, when asking for archived ones too.
    const seen = (await h.reader.api('GET', '/api/v1/users?organisation=testkommun')).json();
    expect(seen.items.map((u: { email: string }) => u.email)).not.toContain(target.email);
    expect((await h.reader.api('GET', `/api/v1/users/${target.id}?organisation=testkommun`)).statusCode).toBe(404);
    const all = (await h.admin.api('GET', '/api/v1/users?organisation=testkommun&includeArchived=true')).json();
    expect(all.items.find((u: { email: string }) => u.email === target.email)).toMatchObject({ archived: true });
    const archivedList = await h.admin.get('/o/testkommun/users?state=archived');
    expect(archivedList.body).toContain(target.email);
    expect((await h.admin.post(`/o/testkommun/users/${target.id}/restore`, { version: '2' })).statusCode).toBe(303);
    await h.anonymous().signIn(target.email, TEST_PASSWORD);
  });

  it('resets a password: the new one is shown once and works, the old one no longer does', async () => {
    const target = await buildUser(h.db, { organisationId: h.org.id, role: 'strategist', email: 'glomsk@example.se' });
    const c = h.anonymous();
    await c.signIn(target.email, TEST_PASSWORD);
    const res = await h.admin.post(`/o/testkommun/users/${target.id}/reset-password`, { version: '1' });
    expect(res.statusCode).toBe(200);
    const password = passwordOnPage(res.body)!;
    expect(password).toBeDefined();
    expect((await c.api('GET', '/api/v1/users?organisation=testkommun')).statusCode).toBe(401);
    expect((await h.anonymous().post('/sign-in', { email: target.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    await h.anonymous().signIn(target.email, password);
    const api = await h.admin.api('POST', `/api/v1/users/${target.id}/reset-password?organisation=testkommun`, { version: 2 });
    expect(api.statusCode).toBe(200);
    expect(api.json().password).not.toBe(password);
    expect(JSON.stringify(api.json())).not.toContain('argon2');
  });

  it('keeps at least one admin and does not let an admin archive their own account', async () => {
    const me = (await user(h.users.admin.email))!;
    const demote = await h.admin.post(`/o/testkommun/users/${me.id}`, { name: me.name, role: 'reader', version: String(me.version) });
    expect(demote.statusCode).toBe(400);
    expect(demote.body).toContain('Organisationen måste ha minst en aktiv administratör.');
    const archiveSelf = await h.admin.post(`/o/testkommun/users/${me.id}/archive`, { version: String(me.version), confirm: 'yes' });
    expect(archiveSelf.statusCode).toBe(400);
    expect(archiveSelf.body).toContain('Du kan inte arkivera ditt eget konto.');
    expect(await user(h.users.admin.email)).toEqual(me);
  });

  it('refuses strategists, readers, anonymous callers and the admin of another organisation; members read the API', async () => {
    const before = await allUsers();
    const target = before.find((u) => u.email === 'lasare@example.se')!;
    expect((await h.strategist.get('/o/testkommun/users')).statusCode).toBe(403);
    expect((await h.strategist.post('/o/testkommun/users', { email: 'x@example.se', name: 'X', role: 'admin' })).statusCode).toBe(403);
    expect((await h.reader.post(`/o/testkommun/users/${target.id}`, { name: 'X', role: 'admin', version: String(target.version) })).statusCode).toBe(403);
    expect((await h.strategist.api('POST', '/api/v1/users?organisation=testkommun', { email: 'x@example.se', name: 'X', role: 'admin' })).statusCode).toBe(403);
    expect((await h.otherAdmin.get('/o/testkommun/users')).statusCode).toBe(403);
    expect((await h.otherAdmin.api('GET', '/api/v1/users?organisation=testkommun')).statusCode).toBe(403);
    expect((await h.otherAdmin.api('POST', '/api/v1/users?organisation=testkommun', { email: 'x@example.se', name: 'X', role: 'admin' })).statusCode).toBe(403);
    expect((await h.otherAdmin.api('POST', `/api/v1/users/${target.id}/archive?organisation=testkommun`, { version: target.version })).statusCode).toBe(403);
    const anon = h.anonymous();
    expect((await anon.get('/o/testkommun/users')).statusCode).toBe(303);
    expect((await anon.post('/o/testkommun/users', { email: 'x@example.se', name: 'X', role: 'admin' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/api/v1/users?organisation=testkommun' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: `/api/v1/users/${target.id}?organisation=testkommun` })).statusCode).toBe(401);
    expect(await allUsers()).toEqual(before);
    const list = await h.reader.api('GET', '/api/v1/users?organisation=testkommun&role=reader');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((u: { role: string }) => u.role === 'reader')).toBe(true);
    expect(JSON.stringify(list.json())).not.toContain('password');
    // Only admins have the users link in their menu.
    expect((await h.admin.get('/o/testkommun/bodies')).body).toContain('href="/o/testkommun/users"');
    expect((await h.strategist.get('/o/testkommun/bodies')).body).not.toContain('href="/o/testkommun/users"');
  });

  it('creates through the API with a generated password, and answers stale writes with 409 without leaking the hash', async () => {
    const created = await h.admin.api('POST', '/api/v1/users?organisation=testkommun', { email: 'api@example.se', name: 'Api Användare', role: 'reporter', bodyIds: [mn.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'api@example.se', role: 'reporter', bodyIds: [mn.id], version: 1 });
    expect(created.json().generatedPassword).toMatch(/^[\w-]{23}$/);
    const id = created.json().id;
    expect((await h.admin.api('PUT', `/api/v1/users/${id}?organisation=testkommun`, { name: 'Api A.', role: 'reporter', bodyIds: [mn.id], version: 1 })).statusCode).toBe(200);
    const stale = await h.admin.api('PUT', `/api/v1/users/${id}?organisation=testkommun`, { name: 'Gammalt', role: 'reporter', bodyIds: [mn.id], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().changedFields).toContain('name');
    expect(JSON.stringify(stale.json())).not.toContain('argon2');
    expect(stale.json().current.password_hash).toBeUndefined();
    const staleForm = await h.admin.post(`/o/testkommun/users/${id}`, { name: 'Mitt namn', role: 'reporter', bodyIds: mn.id, version: '1' });
    expect(staleForm.statusCode).toBe(409);
    expect(staleForm.body).toContain('Mitt namn');
    expect(staleForm.body).toContain('Api A.');
    expect((await user('api@example.se'))!.name).toBe('Api A.');
    const csv = await h.admin.get('/o/testkommun/users.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('api@example.se');
    expect(csv.body).toContain('Miljönämnden');
    expect((await h.strategist.get('/o/testkommun/users.csv')).statusCode).toBe(403);
  });
});
