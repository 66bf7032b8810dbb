import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../demo';
import { loadDemoIfEmpty } from '../demo';
import { createGoal } from '../modules/goals';
import { createApp } from '../server';
import { TestClient } from '../test/client';
import { postgresUrl, testDatabase } from '../test/db';
import { verifyAuditChain } from './audit';
import { createApiToken, createSession } from './auth/sessions';
import { BackupError, readBackupHeader, restoreBackup, tableChecksums, writeBackup } from './backup';
import { loadConfig } from './config';
import type { Actor } from './context';
import { openDatabase, type Database, type Engine } from './db/database';
import { migrate, MIGRATIONS_DIR } from './db/migrate';
import type { Db } from './db/schema';
import { systemCtx } from '../test/context';
import { enqueueJob } from './jobs';
import { ensureSecret } from './orgs';

const pairs: [Engine, Engine][] = postgresUrl
  ? [
      ['pglite', 'pglite'],
      ['pglite', 'postgres'],
      ['postgres', 'pglite'],
    ]
  : [['pglite', 'pglite']];

// Each test opens a new database (a PGlite instance takes ~3-6 s, more on a busy machine).
const SLOW = 180_000;

const SYSTEM: Actor = { kind: 'system', label: 'backup test' };
// Text that has broken line-based formats and naive escaping before: newlines, quotes, backslashes,
// a line separator, a character outside the BMP, Swedish letters.
const AWKWARD = 'Rad ett\nrad "två" \\ med\ttabb, \u2028skiljetecken och 𝄞 – åäö ÅÄÖ';

/**
 * Every table's row count and an md5 of its content, computed here in SQL and independently of the
 * backup code: all stored columns, rows ordered by their own text.
 */
async function independentChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx);
    const tables = await sql<{ table_name: string; generated: string[] }>`
      select t.table_name,
             coalesce(array_agg(c.column_name::text) filter (where c.is_generated = 'ALWAYS'), '{}') as generated
      from information_schema.tables t
      join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' and t.table_name <> 'schema_migrations'
      group by t.table_name`.execute(trx);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { table_name, generated } of tables.rows) {
      const r = await sql<{ rows: number; md5: string }>`
        select count(*)::int as rows, md5(coalesce(string_agg(r, E'\n' order by r collate "C"), '')) as md5
        from (select (to_jsonb(t) - ${generated}::text[])::text as r from ${sql.id(table_name)} t) s`.execute(trx);
      result[table_name] = r.rows[0]!;
    }
    return result;
  });
}

const emptyCounts = (sums: Record<string, { rows: number }>) => Object.fromEntries(Object.keys(sums).map((k) => [k, 0]));
const counts = (sums: Record<string, { rows: number }>) => Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v.rows]));

const gunzipLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
const gzipLines = (file: string, lines: string[]) => fs.writeFileSync(file, zlib.gzipSync(lines.join('\n')));

describe.each(pairs)('backup from %s, restore into %s', (from, to) => {
  let source: Database;
  let dir: string;
  let file: string;
  let accounts: DemoAccount[];
  let apiToken: string;
  let sid: string;
  let sourceApp: FastifyInstance;
  /** Shared by the refusals: each proves it leaves this database as empty as it found it. */
  let emptyTarget: Database;
  const open: Database[] = [];
  const apps: FastifyInstance[] = [];

  /** A new, migrated, empty database of the target engine, closed after the test. */
  async function target(): Promise<Database> {
    const database = await testDatabase(to);
    open.push(database);
    return database;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-backup-'));
    file = path.join(dir, 'malmo.jsonl.gz');
    source = await testDatabase(from);
    const db = source.db;
    accounts = (await loadDemoIfEmpty(db))!.accounts;
    // A first start writes the installation's cookie secret (settings); a signed-in user has a session.
    sourceApp = await createApp(source, loadConfig({}));
    const admin = accounts.find((a) => a.role === 'admin')!;
    const signedIn = await new TestClient(sourceApp).signIn(admin.email, admin.password);
    sid = signedIn.cookies.find((c) => c.name === 'sid')!.value;

    // Rows in the tables the demo leaves empty, and content that is hard to carry across.
    const org = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const reader = await db.selectFrom('users').select(['id', 'organisation_id']).where('role', '=', 'reader').executeTakeFirstOrThrow();
    apiToken = await createApiToken(db, reader, 'backup test');
    await createSession(db, reader, { idleMinutes: 60, maxHours: 1 });
    const council = await db.selectFrom('bodies').select(['id']).where('kind', '=', 'council').executeTakeFirstOrThrow();
    const focusAreas = await db.selectFrom('focus_areas').select('id').orderBy('sort_order').limit(2).execute();
    const ctx = { ...systemCtx(db), actor: SYSTEM };
    const goal = await createGoal(ctx, org.id, {
      bodyId: council.id,
      reference: 'Test 1',
      title: 'Ett mål med svåra tecken',
      description: AWKWARD,
      yearFrom: 2018,
      focusAreaIds: focusAreas.map((f) => f.id),
      sdgCodes: ['11', '11.1', '16.a'],
    });
    expect(goal.ok).toBe(true);
    // A refused sign-in is counted installation-wide (sign_in_attempts); a queued background job.
    await new TestClient(sourceApp).post('/sign-in', { email: admin.email, password: 'not the password' });
    await enqueueJob(db, { organisationId: org.id, kind: 'test.backup', payload: { note: AWKWARD, big: 123456789012345678901234567890, small: 0.1, list: [1.5, null, true] }, createdBy: null });
    // A child whose id sorts before its parent's, so primary-key order is not dependency order.
    await db
      .insertInto('bodies')
      .values([
        { id: 'ffffffff-0000-4000-8000-000000000001', organisation_id: org.id, parent_id: council.id, kind: 'committee', name: 'Föräldranämnden', description: AWKWARD, archived_at: null },
        { id: '00000000-0000-4000-8000-000000000001', organisation_id: org.id, parent_id: 'ffffffff-0000-4000-8000-000000000001', kind: 'office', name: 'Barnkontoret', archived_at: new Date('2018-06-30T12:34:56.789Z') },
      ])
      .execute();
    // Microseconds, which a JS Date would lose; the audit chain hashes at millisecond precision.
    await sql`update status_reports set comment = ${AWKWARD}, submitted_at = '2018-05-02 10:11:12.123456+00' where id = (select min(id::text)::uuid from status_reports)`.execute(db);
    await sql`update goal_assessments set comment = ${AWKWARD} where id = (select min(id::text)::uuid from goal_assessments)`.execute(db);

    const before = await independentChecksums(db);
    const empty = Object.entries(before).filter(([, v]) => v.rows === 0).map(([k]) => k);
    // A new table must get rows here too, so the backup is proven to carry it.
    expect(empty, 'tables without rows in the backup test (add some in its beforeAll)').toEqual([]);
    await writeBackup(db, source.engine, file);
    emptyTarget = await testDatabase(to);
  });

  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
    while (open.length) await open.pop()!.close();
  });

  afterAll(async () => {
    await emptyTarget?.close();
    await sourceApp?.close();
    await source?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a gzip file, readable by its owner only, whose header describes every table', async () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ format: 'riktning-backup', version: 1, engine: from });
    expect(header.migrations[0]).toBe('0001_core_identity_audit.sql');
    const names = header.tables.map((t) => t.name);
    // Foreign-key order: what a row refers to comes before it.
    expect(names.indexOf('organisations')).toBeLessThan(names.indexOf('users'));
    expect(names.indexOf('users')).toBeLessThan(names.indexOf('sessions'));
    expect(names.indexOf('assignments')).toBeLessThan(names.indexOf('status_reports'));
    expect(names).not.toContain('schema_migrations');
    // Generated columns are computed again on restore, not carried.
    expect(header.tables.find((t) => t.name === 'goals')!.columns).not.toContain('search');
    const live = await tableChecksums(source.db);
    for (const t of header.tables) expect({ name: t.name, rows: t.rows, sha256: t.sha256 }).toEqual({ name: t.name, ...live.get(t.name) });
  });

  it('restores into an empty database with every table equal in row count and content', async () => {
    const expected = await independentChecksums(source.db);
    const target1 = await target();
    // A first start of the new installation already wrote its own cookie secret; the backup's replaces it.
    await ensureSecret(target1.db, 'cookie_secret');
    const result = await restoreBackup(target1.db, file);
    expect(result.migrated).toEqual([]);
    expect(result.tables.map((t) => t.name).sort()).toEqual(Object.keys(expected).sort());
    expect(await independentChecksums(target1.db)).toEqual(expected);
    expect(Object.fromEntries(await tableChecksums(target1.db))).toEqual(Object.fromEntries(await tableChecksums(source.db)));

    // The audit chain's hashes survive the trip, and new entries continue it.
    const chain = await verifyAuditChain(target1.db);
    expect(chain.length).toBe(1);
    expect(chain.every((c) => c.ok && c.entries > 0)).toBe(true);
    const org = await target1.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    const council = await target1.db.selectFrom('bodies').select('id').where('kind', '=', 'council').executeTakeFirstOrThrow();
    const created = await createGoal({ ...systemCtx(target1.db), actor: SYSTEM }, org.id, { bodyId: council.id, title: 'Efter återläsningen', yearFrom: 2019 });
    expect(created.ok).toBe(true);
    expect((await verifyAuditChain(target1.db)).every((c) => c.ok)).toBe(true);
    const ids = await target1.db.selectFrom('audit_events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(ids.id).toBe(expected.audit_events!.rows + 1);
  }, SLOW);

  it('lets restored accounts sign in, and keeps sessions and API tokens made before the backup', async () => {
    const target1 = await target();
    await restoreBackup(target1.db, file);
    const app = await createApp(target1, loadConfig({}));
    apps.push(app);
    const strategist = accounts.find((a) => a.role === 'strategist')!;
    const client = new TestClient(app);
    const signIn = await client.signIn(strategist.email, strategist.password);
    expect(signIn.headers.location).toBe('/o/malmo/work');
    expect((await client.get('/o/malmo')).body).toContain(strategist.name);
    const wrong = await new TestClient(app).post('/sign-in', { email: strategist.email, password: 'not the password' });
    expect(wrong.statusCode).not.toBe(303);

    const withSession = await app.inject({ url: '/o/malmo/bodies', headers: { accept: 'text/html', cookie: `sid=${sid}` } });
    expect(withSession.statusCode).toBe(200);
    expect(withSession.body).toContain(accounts.find((a) => a.role === 'admin')!.name);
    const withToken = await app.inject({ url: '/api/v1/organisations', headers: { accept: 'application/json', authorization: `Bearer ${apiToken}` } });
    expect(withToken.statusCode).toBe(200);
  }, SLOW);

  it('refuses a database that is not empty, and changes nothing in it', async () => {
    const target1 = await target();
    const org = await target1.db.insertInto('organisations').values({ slug: 'lund', name: 'Lunds kommun', municipality_code: null, default_locale: 'sv', description: '', archived_at: null }).returning('id').executeTakeFirstOrThrow();
    const before = await independentChecksums(target1.db);
    const attempt = restoreBackup(target1.db, file);
    await expect(attempt).rejects.toThrow(BackupError);
    await expect(attempt).rejects.toThrow(/^The database is not empty \(organisations hold rows\)\. A backup is restored only into a new, empty database/);
    expect(await independentChecksums(target1.db)).toEqual(before);
    expect(await target1.db.selectFrom('organisations').select('id').execute()).toEqual([org]);
  }, SLOW);

  it('refuses a truncated file with a clear message and leaves the database empty', async () => {
    const target1 = emptyTarget;
    const empty = await independentChecksums(target1.db);
    const bytes = fs.readFileSync(file);
    const cut = path.join(dir, `cut-${to}.jsonl.gz`);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restoreBackup(target1.db, cut)).rejects.toThrow(/^The backup file .* is damaged or incomplete \(unexpected end of file\)\. Nothing was restored\.$/);
    expect(counts(await independentChecksums(target1.db))).toEqual(emptyCounts(empty));

    // Cut at a line boundary: the gzip stream is whole, but the last table and closing line are missing.
    const lines = gunzipLines(file);
    const lastTable = lines.findLastIndex((l) => l.startsWith('{"table":'));
    const short = path.join(dir, `short-${to}.jsonl.gz`);
    gzipLines(short, lines.slice(0, lastTable + 2));
    await expect(restoreBackup(target1.db, short)).rejects.toThrow(/is damaged or incomplete \(it ends inside the table \w+, after 1 of \d+ rows\)/);
    expect(counts(await independentChecksums(target1.db))).toEqual(emptyCounts(empty));
  }, SLOW);

  it('refuses a file whose rows were altered, after inserting earlier tables, and leaves the database empty', async () => {
    const target1 = emptyTarget;
    const empty = await independentChecksums(target1.db);
    const lines = gunzipLines(file);
    // Alter the last audit entry's actor: well-formed, insertable, but not what was backed up.
    const start = lines.indexOf('{"table":"audit_events"}');
    const count = (await readBackupHeader(file)).tables.find((t) => t.name === 'audit_events')!.rows;
    const row = start + count;
    expect(lines[row]).toContain('"actor_label": ');
    lines[row] = lines[row]!.replace(/"actor_label": "[^"]*"/, '"actor_label": "Någon annan"');
    const altered = path.join(dir, `altered-${to}.jsonl.gz`);
    gzipLines(altered, lines);
    await expect(restoreBackup(target1.db, altered)).rejects.toThrow(/^The backup file .* is damaged: the rows of audit_events do not match their checksum\. Nothing was restored\.$/);
    expect(counts(await independentChecksums(target1.db))).toEqual(emptyCounts(empty));

    // A row the database cannot take at all.
    const malformed = [...lines];
    malformed[malformed.indexOf('{"table":"users"}') + 1] = '{"id": "not a uuid", "email": ';
    gzipLines(altered, malformed);
    await expect(restoreBackup(target1.db, altered)).rejects.toThrow(/^The database refused the rows of users in .* \(.*\): the file is damaged or does not fit this database\. Nothing was restored\.$/);
    expect(counts(await independentChecksums(target1.db))).toEqual(emptyCounts(empty));
  }, SLOW);

  it('refuses what it cannot restore, naming the problem', async () => {
    const target1 = emptyTarget;
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a backup\n');
    await expect(restoreBackup(target1.db, text)).rejects.toThrow(`${text} is not a Riktning backup (it is not a gzip file).`);
    const otherGzip = path.join(dir, 'other.gz');
    gzipLines(otherGzip, ['{"hello": "world"}']);
    await expect(restoreBackup(target1.db, otherGzip)).rejects.toThrow(`${otherGzip} is not a Riktning backup (it does not start with a backup header).`);
    const future = path.join(dir, 'future.gz');
    const lines = gunzipLines(file);
    gzipLines(future, [lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)]);
    await expect(restoreBackup(target1.db, future)).rejects.toThrow(/is a Riktning backup of a format this version cannot read \(version 2, expected 1\)/);
    await expect(restoreBackup(target1.db, path.join(dir, 'missing.gz'))).rejects.toThrow(`There is no backup file at ${path.join(dir, 'missing.gz')}.`);

    const newer = path.join(dir, 'newer.gz');
    gzipLines(newer, [lines[0]!.replace('"migrations":[', '"migrations":["0999_from_the_future.sql",'), ...lines.slice(1)]);
    await expect(restoreBackup(target1.db, newer)).rejects.toThrow(
      'The backup was made by a newer version of Riktning (it has migrations this version does not know: 0999_from_the_future.sql). Restore it with that version or a later one.',
    );
    // A database migrated further than the backup: its rows might not fit.
    const asOwner = (q: RawBuilder<unknown>) => target1.db.transaction().execute(async (trx) => {
      await sql`set local role none`.execute(trx);
      await q.execute(trx);
    });
    await asOwner(sql`insert into schema_migrations (name) values ('0998_installed_later.sql')`);
    try {
      await expect(restoreBackup(target1.db, file)).rejects.toThrow(/^The database has migrations the backup predates \(0998_installed_later\.sql\), so its rows may not fit\./);
    } finally {
      await asOwner(sql`delete from schema_migrations where name = '0998_installed_later.sql'`);
    }
    expect(Object.values(counts(await independentChecksums(target1.db))).every((n) => n === 0)).toBe(true);
  }, SLOW);
});

describe('backups across versions', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const scratchDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-backup-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const unmigrated = async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    cleanups.push(() => database.close());
    return database;
  };

  it('refuses to back up a database without a schema, and writes no file', async () => {
    const database = await unmigrated();
    const dir = scratchDir();
    await expect(writeBackup(database.db, database.engine, path.join(dir, 'b.gz'))).rejects.toThrow('The database has no schema yet (no migrations applied); there is nothing to back up.');
    expect(fs.readdirSync(dir)).toEqual([]);
  }, SLOW);

  it('restores a backup taken before later migrations at its own schema, then applies the later ones', async () => {
    const all = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    const early = scratchDir();
    for (const m of all.slice(0, 5)) fs.copyFileSync(path.join(MIGRATIONS_DIR, m), path.join(early, m));
    const old = await unmigrated();
    await migrate(old.db, early);
    await old.db.insertInto('organisations').values({ slug: 'gamla-kommunen', name: 'Gamla kommunen', municipality_code: null, default_locale: 'sv', description: AWKWARD, archived_at: null }).execute();
    const file = path.join(scratchDir(), 'old.jsonl.gz');
    const { header } = await writeBackup(old.db, old.engine, file);
    expect(header.migrations).toEqual(all.slice(0, 5));

    const fresh = await unmigrated();
    const result = await restoreBackup(fresh.db, file);
    expect(result.migrated).toEqual(all.slice(5));
    const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(fresh.db);
    expect(applied.rows.map((r) => r.name)).toEqual(all);
    expect(await fresh.db.selectFrom('organisations').select(['slug', 'description']).execute()).toEqual([{ slug: 'gamla-kommunen', description: AWKWARD }]);
  }, SLOW);
});
