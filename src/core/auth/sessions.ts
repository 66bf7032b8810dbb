// Server-side sessions and API tokens: creating them, resolving the actor, revoking them.
import type { UserBodies } from '../manifest';
import { sql } from 'kysely';
import type { Actor, Role } from '../context';
import type { Db } from '../db/schema';
import { newToken, tokenHash } from './tokens';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(db: Db, user: { id: string; organisation_id: string }, s: SessionSettings): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      organisation_id: user.organisation_id,
      user_id: user.id,
      expires_at: new Date(Date.now() + s.maxHours * 3600_000),
    })
    .execute();
  return token;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('id', '=', tokenHash(token)).where('revoked_at', 'is', null).execute();
}

export async function revokeAllSessions(db: Db, userId: string): Promise<number> {
  const r = await db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Ends every session of a user but the one given (the one asking), e.g. after a password change. */
export async function revokeOtherSessions(db: Db, userId: string, keepToken: string | undefined): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepToken) q = q.where('id', '<>', tokenHash(keepToken));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Sessions of a user that would still let someone in: not revoked, not expired, not idle too long. */
export async function countActiveSessions(db: Db, userId: string, s: SessionSettings): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from sessions
    where user_id = ${userId} and revoked_at is null and expires_at > now()
      and last_seen_at > now() - make_interval(mins => ${s.idleMinutes})`
    .execute(db)
    .then((r) => r.rows[0]);
  return Number(row?.n ?? 0);
}

/** Ends every API token of a user, e.g. when the account is archived, so restoring it does not revive them. */
export async function revokeAllApiTokens(db: Db, userId: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: sql`now()` }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

interface ActorRow {
  id: string;
  organisation_id: string;
  role: Role;
  name: string;
  email: string;
  body_ids: string[] | null;
  last_seen_at?: Date;
}

function toActor(row: ActorRow): Actor {
  return {
    kind: 'user',
    id: row.id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.name,
    email: row.email,
    bodyIds: row.body_ids ?? [],
  };
}


/** The actor behind a session cookie, or undefined if the session is unknown, revoked, idle too long or expired. */
/** `userBodies`: the catalogue's, so the session lookup needs one statement but no module's table name. */
export async function actorForSession(db: Db, token: string, s: SessionSettings, userBodies: UserBodies): Promise<Actor | undefined> {
  const id = tokenHash(token);
  const row = await sql<ActorRow>`
    select u.id, u.organisation_id, u.role, u.name, u.email, ${userBodies.ids(sql<string>`u.id`)} as body_ids, se.last_seen_at
    from sessions se join users u on u.id = se.user_id
    where se.id = ${id} and se.revoked_at is null and se.expires_at > now()
      and se.last_seen_at > now() - make_interval(mins => ${s.idleMinutes})
      and u.archived_at is null`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!row) return undefined;
  // Sliding idle timeout, written at most once a minute to keep reads cheap.
  if (row.last_seen_at && Date.now() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
  }
  return toActor(row);
}

export async function actorForApiToken(db: Db, token: string, userBodies: UserBodies): Promise<Actor | undefined> {
  const row = await sql<ActorRow & { token_id: string }>`
    select u.id, u.organisation_id, u.role, u.name, u.email, ${userBodies.ids(sql<string>`u.id`)} as body_ids, t.id as token_id
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash(token)} and t.revoked_at is null and u.archived_at is null`
    .execute(db)
    .then((r) => r.rows[0]);
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', row.token_id).execute();
  return toActor(row);
}

export async function createApiToken(db: Db, user: { id: string; organisation_id: string }, label: string): Promise<string> {
  const token = `rk_${newToken()}`;
  await db.insertInto('api_tokens').values({ organisation_id: user.organisation_id, user_id: user.id, token_hash: tokenHash(token), label }).execute();
  return token;
}
