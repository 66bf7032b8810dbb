// A person's previous visit: stored at sign-in so the work page can show what changed since.
import { sql } from 'kysely';
import type { Ctx } from '../context';
import type { Executor } from '../db/schema';

/**
 * At sign-in, before the new session exists: the previous visit is the last activity of the
 * person's earlier sessions (revoked, expired or still open on another device). Without earlier
 * sessions the stored value stays as it is.
 */
export async function recordPreviousVisit(db: Executor, userId: string): Promise<void> {
  await sql`
    update users set previous_visit_at = coalesce((select max(last_seen_at) from sessions where user_id = ${userId}), previous_visit_at)
    where id = ${userId}`.execute(db);
}

const cache = new WeakMap<Ctx, Promise<Date | null>>();

/** When the person asking was last here before this sign-in; null for a first visit or no person. Read once per request. */
export function previousVisit(ctx: Ctx): Promise<Date | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return Promise.resolve(null);
  let found = cache.get(ctx);
  if (!found) {
    found = ctx.db
      .selectFrom('users')
      .select('previous_visit_at')
      .where('id', '=', actor.id)
      .executeTakeFirst()
      .then((r) => r?.previous_visit_at ?? null);
    cache.set(ctx, found);
  }
  return found;
}
