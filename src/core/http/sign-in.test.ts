import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createApp } from '../../server';
import { TestClient } from '../../test/client';
import { engines, testDatabase } from '../../test/db';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories';

describe.each(engines)('sign-in throttling on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let orgId: string;

  beforeAll(async () => {
    database = await testDatabase(engine);
    app = await createApp(database, loadConfig({}));
    orgId = (await buildOrg(database.db, { slug: 'kommun-t' })).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A browser at its own address, so each test's client counts start from nothing. */
  const clientAt = (address: string) =>
    new TestClient({ inject: (opts: InjectOptions) => app.inject({ ...opts, remoteAddress: address }) } as unknown as FastifyInstance);
  const message = (body: string) => /<div class="error-summary"[\s\S]*?<li>([^<]+)<\/li>/.exec(body)?.[1];

  it('refuses an account for a while after five failures, with 429 and a clear message, even with the right password', async () => {
    const user = await buildUser(database.db, { organisationId: orgId, role: 'reader' });
    const c = clientAt('192.0.2.10');
    for (let i = 0; i < 5; i++) expect((await c.post('/sign-in', { email: user.email, password: `fel lösenord nummer ${i}` })).statusCode).toBe(401);
    const locked = await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(message(locked.body)).toBe('För många misslyckade inloggningsförsök. Vänta 1 min och försök igen.');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(50);
    expect(c.hasCookie('sid')).toBe(false);
    // Another browser elsewhere is refused too: the lock is on the account.
    expect((await clientAt('192.0.2.11').post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    const en = clientAt('192.0.2.12');
    await en.get('/lang/en?back=/');
    expect(message((await en.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).body)).toBe('Too many failed sign-in attempts. Wait 1 min and try again.');
  });

  it('makes the wait grow with every further failure, and a success clears the account', async () => {
    const user = await buildUser(database.db, { organisationId: orgId, role: 'reader' });
    const c = clientAt('192.0.2.20');
    for (let i = 0; i < 5; i++) await c.post('/sign-in', { email: user.email, password: `fel lösenord nummer ${i}` });
    const age = async (seconds: number) => sql`update sign_in_attempts set attempted_at = attempted_at - make_interval(secs => ${seconds})`.execute(database.db);
    await age(61);
    expect((await c.post('/sign-in', { email: user.email, password: 'ett sjätte fel lösenord' })).statusCode).toBe(401);
    const second = await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(110);
    expect(message(second.body)).toContain('Vänta 2 min');
    await age(121);
    expect((await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    // The failures are forgotten: a typo now is an ordinary 401, not a lock.
    expect((await clientAt('192.0.2.21').post('/sign-in', { email: user.email, password: 'ett nytt fel lösenord' })).statusCode).toBe(401);
  });

  it('answers an unknown e-mail exactly as a known one, so the throttle reveals no accounts', async () => {
    const user = await buildUser(database.db, { organisationId: orgId, role: 'reader' });
    const run = async (email: string, address: string) => {
      const c = clientAt(address);
      const answers: { status: number; message: string | undefined; retryAfter: unknown }[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await c.post('/sign-in', { email, password: `gissning nummer ${i} av sju` });
        answers.push({ status: res.statusCode, message: message(res.body), retryAfter: res.headers['retry-after'] === undefined ? undefined : 'set' });
      }
      return answers;
    };
    const known = await run(user.email, '192.0.2.30');
    const unknown = await run('finns.inte@example.se', '192.0.2.31');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
  });

  it('refuses a client address after twenty failures across accounts, while other addresses still sign in', async () => {
    const user = await buildUser(database.db, { organisationId: orgId, role: 'strategist' });
    const attacker = clientAt('198.51.100.40');
    for (let i = 0; i < 20; i++) {
      expect((await attacker.post('/sign-in', { email: `prov${i}@example.se`, password: 'sommar2024sommar' })).statusCode).toBe(401);
    }
    const refused = await attacker.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(message(refused.body)).toMatch(/^För många misslyckade inloggningsförsök\. Vänta 15 min/);
    // The account itself has no failures: its owner signs in from elsewhere.
    expect((await clientAt('203.0.113.41').post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    // An IPv6 client is counted by its /64: hopping to a neighbouring address does not help.
    const v6 = (n: number) => clientAt(`2001:db8:5:6::${n.toString(16)}`);
    for (let i = 0; i < 20; i++) await v6(i + 1).post('/sign-in', { email: `v6-${i}@example.se`, password: 'sommar2024sommar' });
    expect((await v6(99).post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
  });

  it('does not count input that never reached a password check', async () => {
    const c = clientAt('192.0.2.50');
    for (let i = 0; i < 25; i++) expect((await c.post('/sign-in', { email: 'inte en adress', password: 'x' })).statusCode).toBe(400);
    const user = await buildUser(database.db, { organisationId: orgId, role: 'reader' });
    expect((await c.post('/sign-in', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);
  });
});
