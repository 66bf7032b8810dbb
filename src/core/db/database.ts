// Opens the one database Riktning runs on: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDirLock } from './lock';
import { PGlitePool } from './pglite-pool';
import type { Db } from './schema';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
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
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) }) as Db;
  const where = safeUrl(url);
  return { db, engine: 'postgres', where, close: () => db.destroy() };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireDirLock(dataDir);
  try {
    const pglite = await PGlite.create(inMemory ? undefined : path.join(dataDir, 'pg'), {
      parsers,
      relaxedDurability: false,
    });
    const db = new Kysely({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) }) as Db;
    return {
      db,
      engine: 'pglite',
      where: inMemory ? 'memory' : dataDir,
      async close() {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
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
