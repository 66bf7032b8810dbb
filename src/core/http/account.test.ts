import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from '../../test/factories';

describe.each(engines)('own account on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let org: OrgFixture;

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    org = await buildOrg(database.db, { slug: 'kommun-k', name: 'Kommun K' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const fieldError = (body: string, field: string) => new RegExp(`id="f-${field}-error">([^<]+)<`).exec(body)?.[1];
  const stillSignedIn = async (c: TestClient) => (await c.get('/account')).statusCode === 200;
  const passwordHash = async (id: string) =>
    (await sql<{ password_hash: string; version: number }>`select password_hash, version from users where id = ${id}`.execute(database.db)).rows[0]!;

  it('shows the signed-in user their name, e-mail, role, organisation and bodies, linked from the header', async () => {
    const body = await buildBody(database.db, { organisationId: org.id, name: 'Stadsbyggnadsnämnden' });
    const user = await buildUser(database.db, { organisationId: org.id, role: 'reporter', name: 'Rut Rapportör', email: 'rut@kommun-k.example', bodyIds: [body.id] });
    const c = new TestClient(app);
    await c.signIn(user.email, TEST_PASSWORD);
    const home = await c.get('/o/kommun-k');
    expect(home.body).toMatch(/<a href="\/account"[^>]*>Rut Rapportör/);
    const res = await c.get('/account');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Ditt konto</h1>');
    for (const text of ['Rut Rapportör', 'rut@kommun-k.example', 'rapportör', 'Kommun K', 'Stadsbyggnadsnämnden', 'Logga ut överallt']) expect(res.body).toContain(text);
    expect(res.body).toContain('aria-current="page"');
    expect(res.body).toContain('autocomplete="current-password"');
    expect(res.body).toContain('autocomplete="new-password"');
  });

  it('sends anonymous visitors to sign in, and back to the account page after', async () => {
    const res = await new TestClient(app).get('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?back=%2Faccount');
    expect((await new TestClient(app).post('/account/sign-out-everywhere', {})).statusCode).toBe(401);
  });

  it('changes the own password: current one required, other sessions end, this one stays, and the audit trail holds no secret', async () => {
    const user = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
    const here = new TestClient(app);
    const elsewhere = new TestClient(app);
    await here.signIn(user.email, TEST_PASSWORD);
    await elsewhere.signIn(user.email, TEST_PASSWORD);
    const before = await passwordHash(user.id);
    // Typed composed here, decomposed at the next sign-in: NFKC makes them one password.
    const chosen = 'Gåsen Åke går över Öresundsbron 🦢';
    const res = await here.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: chosen, confirmPassword: chosen });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect((await here.get('/account')).body).toContain('Lösenordet är bytt. Du är utloggad i alla andra webbläsare och enheter.');
    expect(await stillSignedIn(here)).toBe(true);
    expect(await stillSignedIn(elsewhere)).toBe(false);
    const after = await passwordHash(user.id);
    expect(after.password_hash).not.toBe(before.password_hash);
    expect(after.version).toBe(before.version + 1);
    expect((await new TestClient(app).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    await new TestClient(app).signIn(user.email, chosen.normalize('NFD'));
    const audit = await sql<{ after: unknown }>`select after from audit_events where entity_type = 'user' and entity_id = ${user.id}`.execute(database.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ password: 'changed', sessionsRevoked: 1 });
    expect(JSON.stringify(audit.rows)).not.toContain('Gåsen');
    expect(JSON.stringify(audit.rows)).not.toContain('argon2');
  });

  it('refuses a wrong current password or a weak new one, next to the field, and changes nothing', async () => {
    const user = await buildUser(database.db, { organisationId: org.id, role: 'reader', name: 'Lars Läsare', email: 'lars.lasare@kommun-k.example' });
    const c = new TestClient(app);
    await c.signIn(user.email, TEST_PASSWORD);
    const before = await passwordHash(user.id);
    const attempt = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => c.post('/account/password', { currentPassword, newPassword, confirmPassword });

    const wrong = await attempt('inte det nuvarande lösenordet', 'en helt ny och bra mening');
    expect(wrong.statusCode).toBe(400);
    expect(fieldError(wrong.body, 'currentPassword')).toBe('Det nuvarande lösenordet stämmer inte.');
    expect(fieldError((await attempt(TEST_PASSWORD, 'kort')).body, 'newPassword')).toBe(
      'Lösenordet behöver vara minst 15 tecken. Några ord i följd, gärna med mellanslag, blir ett långt lösenord som är lätt att minnas.',
    );
    expect(fieldError((await attempt(TEST_PASSWORD, 'qwerty123456789')).body, 'newPassword')).toBe(
      'Lösenordet är för vanligt eller för lätt att gissa. Välj ett annat, till exempel några ord som inte hör ihop.',
    );
    expect(fieldError((await attempt(TEST_PASSWORD, 'Lars.Lasare@kommun-k.example')).body, 'newPassword')).toBe('Lösenordet får inte vara detsamma som e-postadressen eller namnet.');
    expect(fieldError((await attempt(TEST_PASSWORD, 'en helt ny och bra mening', 'en helt ny och bra menig')).body, 'confirmPassword')).toBe(
      'Lösenorden är inte likadana. Skriv samma nya lösenord i båda fälten.',
    );
    const refused = await attempt(TEST_PASSWORD, 'kort');
    expect(refused.body).not.toContain(TEST_PASSWORD);
    expect(refused.body).toContain('class="error-summary"');
    expect(await passwordHash(user.id)).toEqual(before);
    // Without the form's CSRF token nothing happens either.
    expect((await c.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'en helt ny och bra mening', confirmPassword: 'en helt ny och bra mening' }, { csrf: false })).statusCode).toBe(403);
    expect(await passwordHash(user.id)).toEqual(before);
  });

  it('throttles guessing the current password like sign-in', async () => {
    const user = await buildUser(database.db, { organisationId: org.id, role: 'reader' });
    const c = new TestClient(app);
    await c.signIn(user.email, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) await c.post('/account/password', { currentPassword: `gissning ${i} på lösenordet`, newPassword: 'en helt ny och bra mening', confirmPassword: 'en helt ny och bra mening' });
    const res = await c.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'en helt ny och bra mening', confirmPassword: 'en helt ny och bra mening' });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'currentPassword')).toMatch(/^För många misslyckade inloggningsförsök/);
    expect((await new TestClient(app).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
  });

  it('signs out everywhere: every session of the user ends, this one too, and nobody else’s', async () => {
    const user = await buildUser(database.db, { organisationId: org.id, role: 'admin' });
    const colleague = await buildUser(database.db, { organisationId: org.id, role: 'admin' });
    const laptop = new TestClient(app);
    const phone = new TestClient(app);
    const other = new TestClient(app);
    await laptop.signIn(user.email, TEST_PASSWORD);
    await phone.signIn(user.email, TEST_PASSWORD);
    await other.signIn(colleague.email, TEST_PASSWORD);
    expect((await laptop.get('/account')).body).toContain('Antal webbläsare och enheter där du är inloggad just nu: 2.');
    const res = await laptop.post('/account/sign-out-everywhere', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(laptop.hasCookie('sid')).toBe(false);
    expect((await laptop.get('/')).body).toContain('Du är utloggad överallt, även i andra webbläsare och enheter.');
    expect(await stillSignedIn(laptop)).toBe(false);
    expect(await stillSignedIn(phone)).toBe(false);
    expect(await stillSignedIn(other)).toBe(true);
    const open = await sql<{ n: number }>`select count(*)::int as n from sessions where user_id = ${user.id} and revoked_at is null`.execute(database.db);
    expect(open.rows[0]!.n).toBe(0);
  });
});
