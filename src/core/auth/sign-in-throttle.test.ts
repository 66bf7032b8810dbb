import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { engines, testDatabase } from '../../test/db';
import { accountWait, beginSignInAttempt, clientOf, signInSucceeded, THROTTLE } from './sign-in-throttle';

describe('sign-in throttle rules', () => {
  it('lets an account fail five times, then makes each attempt wait twice as long as the last, up to an hour', () => {
    expect(accountWait(4, 0)).toBe(0);
    expect(accountWait(5, 0)).toBe(60);
    expect(accountWait(5, 59)).toBe(1);
    expect(accountWait(5, 60)).toBe(0);
    expect(accountWait(6, 0)).toBe(120);
    expect(accountWait(7, 30)).toBe(210);
    expect(accountWait(40, 0)).toBe(THROTTLE.accountMaxDelaySeconds);
  });

  it('counts an IPv4 client by its address and an IPv6 client by its /64', () => {
    expect(clientOf('192.0.2.7')).toBe('192.0.2.7');
    expect(clientOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe.each(engines)('sign-in throttle on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores neither the e-mail nor the client address, only keyed hashes', async () => {
    const decision = await beginSignInAttempt(database.db, 'Stina.Strateg@Example.se', '198.51.100.4');
    expect(decision.allowed).toBe(true);
    const rows = await sql<Record<string, unknown>>`select * from sign_in_attempts`.execute(database.db);
    const dump = JSON.stringify(rows.rows);
    expect(dump).not.toMatch(/stina|example|198\.51/i);
    expect(rows.rows[0]).toMatchObject({ counts: true });
  });

  it('counts guesses sent in parallel against each other: no more than five get through', async () => {
    await sql`update sign_in_attempts set counts = false`.execute(database.db);
    const decisions = await Promise.all(Array.from({ length: 9 }, () => beginSignInAttempt(database.db, 'parallel@example.se', '198.51.100.5')));
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(THROTTLE.accountFreeFailures);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Refused attempts do not count, so a burst cannot lock the account beyond the guesses it made.
    const counted = await sql<{ n: number }>`select count(*)::int as n from sign_in_attempts where counts`.execute(database.db);
    expect(counted.rows[0]!.n).toBe(allowed);
  });

  it('clears an account when a sign-in succeeds', async () => {
    for (let i = 0; i < 5; i++) await beginSignInAttempt(database.db, 'clears@example.se', '198.51.100.6');
    expect((await beginSignInAttempt(database.db, 'clears@example.se', '198.51.100.6')).allowed).toBe(false);
    // The lock passes; the next attempt is right.
    await sql`update sign_in_attempts set attempted_at = attempted_at - interval '2 minutes'`.execute(database.db);
    const next = await beginSignInAttempt(database.db, 'clears@example.se', '198.51.100.6');
    if (!next.allowed) throw new Error('expected the attempt to be allowed');
    await signInSucceeded(database.db, next.attempt);
    expect((await beginSignInAttempt(database.db, 'clears@example.se', '198.51.100.6')).allowed).toBe(true);
  });

  it('prunes attempts older than a day', async () => {
    await sql`update sign_in_attempts set attempted_at = now() - interval '25 hours'`.execute(database.db);
    const before = await sql<{ n: number }>`select count(*)::int as n from sign_in_attempts`.execute(database.db);
    expect(before.rows[0]!.n).toBeGreaterThan(5);
    await beginSignInAttempt(database.db, 'someone@example.se', '198.51.100.7');
    const after = await sql<{ n: number }>`select count(*)::int as n from sign_in_attempts`.execute(database.db);
    expect(after.rows[0]!.n).toBe(1);
  });
});
