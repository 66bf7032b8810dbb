// Row-level security keyed by organisation, on every table that has an organisation_id column and
// on organisations itself: the second wall between municipalities, behind the application's own
// `where organisation_id = …`. Applied after every migration run, so a new module's tables are
// covered without anyone remembering to.
import { sql } from 'kysely';
import type { Executor } from './schema';
import { APP_ROLE } from './tenant-pool';

const POLICY = 'organisation_isolation';

export async function applyRowSecurity(db: Executor): Promise<void> {
  await sql.raw(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin;
      end if;
    end $$`).execute(db);
  // plpgsql, not sql: an inlined SQL function leaves the planner unable to estimate the policy's
  // selectivity, and it then re-ran whole subqueries per row (the overview: ~190 ms → ~10 ms, see
  // docs/PERFORMANCE.md).
  await sql.raw(`
    create or replace function riktning_visible(org uuid) returns boolean language plpgsql stable as $fn$
    begin
      return current_setting('riktning.organisation_id', true) = 'all'
          or org::text = current_setting('riktning.organisation_id', true);
    end
    $fn$`).execute(db);
  await sql.raw(`grant usage on schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant select, insert, update on all tables in schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant usage, select on all sequences in schema public to ${APP_ROLE}`).execute(db);
  // Nothing is hard-deleted (records law): the application role may delete only from pure link tables
  // (a composite primary key and no archived_at, e.g. assignment_bodies), whose changes the audit trail
  // records on the parent. The audit trail itself is append-only, and the migration log is read-only.
  const linkTables = await sql<{ table_name: string }>`
    select c.relname as table_name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_index i on i.indrelid = c.oid and i.indisprimary
    where n.nspname = 'public' and c.relkind = 'r' and i.indnatts > 1
      and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'archived_at' and not a.attisdropped)`.execute(db);
  for (const { table_name } of linkTables.rows) await sql.raw(`grant delete on "${table_name.replace(/"/g, '""')}" to ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke update on audit_events from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke insert, update on schema_migrations from ${APP_ROLE}`).execute(db);

  const tables = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and ((c.column_name = 'organisation_id') or (c.table_name = 'organisations' and c.column_name = 'id'))`.execute(db);
  const existing = new Set(
    (await sql<{ tablename: string }>`select tablename from pg_policies where schemaname = 'public' and policyname = ${POLICY}`.execute(db)).rows.map((r) => r.tablename),
  );
  for (const { table_name: table, column_name: column } of tables.rows) {
    if (existing.has(table)) continue;
    const t = `"${table.replace(/"/g, '""')}"`;
    await sql.raw(`alter table ${t} enable row level security`).execute(db);
    // FORCE: the table owner (who runs migrations) is subject to the policy too.
    await sql.raw(`alter table ${t} force row level security`).execute(db);
    await sql.raw(`create policy ${POLICY} on ${t} using (riktning_visible(${column})) with check (riktning_visible(${column}))`).execute(db);
  }
}
