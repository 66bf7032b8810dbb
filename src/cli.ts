// The `riktning` command line: serve, migrate, demo, user add, token add, audit verify, backup, restore.
// Each command imports what it needs when it runs, so `--help` loads neither the server nor the database.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './core/config';
import { CORE_ROLES } from './core/context';
import type { Database } from './core/db/database';
import { DataDirInUseError } from './core/db/lock';
import type { Db } from './core/db/schema';
import type { DemoAccount } from './demo';

const migrate = async (db: Db) => (await import('./core/db/migrate')).migrate(db);

const HELP = `riktning — steering and follow-up for municipalities

Usage:
  riktning serve                         start the web server (PORT, DATA_DIR or DATABASE_URL)
  riktning migrate                       apply database migrations
  riktning demo                          load the Malmö demo into an empty database
  riktning user add --email E --name N --role R [--org SLUG] [--body NAME …] [--password P]
                                         create a user (roles: ${CORE_ROLES.join(', ')} and those modules add); a password is generated if none is given
  riktning token add --email E [--label L]
                                         create an API token for a user (shown once)
  riktning audit verify                  check the audit trail's hash chain
  riktning backup --out FILE             write a backup of the whole database to FILE (gzip'd JSON lines)
  riktning restore FILE                  restore a backup into an empty database, then check every table

The embedded database (DATA_DIR, default ./data) is used unless DATABASE_URL is set.
While a server holds the embedded database, other commands refuse to open it; stop the server
first, or use PostgreSQL (DATABASE_URL), where server and commands can run at once.`;

export async function main(argv: string[], config: Config = loadConfig()): Promise<number> {
  const [command, sub] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(config);
      case 'migrate':
        return await withDb(config, async (database) => {
          const r = await migrate(database.db);
          console.log(r.applied.length ? `Applied ${r.applied.join(', ')}` : `Up to date (${r.total} migrations).`);
          return 0;
        });
      case 'demo':
        return await withDb(config, async (database) => {
          await migrate(database.db);
          const { loadDemoIfEmpty } = await import('./demo');
          const result = await loadDemoIfEmpty(database.db);
          if (!result) {
            console.error('The database already holds data; the demo is loaded only into an empty database.');
            return 1;
          }
          printAccounts(result.accounts, config);
          return 0;
        });
      case 'user':
        if (sub !== 'add') break;
        return await withDb(config, (database) => userAdd(database, argv.slice(2)));
      case 'token':
        if (sub !== 'add') break;
        return await withDb(config, (database) => tokenAdd(database, argv.slice(2)));
      case 'audit':
        if (sub !== 'verify') break;
        return await withDb(config, async (database) => {
          const { verifyAuditChain } = await import('./core/audit');
          const reports = await verifyAuditChain(database.db);
          for (const r of reports) console.log(`${r.organisationId}: ${r.entries} entries, ${r.ok ? 'intact' : `BROKEN at entry ${r.firstBadId}`}`);
          return reports.every((r) => r.ok) ? 0 : 1;
        });
      case 'backup':
        return await withDb(config, (database) => backup(database, argv.slice(1)));
      case 'restore':
        return await withDb(config, (database) => restore(database, argv.slice(1)));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 1 : 0;
    }
    console.error(`Unknown command: ${argv.join(' ')}\n\n${HELP}`);
    return 2;
  } catch (err) {
    if (err instanceof DataDirInUseError || err instanceof UsageError || isParseArgsError(err)) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

class UsageError extends Error {}

/** node:util parseArgs refuses unknown or malformed options with these codes: a usage mistake, not a crash. */
const isParseArgsError = (err: unknown): err is Error =>
  err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS_');

async function withDb(config: Config, fn: (database: Database) => Promise<number>): Promise<number> {
  const { openDatabase } = await import('./core/db/database');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function runServe(config: Config): Promise<number> {
  let accounts: DemoAccount[] | undefined;
  const { serve } = await import('./server');
  const running = await serve(config, {
    async afterMigrate(database) {
      const { loadDemoIfEmpty } = await import('./demo');
      accounts = (await loadDemoIfEmpty(database.db))?.accounts;
    },
  });
  const url = running.url.replace('127.0.0.1', 'localhost');
  console.log(`Riktning is running on ${url} (database: ${running.database.engine}, ${running.database.where})`);
  if (accounts) printAccounts(accounts, config, url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
  return 0;
}

function printAccounts(accounts: DemoAccount[], config: Config, url = `http://localhost:${config.port}`): void {
  const lines = [
    '',
    'The Malmö demo is loaded. Sign in at ' + `${url}/sign-in` + ' with one of these accounts.',
    'The passwords were generated now and are shown only this once' + (config.databaseUrl ? '.' : ` (also saved to ${path.join(config.dataDir, 'demo-accounts.txt')}).`),
    '',
    ...accounts.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(34)} ${a.password}${a.bodies?.length ? `   (reports for ${a.bodies.join(', ')})` : ''}`),
    '',
  ];
  console.log(lines.join('\n'));
  if (!config.databaseUrl) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(path.join(config.dataDir, 'demo-accounts.txt'), lines.join('\n'), { mode: 0o600 });
  }
}

async function userAdd(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      body: { type: 'string', multiple: true },
      password: { type: 'string' },
    },
    strict: true,
  });
  if (!values.email || !values.name || !values.role) throw new UsageError('user add needs --email, --name and --role.');
  await migrate(database.db);
  const { createUser } = await import('./modules/organisations');
  const { buildCatalogue } = await import('./core/catalogue');
  const { systemContext } = await import('./core/context');
  const { modules } = await import('./modules');
  const catalogue = buildCatalogue(modules);
  const roles = catalogue.roles.map((r) => r.name);
  if (!roles.includes(values.role)) throw new UsageError(`--role must be one of ${roles.join(', ')}.`);
  const org = values.org
    ? await database.db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', values.org).executeTakeFirst()
    : await database.db.selectFrom('organisations').select(['id', 'slug']).orderBy('created_at').executeTakeFirst();
  if (!org) throw new UsageError(values.org ? `No organisation "${values.org}".` : 'There is no organisation yet; run `riktning demo` first.');
  const result = await createUser(
    systemContext(database.db, catalogue, 'riktning cli', 'en'),
    { organisationId: org.id, email: values.email, name: values.name, role: values.role, bodyNames: values.body ?? [], password: values.password },
  );
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.fieldErrors)) console.error(`${field}: ${message}`);
    return 1;
  }
  console.log(`Created ${values.role} ${result.value.email} in ${org.slug}.`);
  if (result.value.generatedPassword) console.log(`Password (shown once): ${result.value.generatedPassword}`);
  return 0;
}

async function backup(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  if (!values.out) throw new UsageError('backup needs --out FILE.');
  const file = path.resolve(values.out);
  const { BackupError, writeBackup } = await import('./core/backup');
  try {
    const { header } = await writeBackup(database.db, database.engine, file);
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Backed up ${header.tables.length} tables (${rows} rows) from ${database.engine} at ${header.migrations.length} migrations to ${file}.`);
    console.log('The file holds password hashes and sessions: keep it as safe as the database.');
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    return 1;
  }
}

async function restore(database: Database, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('restore needs one FILE: riktning restore FILE');
  const file = path.resolve(positionals[0]!);
  const { BackupError, restoreBackup } = await import('./core/backup');
  try {
    const result = await restoreBackup(database.db, file);
    const { header } = result;
    console.log(`Restored ${file} (taken ${header.created_at} from ${header.engine}, ${header.migrations.length} migrations) into ${database.engine}:`);
    const width = Math.max(5, ...result.tables.map((t) => t.name.length));
    console.log(`  ${'table'.padEnd(width)} ${'rows'.padStart(8)}  sha256`);
    for (const t of result.tables) console.log(`  ${t.name.padEnd(width)} ${String(t.rows).padStart(8)}  ${t.sha256.slice(0, 16)}…  ok`);
    console.log(`Every table's row count and checksum match the backup (${result.tables.length} tables).`);
    if (result.migrated.length) console.log(`Then applied the migrations newer than the backup: ${result.migrated.join(', ')}.`);
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    return 1;
  }
}

async function tokenAdd(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } }, strict: true });
  if (!values.email) throw new UsageError('token add needs --email.');
  const user = await database.db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', values.email.toLowerCase()).where('archived_at', 'is', null).executeTakeFirst();
  if (!user) throw new UsageError(`No active user ${values.email}.`);
  const { createApiToken } = await import('./core/auth/sessions');
  const token = await createApiToken(database.db, user, values.label ?? 'cli');
  console.log(`API token for ${values.email} (shown once): ${token}`);
  return 0;
}
