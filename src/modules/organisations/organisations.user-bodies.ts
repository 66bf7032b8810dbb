// The bodies a user acts for (a reporter's), which the core needs for every signed-in actor: the
// organisations module owns the link table, so it tells the core how to read it (manifest `userBodies`).
import { sql } from 'kysely';
import type { UserBodies } from '../../core/manifest';
import './organisations.tables';

export const userBodies: UserBodies = {
  ids: (userId) => sql<string[] | null>`(select array_agg(ub.body_id::text) from user_bodies ub where ub.user_id = ${userId} and ub.archived_at is null)`,
  async names(db, userId) {
    const rows = await db
      .selectFrom('user_bodies')
      .innerJoin('bodies', 'bodies.id', 'user_bodies.body_id')
      .select('bodies.name')
      .where('user_bodies.user_id', '=', userId)
      .where('user_bodies.archived_at', 'is', null)
      .where('bodies.archived_at', 'is', null)
      .execute();
    return rows.map((r) => r.name);
  },
};
