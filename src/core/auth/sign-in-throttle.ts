// Sign-in throttling per account and per client address, kept in the database so that every app
// server counts the same attempts (NIST SP 800-63B §3.2.2, OWASP ASVS 2.2.1).
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../db/schema';
import { ensureSecret } from '../orgs';

export const THROTTLE = {
  /** Failed attempts an account may have before each further attempt has to wait. */
  accountFreeFailures: 5,
  /** The wait after the last free failure; it doubles with every further failure, up to the maximum. */
  accountFirstDelaySeconds: 60,
  accountMaxDelaySeconds: 3600,
  /** How long a failure counts against an account; a successful sign-in clears them at once. */
  accountMemoryHours: 24,
  /** Failed attempts from one client address (any accounts) within the window before it must wait. */
  clientLimit: 20,
  clientWindowMinutes: 15,
} as const;

/** An attempt allowed to go ahead; it counts as a failure unless signInSucceeded is called for it. */
export interface SignInAttempt {
  id: number;
  accountKey: string;
}

export type ThrottleDecision = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterSeconds: number };

/**
 * Records an attempt to sign in as `email` from `clientAddress` and decides whether it may go ahead.
 * The attempt is written before the password is checked, so guesses sent in parallel count against
 * each other. An unknown e-mail is counted exactly like a known one: the answer never tells which
 * addresses have accounts.
 */
export async function beginSignInAttempt(db: Db, email: string, clientAddress: string): Promise<ThrottleDecision> {
  const secret = await throttleSecret(db);
  const accountKey = keyed(secret, 'account', email.trim().toLowerCase());
  const clientKey = keyed(secret, 'client', clientOf(clientAddress));
  await sql`select sign_in_attempts_prune()`.execute(db);
  const { id } = await db.insertInto('sign_in_attempts').values({ account_key: accountKey, client_key: clientKey }).returning('id').executeTakeFirstOrThrow();
  // All times come from the database's clock, which every app server shares.
  const row = await sql<{ failures: number; since_last: number | null; client_wait: number | null }>`
    select
      (select count(*)::int from sign_in_attempts
        where account_key = ${accountKey} and counts and id <> ${id}
          and attempted_at > now() - make_interval(hours => ${THROTTLE.accountMemoryHours})) as failures,
      (select extract(epoch from now() - max(attempted_at)) from sign_in_attempts
        where account_key = ${accountKey} and counts and id <> ${id}
          and attempted_at > now() - make_interval(hours => ${THROTTLE.accountMemoryHours})) as since_last,
      (select extract(epoch from attempted_at + make_interval(mins => ${THROTTLE.clientWindowMinutes}) - now()) from sign_in_attempts
        where client_key = ${clientKey} and counts and id <> ${id}
          and attempted_at > now() - make_interval(mins => ${THROTTLE.clientWindowMinutes})
        order by attempted_at desc offset ${THROTTLE.clientLimit - 1} limit 1) as client_wait`
    .execute(db)
    .then((r) => r.rows[0]!);
  const wait = Math.max(accountWait(Number(row.failures), row.since_last === null ? null : Number(row.since_last)), row.client_wait === null ? 0 : Number(row.client_wait));
  if (wait > 0) {
    // A refused attempt is not a guess; counting it would let anyone lock an account for ever.
    await db.updateTable('sign_in_attempts').set({ counts: false }).where('id', '=', id).execute();
    return { allowed: false, retryAfterSeconds: Math.ceil(wait) };
  }
  return { allowed: true, attempt: { id, accountKey } };
}

/** The password was right: the account's failures, this attempt's included, stop counting. */
export async function signInSucceeded(db: Db, attempt: SignInAttempt): Promise<void> {
  await db.updateTable('sign_in_attempts').set({ counts: false }).where('account_key', '=', attempt.accountKey).where('counts', '=', true).execute();
}

/** Seconds an account must still wait, given its earlier failures and how long ago the last was. */
export function accountWait(failures: number, secondsSinceLast: number | null): number {
  if (failures < THROTTLE.accountFreeFailures || secondsSinceLast === null) return 0;
  const delay = Math.min(THROTTLE.accountFirstDelaySeconds * 2 ** (failures - THROTTLE.accountFreeFailures), THROTTLE.accountMaxDelaySeconds);
  return Math.max(0, delay - secondsSinceLast);
}

/**
 * The client an address stands for. An IPv6 user is normally handed a whole /64, so counting single
 * addresses there would let one machine rotate past the limit.
 */
export function clientOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  const plain = address.split('%')[0]!.toLowerCase();
  if (!net.isIPv6(plain)) return address;
  const [left, right] = plain.includes('::') ? plain.split('::') : [plain, undefined];
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function keyed(secret: string, kind: string, value: string): string {
  return createHmac('sha256', secret).update(`${kind}\n${value}`).digest('hex');
}

const secrets = new WeakMap<Db, Promise<string>>();
function throttleSecret(db: Db): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = ensureSecret(db, 'sign_in_throttle_key');
    // A failure (database briefly down) must not be remembered as the answer.
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}
