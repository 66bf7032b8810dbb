// What the signed-in user sees about their own account. Users are a core table; the bodies a user
// acts for come from the module that links users to bodies (manifest `userBodies`).
import type { Role } from '../context';
import type { UserBodies } from '../manifest';
import type { Db, Executor } from '../db/schema';

export interface OwnAccount {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisation: { id: string; slug: string; name: string };
  /** Names of the bodies the user reports for, sorted by the caller's language. */
  bodies: string[];
}

export async function findOwnAccount(db: Db, userId: string, userBodies: UserBodies): Promise<OwnAccount | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'organisations.id as org_id', 'organisations.slug as org_slug', 'organisations.name as org_name'])
    .where('users.id', '=', userId)
    .where('users.archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const bodies = await userBodies.names(db, userId);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organisation: { id: row.org_id, slug: row.org_slug, name: row.org_name },
    bodies,
  };
}

/** The stored hash of an active user's password, for checking the current password before a change. */
export async function passwordHashOf(db: Executor, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).where('archived_at', 'is', null).executeTakeFirst();
  return row?.password_hash;
}
