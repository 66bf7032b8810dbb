// Backups for `riktning backup` and `riktning restore`: every table's rows as gzip'd JSON lines,
// readable by either engine, so a PGlite installation can move to PostgreSQL and back.
//
// The file holds, one JSON document per line:
//   1. a header: format, version, when, from which engine, the migrations applied, and for every
//      table its columns, primary key, row count and content checksum;
//   2. for every table, in foreign-key order (referenced tables first): a line {"table": name}, then
//      its rows, one per line, in primary-key order;
//   3. a closing line {"end": "riktning-backup"}, so a file cut off between two lines is noticed.
//
// A row is PostgreSQL's jsonb text of its stored columns (generated columns, such as the `search`
// tsvectors, are left out and computed again on restore). jsonb sorts keys and prints every type the
// same way on every engine once the session settings below are fixed, so the same rows give the same
// text, and the checksum — sha256 over every row's text and a newline, in primary-key order, text
// keys compared bytewise — is the same whether it is computed on PGlite or on PostgreSQL.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Engine } from './db/database';
import { migrate, MIGRATIONS_DIR } from './db/migrate';
import type { Db, Executor } from './db/schema';
import { ALL_ORGANISATIONS, withTenant } from './db/tenant';

export const BACKUP_FORMAT = 'riktning-backup';
export const BACKUP_VERSION = 1;

/** The migration log describes the schema, not the data: it is compared, never copied. */
const MIGRATIONS_TABLE = 'schema_migrations';
/** The tenant root: every table with a foreign-key path to it holds an organisation's data. */
const ORGANISATIONS_TABLE = 'organisations';
const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;
const INSERT_CHARS = 4 * 1024 * 1024;

/** A refusal the person running the command can act on: a damaged file, a database that is not empty. */
export class BackupError extends Error {}

export interface TableSummary {
  name: string;
  columns: string[];
  primary_key: string[];
  rows: number;
  sha256: string;
}

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  created_at: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string()),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.string().min(1)).min(1),
      primary_key: z.array(z.string().min(1)),
      rows: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export type BackupHeader = z.infer<typeof headerSchema>;

interface TableInfo {
  name: string;
  /** Stored columns, in table order; generated ones are recomputed by the database. */
  columns: string[];
  primaryKey: string[];
  /** Columns whose type has a collation (text): ordered bytewise so both engines agree. */
  collatable: Set<string>;
  /** Columns fed by a sequence (identity or serial), which must continue after the restored values. */
  sequenced: string[];
  selfReferencing: boolean;
  /** Belongs to an organisation (a foreign-key path to organisations); else installation-wide, like settings. */
  organisationData: boolean;
}

/**
 * Sets the transaction up for whole-installation work with engine-independent output.
 * Connections run as a restricted role under row-level security keyed by organisation
 * (src/core/db/row-security.ts, tenant.ts). A backup or restore is the installation's owner at
 * work: every entry point runs in the all-organisations scope (withTenant), and the transaction
 * runs as the connecting user — who owns the tables and may reset their sequences — with the
 * organisation setting the policies read set to all even where the pool is not yet restricted
 * (a database migrated by this very restore), as the policies are forced on the owner too.
 */
async function prepareSession(trx: Executor): Promise<void> {
  await sql`set local role none`.execute(trx);
  await sql`select set_config('riktning.organisation_id', ${ALL_ORGANISATIONS}, true)`.execute(trx);
  // jsonb prints timestamps in the session's time zone, bytea and floats per these settings.
  await sql`set local timezone = 'UTC'`.execute(trx);
  await sql`set local intervalstyle = 'postgres'`.execute(trx);
  await sql`set local bytea_output = 'hex'`.execute(trx);
  await sql`set local extra_float_digits = 1`.execute(trx);
  // A large installation takes a while; a server-wide statement timeout must not cut a backup short.
  await sql`set local statement_timeout = 0`.execute(trx);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The installation's tables (without the migration log) in foreign-key order, read from the catalog. */
async function readCatalog(trx: Executor): Promise<TableInfo[]> {
  const columns = await sql<{ table_name: string; column_name: string; generated: boolean; collatable: boolean; sequenced: boolean }>`
    select c.relname as table_name, a.attname as column_name,
           a.attgenerated <> '' as generated,
           a.attcollation <> 0 as collatable,
           pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null as sequenced
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> ${MIGRATIONS_TABLE}
    order by c.relname, a.attnum`.execute(trx);
  const primaryKeys = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema()
    order by c.relname, k.position`.execute(trx);
  const foreignKeys = await sql<{ child: string; parent: string }>`
    select distinct child.relname as child, parent.relname as parent
    from pg_constraint con
    join pg_class child on child.oid = con.conrelid
    join pg_class parent on parent.oid = con.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()`.execute(trx);

  const tables = new Map<string, TableInfo>();
  for (const c of columns.rows) {
    let t = tables.get(c.table_name);
    if (!t) {
      t = { name: c.table_name, columns: [], primaryKey: [], collatable: new Set(), sequenced: [], selfReferencing: false, organisationData: false };
      tables.set(c.table_name, t);
    }
    if (c.generated) continue;
    t.columns.push(c.column_name);
    if (c.collatable) t.collatable.add(c.column_name);
    if (c.sequenced) t.sequenced.push(c.column_name);
  }
  for (const k of primaryKeys.rows) tables.get(k.table_name)?.primaryKey.push(k.column_name);
  const parents = new Map<string, Set<string>>([...tables.keys()].map((name) => [name, new Set()]));
  for (const fk of foreignKeys.rows) {
    if (!tables.has(fk.child) || !tables.has(fk.parent)) continue;
    if (fk.child === fk.parent) tables.get(fk.child)!.selfReferencing = true;
    else parents.get(fk.child)!.add(fk.parent);
  }

  // Kahn's algorithm, alphabetical among the ready, so the order is the same on every engine.
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const ready = [...tables.keys()].filter((name) => !placed.has(name) && [...parents.get(name)!].every((p) => placed.has(p))).sort();
    if (ready.length === 0) {
      const left = [...tables.keys()].filter((name) => !placed.has(name)).sort();
      throw new BackupError(`The tables ${left.join(', ')} reference each other in a cycle; they cannot be restored in any order.`);
    }
    for (const name of ready) {
      const t = tables.get(name)!;
      t.organisationData = name === ORGANISATIONS_TABLE || [...parents.get(name)!].some((p) => tables.get(p)!.organisationData);
      ordered.push(t);
      placed.add(name);
    }
  }
  return ordered;
}

/** The SELECT giving a table's rows as canonical text in checksum order. */
function rowsQuery(table: TableInfo, columns: readonly string[]): string {
  const order = table.primaryKey.length
    ? table.primaryKey.map((c) => `x.${ident(c)}${table.collatable.has(c) ? ' collate "C"' : ''}`).join(', ')
    : // Without a primary key the row's own text is the only order both engines agree on.
      `to_jsonb(x)::text collate "C"`;
  return `select to_jsonb(x)::text as r from (select ${columns.map(ident).join(', ')} from ${ident(table.name)}) x order by ${order}`;
}

let cursorCount = 0;

/** A table's rows as canonical text, fetched through a cursor so memory holds one batch at a time. */
async function* tableRows(trx: Executor, table: TableInfo, columns: readonly string[] = table.columns): AsyncGenerator<string[]> {
  const cursor = `riktning_backup_${++cursorCount}`;
  await sql.raw(`declare ${cursor} no scroll cursor for ${rowsQuery(table, columns)}`).execute(trx);
  for (;;) {
    const { rows } = await sql.raw<{ r: string }>(`fetch forward ${FETCH_ROWS} from ${cursor}`).execute(trx);
    if (rows.length) yield rows.map((row) => row.r);
    if (rows.length < FETCH_ROWS) break;
  }
  await sql.raw(`close ${cursor}`).execute(trx);
}

class Checksum {
  private hash = createHash('sha256');
  rows = 0;

  add(line: string): void {
    this.hash.update(line).update('\n');
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

async function summarise(trx: Executor, table: TableInfo, columns?: readonly string[]): Promise<{ rows: number; sha256: string }> {
  const sum = new Checksum();
  for await (const batch of tableRows(trx, table, columns)) for (const line of batch) sum.add(line);
  return { rows: sum.rows, sha256: sum.digest() };
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ exists: boolean }>`select to_regclass(${MIGRATIONS_TABLE}) is not null as exists`.execute(db);
  if (!exists.rows[0]?.exists) return [];
  const rows = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Every table's row count and content checksum as the database holds them now, computed the way a
 * backup's header records them. One consistent snapshot.
 */
export function tableChecksums(db: Db): Promise<Map<string, { rows: number; sha256: string }>> {
  return withTenant(ALL_ORGANISATIONS, () => checksumsOf(db));
}

async function checksumsOf(db: Db): Promise<Map<string, { rows: number; sha256: string }>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await prepareSession(trx);
      const result = new Map<string, { rows: number; sha256: string }>();
      for (const table of await readCatalog(trx)) result.set(table.name, await summarise(trx, table));
      return result;
    });
}

/** Gzip'd lines to a file, waiting whenever the compressor is behind. */
class LineWriter {
  private readonly gzip = zlib.createGzip();
  private readonly done: Promise<void>;

  /** Opens (creates) the file at once, so a path that cannot be written fails before any work. */
  constructor(file: string, shownAs = file) {
    let fd: number;
    try {
      // The file holds password hashes and session ids: readable by its owner only.
      fd = fs.openSync(file, 'w', 0o600);
    } catch (err) {
      throw new BackupError(`Cannot write the backup to ${shownAs} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    this.done = pipeline(this.gzip, fs.createWriteStream(file, { fd }));
    // Awaited in write() and close(); this keeps an early failure from counting as unhandled meanwhile.
    this.done.catch(() => undefined);
  }

  async write(lines: readonly string[]): Promise<void> {
    // A failed disk ends the pipeline rather than ever draining: wait for whichever comes first.
    if (!this.gzip.write(lines.join('\n') + '\n')) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  abort(): void {
    this.gzip.destroy();
  }
}

export interface BackupResult {
  file: string;
  header: BackupHeader;
}

/**
 * Writes a backup of the whole installation to `file`, from one REPEATABLE READ snapshot, so it is
 * consistent while a server keeps writing (on PostgreSQL). The file appears only when complete.
 */
export function writeBackup(db: Db, engine: Engine, file: string): Promise<BackupResult> {
  return withTenant(ALL_ORGANISATIONS, () => backupInto(db, engine, file));
}

async function backupInto(db: Db, engine: Engine, file: string): Promise<BackupResult> {
  const partial = `${file}.partial`;
  const out = new LineWriter(partial, file);
  try {
    const header = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await prepareSession(trx);
        const migrations = await appliedMigrations(trx);
        if (migrations.length === 0) throw new BackupError('The database has no schema yet (no migrations applied); there is nothing to back up.');
        const tables = await readCatalog(trx);
        // The header comes first but needs every checksum: read each table once to sum it up,
        // then again to write it, both in the same snapshot.
        const summaries: TableSummary[] = [];
        for (const table of tables) {
          summaries.push({ name: table.name, columns: table.columns, primary_key: table.primaryKey, ...(await summarise(trx, table)) });
        }
        const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, created_at: new Date().toISOString(), engine, migrations, tables: summaries };
        await out.write([JSON.stringify(header)]);
        for (const [i, table] of tables.entries()) {
          await out.write([JSON.stringify({ table: table.name })]);
          const sum = new Checksum();
          for await (const batch of tableRows(trx, table)) {
            for (const line of batch) sum.add(line);
            await out.write(batch);
          }
          if (sum.rows !== summaries[i]!.rows || sum.digest() !== summaries[i]!.sha256) {
            throw new Error(`Table ${table.name} changed between two reads of one snapshot; the backup was not written.`);
          }
        }
        await out.write([JSON.stringify({ end: BACKUP_FORMAT })]);
        return header;
      });
    await out.close();
    fs.renameSync(partial, file);
    return { file, header };
  } catch (err) {
    out.abort();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

const damaged = (file: string, err: unknown) =>
  new BackupError(`The backup file ${file} is damaged or incomplete (${err instanceof Error ? err.message : String(err)}). Nothing was restored.`);

/** The file's lines, decompressed as they are read. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.write(chunk);
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}

/** Reads lines, turning a decompression failure (a cut-off or altered file) into a clear refusal. */
class BackupReader {
  private readonly lines: AsyncGenerator<string>;

  constructor(readonly file: string) {
    this.lines = readLines(file);
  }

  async next(): Promise<string | undefined> {
    try {
      const r = await this.lines.next();
      return r.done ? undefined : r.value;
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw damaged(this.file, err);
    }
  }

  async close(): Promise<void> {
    await this.lines.return(undefined);
  }
}

function parseHeader(file: string, line: string | undefined): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(line ?? '');
  } catch {
    throw new BackupError(`${file} is not a Riktning backup (it does not start with a backup header).`);
  }
  const header = headerSchema.safeParse(json);
  if (!header.success) {
    const format = (json as { format?: unknown; version?: unknown } | null)?.format;
    if (format === BACKUP_FORMAT) {
      throw new BackupError(`${file} is a Riktning backup of a format this version cannot read (version ${String((json as { version?: unknown }).version)}, expected ${BACKUP_VERSION}), or its header is damaged.`);
    }
    throw new BackupError(`${file} is not a Riktning backup (it does not start with a backup header).`);
  }
  return header.data;
}

function checkReadable(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`There is no backup file at ${file}.`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} is not a file.`);
  const magic = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, magic, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupError(`${file} is not a Riktning backup (it is not a gzip file).`);
}

/** The header of a backup file, without reading the rest. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  checkReadable(file);
  const reader = new BackupReader(file);
  try {
    return parseHeader(file, await reader.next());
  } finally {
    await reader.close();
  }
}

/**
 * Brings the target's schema to exactly the migrations the backup was taken at, so the rows fit;
 * newer migrations run after the restore, on the restored data, as they would have on the original.
 */
async function migrateToBackup(db: Db, header: BackupHeader): Promise<void> {
  const available = new Set(fs.readdirSync(MIGRATIONS_DIR));
  const unknown = header.migrations.filter((m) => !available.has(m));
  if (unknown.length) {
    throw new BackupError(`The backup was made by a newer version of Riktning (it has migrations this version does not know: ${unknown.join(', ')}). Restore it with that version or a later one.`);
  }
  const applied = await appliedMigrations(db);
  const wanted = new Set(header.migrations);
  const newer = applied.filter((m) => !wanted.has(m));
  if (newer.length) {
    throw new BackupError(
      `The database has migrations the backup predates (${newer.join(', ')}), so its rows may not fit. ` +
        'Restore into a new, empty database: `riktning restore` brings it to the backup\'s schema, restores, then applies the newer migrations.',
    );
  }
  if (header.migrations.every((m) => applied.includes(m))) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-migrations-'));
  try {
    for (const m of header.migrations) fs.copyFileSync(path.join(MIGRATIONS_DIR, m), path.join(dir, m));
    await migrate(db, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  header: BackupHeader;
  /** Every table restored, with the count and checksum read back from the database after the restore. */
  tables: { name: string; rows: number; sha256: string }[];
  /** Migrations newer than the backup, applied after the restore. */
  migrated: string[];
}

/**
 * Restores a backup into an empty database (migrated or not; no organisation in it), in one
 * transaction: anything wrong — a damaged file, a row the database refuses, a checksum that does not
 * match what was read back — leaves the database as empty as it was.
 */
export function restoreBackup(db: Db, file: string): Promise<RestoreResult> {
  return withTenant(ALL_ORGANISATIONS, () => restoreFrom(db, file));
}

async function restoreFrom(db: Db, file: string): Promise<RestoreResult> {
  const header = await readBackupHeader(file);
  await migrateToBackup(db, header);
  const reader = new BackupReader(file);
  try {
    await reader.next(); // the header, read above
    const tables = await db.transaction().execute(async (trx) => {
      await prepareSession(trx);
      // No organisation may appear while we check and fill (a server starting on the same PostgreSQL).
      await sql.raw(`lock table ${ident(ORGANISATIONS_TABLE)} in share row exclusive mode`).execute(trx);
      const catalog = new Map((await readCatalog(trx)).map((t) => [t.name, t]));
      const targets = header.tables.map((h) => {
        const table = catalog.get(h.name);
        if (!table || table.columns.join() !== h.columns.join() || table.primaryKey.join() !== h.primary_key.join()) {
          throw new BackupError(`The table ${h.name} in the backup does not match this database's schema (columns or primary key differ); nothing was restored.`);
        }
        return { table, summary: h };
      });
      await refuseUnlessEmpty(trx, [...catalog.values()]);
      // Installation-wide rows (such as the generated cookie secret a first start writes) are
      // replaced by the backup's, so signed cookies and sessions from before keep working.
      for (const { table } of [...targets].reverse()) if (!table.organisationData) await sql.raw(`delete from ${ident(table.name)}`).execute(trx);

      for (const { table, summary } of targets) await restoreTable(trx, reader, table, summary);
      const end = await reader.next();
      if (end === undefined) throw damaged(file, new Error('the closing line is missing'));
      if (!isJsonObject(end, 'end', BACKUP_FORMAT) || (await reader.next()) !== undefined) throw damaged(file, new Error('unexpected lines after the last table'));

      // Read everything back: what the database now holds must be what was backed up.
      const restored: RestoreResult['tables'] = [];
      for (const { table, summary } of targets) {
        const sum = await summarise(trx, table, summary.columns);
        if (sum.rows !== summary.rows || sum.sha256 !== summary.sha256) {
          throw new BackupError(
            `After restoring, the table ${table.name} holds ${sum.rows} rows with checksum ${sum.sha256.slice(0, 12)}…, ` +
              `but the backup recorded ${summary.rows} rows with ${summary.sha256.slice(0, 12)}…; nothing was restored.`,
          );
        }
        restored.push({ name: table.name, ...sum });
      }
      return restored;
    });
    const migrated = (await migrate(db)).applied;
    return { header, tables, migrated };
  } finally {
    await reader.close();
  }
}

async function refuseUnlessEmpty(trx: Executor, tables: TableInfo[]): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) {
    if (!table.organisationData) continue;
    const r = await sql.raw<{ any: boolean }>(`select exists (select 1 from ${ident(table.name)}) as any`).execute(trx);
    if (r.rows[0]?.any) holding.push(table.name);
  }
  if (holding.length) {
    throw new BackupError(
      `The database is not empty (${holding.join(', ')} hold rows). A backup is restored only into a new, empty database, ` +
        'so nothing is overwritten or mixed: point DATA_DIR at a new directory or DATABASE_URL at a new database, and run restore there.',
    );
  }
}

function isJsonObject(line: string, key: string, value?: string): boolean {
  try {
    const parsed = JSON.parse(line) as Record<string, unknown> | null;
    return !!parsed && typeof parsed === 'object' && typeof parsed[key] === 'string' && (value === undefined || parsed[key] === value);
  } catch {
    return false;
  }
}

async function restoreTable(trx: Executor, reader: BackupReader, table: TableInfo, summary: TableSummary): Promise<void> {
  const marker = await reader.next();
  if (marker === undefined) throw damaged(reader.file, new Error(`it ends before the table ${table.name}`));
  if (marker !== JSON.stringify({ table: table.name })) throw damaged(reader.file, new Error(`expected the table ${table.name} next`));

  const columns = summary.columns.map(ident).join(', ');
  const target = ident(table.name);
  // Rows referring to rows of their own table (a body's parent body) may come before the row they
  // refer to. Foreign keys are checked at the end of each statement, so such a table is gathered
  // in a scratch table and inserted by one statement.
  const staged = table.selfReferencing;
  if (staged) await sql.raw(`create temp table if not exists riktning_restore_stage (r jsonb not null) on commit drop`).execute(trx);
  // A row the database refuses (malformed, or breaking a constraint) means the file was altered;
  // the checksum, checked when the table is complete, would say the same a moment later.
  const refused = (err: unknown) =>
    new BackupError(
      `The database refused the rows of ${table.name} in ${reader.file} (${err instanceof Error ? err.message : String(err)}): ` +
        'the file is damaged or does not fit this database. Nothing was restored.',
    );
  const insert = async (lines: string[]) => {
    const json = `[${lines.join(',')}]`;
    try {
      if (staged) await sql`insert into riktning_restore_stage (r) select value from jsonb_array_elements(${json}::jsonb)`.execute(trx);
      else await sql`insert into ${sql.raw(target)} (${sql.raw(columns)}) overriding system value select ${sql.raw(columns)} from jsonb_populate_recordset(null::${sql.raw(target)}, ${json}::jsonb)`.execute(trx);
    } catch (err) {
      throw refused(err);
    }
  };

  const sum = new Checksum();
  let batch: string[] = [];
  let chars = 0;
  for (let i = 0; i < summary.rows; i++) {
    const line = await reader.next();
    if (line === undefined) throw damaged(reader.file, new Error(`it ends inside the table ${table.name}, after ${i} of ${summary.rows} rows`));
    sum.add(line);
    batch.push(line);
    chars += line.length;
    if (batch.length >= INSERT_ROWS || chars >= INSERT_CHARS) {
      await insert(batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) await insert(batch);
  if (sum.digest() !== summary.sha256) {
    throw new BackupError(`The backup file ${reader.file} is damaged: the rows of ${table.name} do not match their checksum. Nothing was restored.`);
  }
  if (staged) {
    const fields = summary.columns.map((c) => `p.${ident(c)}`).join(', ');
    await sql
      .raw(`insert into ${target} (${columns}) overriding system value select ${fields} from riktning_restore_stage s cross join lateral jsonb_populate_record(null::${target}, s.r) p`)
      .execute(trx)
      .catch((err: unknown) => {
        throw refused(err);
      });
    await sql.raw(`truncate riktning_restore_stage`).execute(trx);
  }
  for (const column of table.sequenced) {
    await sql`select setval(pg_get_serial_sequence(${target}, ${column}), coalesce((select max(${sql.raw(ident(column))}) from ${sql.raw(target)}), 0) + 1, false)`.execute(trx);
  }
}
