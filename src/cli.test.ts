import { ROOT } from './core/paths';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from './core/auth/password';
import type { Config } from './core/config';
import { acquireDirLock } from './core/db/lock';
import { runCli as run, useInstallations, withDatabase, withServer } from './test/cli';
import { engines } from './test/db';
import { waitFor } from './test/wait';


/** Adds the reader "Ny" to the demo organisation. */
const addReader = (config: Config) => run(['user', 'add', '--email', 'ny@malmo.example', '--name', 'Ny', '--role', 'reader'], config);

describe.each(engines)('the riktning command on %s', (engine) => {
  /** An empty database for one test: a fresh DATA_DIR, or a fresh PostgreSQL database. */
  const { fresh: freshConfig } = useInstallations(engine);

  it('migrate applies every migration once', async () => {
    const config = await freshConfig();
    const first = await run(['migrate'], config);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Applied 0001_core_identity_audit\.sql, 0002_/);
    const second = await run(['migrate'], config);
    expect(second).toMatchObject({ code: 0, out: expect.stringMatching(/^Up to date \(\d+ migrations\)\.$/) });
  });

  it('demo loads Malmö into an empty database, prints the accounts, and refuses a second time', async () => {
    const config = await freshConfig();
    const first = await run(['demo'], config);
    expect(first.code).toBe(0);
    for (const email of ['admin@malmo.example', 'strateg@malmo.example', 'rapportor@malmo.example', 'lasare@malmo.example']) expect(first.out).toContain(email);
    expect(first.out).toContain('(reports for Servicenämnden)');
    expect(first.out).toContain('/sign-in');
    if (engine === 'pglite') {
      const saved = path.join(config.dataDir, 'demo-accounts.txt');
      expect(fs.statSync(saved).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(saved, 'utf8')).toContain('admin@malmo.example');
    }
    const second = await run(['demo'], config);
    expect(second.code).toBe(1);
    expect(second.err).toContain('already holds data');
    expect(await withDatabase(config, async ({ db }) => (await db.selectFrom('organisations').select('id').execute()).length)).toBe(1);
  });

  it('user add creates a user with a role and the bodies they report for', async () => {
    const config = await freshConfig();
    expect((await run(['demo'], config)).code).toBe(0);
    const res = await run(['user', 'add', '--email', 'Ny.Rapportor@malmo.example', '--name', 'Ny Rapportör', '--role', 'reporter', '--body', 'Tekniska nämnden'], config);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Created reporter ny.rapportor@malmo.example in malmo.');
    const password = /Password \(shown once\): (\S+)/.exec(res.out)?.[1];
    expect(password).toBeDefined();
    await withDatabase(config, async ({ db }) => {
      const user = await db.selectFrom('users').selectAll().where('email', '=', 'ny.rapportor@malmo.example').executeTakeFirstOrThrow();
      expect(user.role).toBe('reporter');
      expect(await verifyPassword(user.password_hash, password!)).toBe(true);
      const bodies = await db.selectFrom('user_bodies').innerJoin('bodies', 'bodies.id', 'user_bodies.body_id').select('bodies.name').where('user_id', '=', user.id).execute();
      expect(bodies).toEqual([{ name: 'Tekniska nämnden' }]);
      const audit = await db.selectFrom('audit_events').select(['actor_label', 'action']).where('entity_type', '=', 'user').where('entity_id', '=', user.id).execute();
      expect(audit).toEqual([{ actor_label: 'riktning cli', action: 'create' }]);
    });
  });

  it('user add refuses a bad role with exit code 2 and a clear message, and creates nobody', async () => {
    const config = await freshConfig();
    expect((await run(['demo'], config)).code).toBe(0);
    const res = await run(['user', 'add', '--email', 'chef@malmo.example', '--name', 'Chef', '--role', 'boss'], config);
    expect(res.code).toBe(2);
    expect(res.err).toBe('--role must be one of admin, strategist, reporter, reader.');
    const missing = await run(['user', 'add', '--email', 'chef@malmo.example'], config);
    expect(missing).toMatchObject({ code: 2, err: 'user add needs --email, --name and --role.' });
    const unknownOption = await run(['user', 'add', '--email', 'chef@malmo.example', '--colour', 'red'], config);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("Unknown option '--colour'");
    const unknownBody = await run(['user', 'add', '--email', 'chef@malmo.example', '--name', 'Chef', '--role', 'reporter', '--body', 'Finns inte'], config);
    expect(unknownBody.code).toBe(1);
    expect(unknownBody.err).toMatch(/^bodyNames: /);
    expect(await withDatabase(config, async ({ db }) => db.selectFrom('users').select('id').where('email', '=', 'chef@malmo.example').execute())).toEqual([]);
  });

  it('answers an unknown command with exit code 2 and the usage text', async () => {
    const res = await run(['frobnicate'], await freshConfig());
    expect(res.code).toBe(2);
    expect(res.err).toContain('Unknown command: frobnicate');
    expect(res.err).toContain('riktning user add');
  });

  it('audit verify reports the chain intact, and BROKEN after an audit row is edited in SQL', async () => {
    const config = await freshConfig();
    expect((await run(['demo'], config)).code).toBe(0);
    const intact = await run(['audit', 'verify'], config);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^[0-9a-f-]{36}: \d+ entries, intact$/);
    const tampered = await withDatabase(config, async ({ db }) => {
      const row = await db.selectFrom('audit_events').select('id').orderBy('id').offset(5).limit(1).executeTakeFirstOrThrow();
      // As the database owner: the application's own role cannot edit the audit trail at all.
      await db.transaction().execute(async (trx) => {
        await sql`set local role none`.execute(trx);
        await sql`update audit_events set actor_label = 'någon annan' where id = ${row.id}`.execute(trx);
      });
      return row.id;
    });
    const broken = await run(['audit', 'verify'], config);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(new RegExp(`: \\d+ entries, BROKEN at entry ${tampered}$`));
  });

  it.runIf(engine === 'pglite')('never opens a data directory that a running server holds', async () => {
    const config = await freshConfig();
    expect((await run(['demo'], config)).code).toBe(0);
    await withServer(config, async (running) => {
      const res = await addReader(config);
      expect(res.code).toBe(2);
      expect(res.err).toContain(`The database in ${config.dataDir} is in use by another Riktning process (pid ${process.pid})`);
      expect(res.err).toContain('används av en annan Riktning-process');
      expect((await run(['audit', 'verify'], config)).code).toBe(2);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    });
    expect(fs.existsSync(path.join(config.dataDir, 'riktning.lock'))).toBe(false);
    const verify = await run(['audit', 'verify'], config);
    expect(verify).toMatchObject({ code: 0, out: expect.stringContaining('intact') });
    expect(await withDatabase(config, async ({ db }) => db.selectFrom('users').select('id').where('email', '=', 'ny@malmo.example').execute())).toEqual([]);
    expect((await addReader(config)).code).toBe(0);
  });

  it.runIf(engine === 'pglite')('refuses a data directory locked by another live process, and takes over a stale lock', async () => {
    const config = await freshConfig();
    const release = acquireDirLock(config.dataDir);
    try {
      const res = await run(['migrate'], config);
      expect(res.code).toBe(2);
      expect(res.err).toContain('is in use by another Riktning process');
      expect(fs.existsSync(path.join(config.dataDir, 'pg'))).toBe(false);
    } finally {
      release();
    }
    // A process killed with SIGKILL leaves its lock file behind; its pid is no longer alive.
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)));
    fs.writeFileSync(path.join(config.dataDir, 'riktning.lock'), String(deadPid));
    expect((await run(['migrate'], config)).code).toBe(0);
  });

  it.runIf(engine === 'postgres')('runs beside a running server on PostgreSQL', async () => {
    const config = await freshConfig();
    expect((await run(['demo'], config)).code).toBe(0);
    await withServer(config, async (running) => {
      expect((await addReader(config)).code).toBe(0);
      const seen = await running.database.db.selectFrom('users').select('role').where('email', '=', 'ny@malmo.example').executeTakeFirst();
      expect(seen).toEqual({ role: 'reader' });
    });
  });
});

describe('npm start on a fresh data directory', () => {
  it('starts the server, loads the demo, prints the accounts, serves pages, and stops cleanly on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/riktning.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Ready once the demo accounts are printed; a server that exits first fails at once.
      await waitFor(
        () => {
          if (/lasare@malmo\.example/.test(stdout)) return true;
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before it was ready:\n${stderr}`);
          return false;
        },
        { timeout: 90_000, interval: 100, what: () => `the server to be ready:\n${stderr}` },
      );
      const url = /Riktning is running on (http:\/\/\S+)/.exec(stdout)![1]!.replace('localhost', '127.0.0.1');
      expect(stdout).toContain('database: pglite');
      const accounts = [...stdout.matchAll(/^ {2}(\w+)\s+(\S+@malmo\.example)\s+(\S+)/gm)].map((m) => ({ role: m[1], email: m[2], password: m[3]! }));
      expect(accounts.map((a) => a.role)).toEqual(['admin', 'strategist', 'reporter', 'reader']);
      expect(fs.readFileSync(path.join(dir, 'demo-accounts.txt'), 'utf8')).toContain(accounts[0]!.password);

      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const org = await fetch(`${url}/o/malmo`);
      expect(org.status).toBe(200);
      expect(await org.text()).toContain('Malmö stad');

      // Sign in over real HTTP, as a browser would: the CSRF cookie and the form's token.
      const page = await fetch(`${url}/sign-in`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const signIn = await fetch(`${url}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: token, email: accounts[1]!.email!, password: accounts[1]!.password }).toString(),
      });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/o/malmo/work');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dir, 'riktning.lock'))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
