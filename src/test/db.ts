// Test databases: PGlite always (a copy of a migrated template, see pglite-template.ts); a fresh
// PostgreSQL database when TEST_DATABASE_URL or DATABASE_URL is set (CI sets it), so every test runs
// on both engines.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../core/db/database';
import { migrate } from '../core/db/migrate';
import { COPY_PREFIX, pgliteTemplate, SCRATCH } from './pglite-template';

export const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

/** The engines this run covers; `describe.each(engines)` runs a suite on each. */
export const engines: Engine[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/** A migrated, empty database of the given engine; close() removes it again. */
export async function testDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    // A copy of a migrated template, in a directory of its own that close() removes again.
    const template = await pgliteTemplate();
    const dir = fs.mkdtempSync(path.join(SCRATCH, COPY_PREFIX));
    try {
      fs.cpSync(template, path.join(dir, 'pg'), { recursive: true });
      const database = await openDatabase({ dataDir: dir });
      database.enableRowSecurity();
      const close = database.close;
      database.close = async () => {
        await close();
        fs.rmSync(dir, { recursive: true, force: true });
      };
      return database;
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const scratch = await scratchPostgresDatabase();
  const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 5 });
  await migrate(database.db);
  database.enableRowSecurity();
  const close = database.close;
  database.close = async () => {
    await close();
    await scratch.drop();
  };
  return database;
}

/** A new, empty PostgreSQL database (not migrated) and a way to drop it again: for tests that open it themselves, like the CLI's. */
export async function scratchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('No PostgreSQL: set TEST_DATABASE_URL');
  const name = `riktning_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs `fn` in a transaction as the database owner, past the application role's restrictions: for
 * tests that tamper with the database the way an attacker with database access would.
 */
export async function asDatabaseOwner<T>(database: Database, fn: (trx: import('../core/db/schema').Trx) => Promise<T>): Promise<T> {
  const { sql } = await import('kysely');
  return database.db.transaction().execute(async (trx) => {
    await sql`set local role none`.execute(trx);
    return fn(trx);
  });
}
