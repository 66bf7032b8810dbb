// Opens the one database Riktning runs on: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDirLock } from './lock';
import { PGlitePool } from './pglite-pool';
import { TenantPool } from './tenant-pool';
import type { Db } from './schema';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /**
   * From now on every connection works as the restricted role in the request's organisation, so
   * row-level security applies (see row-security.ts). Call after migrations; on by default when the
   * database is already migrated.
   */
  enableRowSecurity(): void;
  /** Whether connections run restricted; off only before the first migration. */
  readonly rowSecurity: boolean;
  /** A human-readable place: the data directory or the server (without password). */
  where: string;
  close(): Promise<void>;
}

// Both engines must hand the application the same JS types: counts as numbers, dates as
// 'YYYY-MM-DD' strings (a JS Date would shift a calendar date across time zones), numeric as number.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v,
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Data directory for PGlite; `memory://` (or undefined) for an in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: ((oid: number, format?: string) => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser },
  });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', () => {});
  const tenantPool = new TenantPool(pool, { connectionOf: (client) => client });
  const db = new Kysely({ dialect: new PostgresDialect({ pool: tenantPool }) }) as Db;
  const where = safeUrl(url);
  return withRowSecurity({ db, engine: 'postgres', where, close: () => db.destroy() }, tenantPool);
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDirLock(dataDir);
  try {
    const pglite = await PGlite.create(inMemory ? undefined : path.join(dataDir, 'pg'), {
      parsers,
      relaxedDurability: false,
    });
    const inner = new PGlitePool(pglite);
    const tenantPool = new TenantPool(inner, { connectionOf: () => inner });
    const db = new Kysely({ dialect: new PostgresDialect({ pool: tenantPool }) }) as Db;
    return withRowSecurity(
      {
        db,
        engine: 'pglite',
        where: inMemory ? 'memory' : dataDir,
        async close() {
          await db.destroy();
          await pglite.close();
          release();
        },
      },
      tenantPool,
    );
  } catch (err) {
    release();
    throw err;
  }
}

async function withRowSecurity(base: Omit<Database, 'enableRowSecurity' | 'rowSecurity'>, pool: TenantPool): Promise<Database> {
  // A database migrated before has the role and policies: restrict from the first query.
  const ready = await sql<{ ready: boolean }>`select exists (select 1 from pg_policies where policyname = 'organisation_isolation') as ready`
    .execute(base.db)
    .then((r) => r.rows[0]?.ready === true)
    .catch(() => false);
  pool.restricted = ready;
  return {
    ...base,
    enableRowSecurity() {
      pool.restricted = true;
    },
    get rowSecurity() {
      return pool.restricted;
    },
  };
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'PostgreSQL';
  }
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
