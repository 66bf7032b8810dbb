// A fingerprint of everything the database holds, to prove that a refused request changed nothing.
import { sql } from 'kysely';
import type { Db } from '../core/db/schema';

/** Table name → row count and a hash of every row's content. */
export type DatabaseChecksum = Record<string, { rows: number; hash: string }>;

/**
 * Columns that change on every authenticated read by design (a session's sliding idle timeout, an
 * API token's last use): they are left out, so "nothing changed" means nothing a user wrote.
 */
const VOLATILE_COLUMNS = ['last_seen_at', 'last_used_at'];

interface Table {
  name: string;
  /** Holds a volatile column, so its rows are compared without it. */
  volatile: boolean;
  /** The column that says which organisation a row belongs to, if any. */
  organisationColumn: string | null;
}

const tableCache = new WeakMap<Db, Table[]>();

async function tablesOf(db: Db): Promise<Table[]> {
  const cached = tableCache.get(db);
  if (cached) return cached;
  const r = await sql<{ table_name: string; volatile: boolean; has_organisation: boolean }>`
    select t.table_name,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = t.table_schema and c.table_name = t.table_name
                     and c.column_name = any(${VOLATILE_COLUMNS})) as volatile,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = t.table_schema and c.table_name = t.table_name
                     and c.column_name = 'organisation_id') as has_organisation
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by t.table_name`.execute(db);
  const tables = r.rows.map((t) => ({
    name: t.table_name,
    volatile: t.volatile,
    organisationColumn: t.table_name === 'organisations' ? 'id' : t.has_organisation ? 'organisation_id' : null,
  }));
  tableCache.set(db, tables);
  return tables;
}

/**
 * Every table's row count and content hash, in one round trip. With `organisationId`, only that
 * organisation's rows (tables without an organisation, like settings, are left out).
 */
export async function databaseChecksum(db: Db, scope: { organisationId?: string } = {}): Promise<DatabaseChecksum> {
  const org = scope.organisationId;
  if (org !== undefined && !/^[0-9a-f-]{36}$/i.test(org)) throw new Error(`not an organisation id: ${org}`);
  const tables = (await tablesOf(db)).filter((t) => org === undefined || t.organisationColumn !== null);
  const parts = tables.map((t) => {
    const ident = `"${t.name.replace(/"/g, '""')}"`;
    const literal = `'${t.name.replace(/'/g, "''")}'`;
    // A row's text form is three times cheaper than jsonb; jsonb only where a column must be dropped.
    const row = t.volatile ? `(to_jsonb(x)${VOLATILE_COLUMNS.map((c) => ` - '${c}'`).join('')})::text` : 'x::text';
    // A sum of row hashes does not depend on row order, so no sort is needed.
    const where = org === undefined ? '' : ` where x.${t.organisationColumn} = '${org}'`;
    return `select ${literal} as table_name, count(*)::int as rows, coalesce(sum(hashtextextended(${row}, 0)), 0)::text as hash from ${ident} x${where}`;
  });
  const r = await sql.raw<{ table_name: string; rows: number; hash: string }>(parts.join(' union all ')).execute(db);
  return Object.fromEntries(r.rows.map((t) => [t.table_name, { rows: Number(t.rows), hash: t.hash }]));
}

/** The tables whose content differs between two checksums, e.g. ["goals (+1 rows)", "audit_events (changed)"]. */
export function changedTables(before: DatabaseChecksum, after: DatabaseChecksum): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    const b = before[name];
    const a = after[name];
    if (!b || !a) return [`${name} (table ${b ? 'dropped' : 'created'})`];
    if (a.rows !== b.rows) return [`${name} (${a.rows - b.rows > 0 ? '+' : ''}${a.rows - b.rows} rows)`];
    return a.hash === b.hash ? [] : [`${name} (changed)`];
  });
}
