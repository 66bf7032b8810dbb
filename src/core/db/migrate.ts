// Applies the plain-SQL migrations in db/migrations in order, each once; all pending ones in one
// transaction, so a failed start leaves the schema as it was.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { fromRoot } from '../paths';
import { applyRowSecurity } from './row-security';
import type { Db } from './schema';

export const MIGRATIONS_DIR = fromRoot('db/migrations');

export interface MigrationResult {
  applied: string[];
  total: number;
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    // Server and CLI may start together on PostgreSQL; one migrates, the other waits.
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    // Schema changes run as the connecting user, not as the restricted application role.
    await sql`set local role none`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = new Set(
      (await sql<{ name: string }>`select name from schema_migrations`.execute(trx)).rows.map((r) => r.name),
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      await sql.raw(text).execute(trx);
      await sql`insert into schema_migrations (name) values (${file})`.execute(trx);
      applied.push(file);
    }
    await applyRowSecurity(trx);
  });
  return { applied, total: files.length };
}
