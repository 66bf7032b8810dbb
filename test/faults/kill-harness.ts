// Kills the real server (SIGKILL, no goodbye) in the middle of a long write, restarts it on the same
// database, and checks what the restart finds. A long-running job is tested with a few lines:
//
//   await killDuring({
//     start: { engine, prepare: (database) => fillWithWork(database) },
//     trigger: (server) => startTheJob(server),          // an HTTP request or a CLI call
//     when: ({ server, triggered }) => progressAtLeast(server, triggered, 5),
//     after: (server, triggered) => waitUntilDone(server, triggered),
//     invariants: (database) => noPartialRows(database),
//   });
//
// Every scenario also proves the generic promises: the killed process really is gone, the embedded
// database's lock file it left is taken over, the restarted server answers /healthz and stops cleanly,
// and `riktning audit verify` finds every organisation's audit trail intact.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type Engine } from '../../src/core/db/database';
import { migrate } from '../../src/core/db/migrate';
import { scratchPostgresDatabase } from '../../src/test/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/riktning.js');

/** A Riktning process started by the harness. */
export interface ServerProcess {
  readonly pid: number;
  /** The address it printed, once it listens. */
  readonly url: string | undefined;
  /** Everything it printed so far (stdout and stderr), for diagnostics and output-based moments. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** What `when` sees each time it is asked whether this is the moment to kill. */
export interface Probe<T> {
  engine: Engine;
  server: ServerProcess;
  /** What `trigger` returned. */
  triggered: T;
  /** Milliseconds since the server process started. */
  sinceStartMs: number;
  /** PGlite: the data directory (its lock file tells whether the server has opened the database). */
  dataDir: string;
  /**
   * PostgreSQL only: the harness's own connection, for moments read from the database ("job progress
   * ≥ 5", "the demo transaction holds its lock"). PGlite admits one process, so there ask the server.
   */
  db: Database | undefined;
}

export interface KillScenario<T> {
  start: {
    engine: Engine;
    /** Fills the (migrated) database before the server first starts. */
    prepare?: (database: Database) => Promise<void>;
    /** Extra environment for the server process. */
    env?: Record<string, string>;
    /**
     * Wait for the first server to listen before `trigger` (the default). False when starting is itself
     * the long write (loading the demo into an empty database).
     */
    listen?: boolean;
  };
  /** Starts the long write; what it returns is handed to the other steps. */
  trigger?: (server: ServerProcess) => Promise<T>;
  /** The moment to kill, polled every 25 ms. */
  when: (probe: Probe<T>) => boolean | Promise<boolean>;
  /** The database exactly as the kill left it, before anything restarted. */
  whileDown?: (database: Database, triggered: T) => Promise<void>;
  /** The restarted server, on the same database. */
  after?: (server: ServerProcess, triggered: T) => Promise<void>;
  /** The database once the restarted server has stopped cleanly. */
  invariants?: (database: Database, triggered: T) => Promise<void>;
  /** Ceiling for waiting on `when` and for each start; the machine may be busy. Default 120 s. */
  timeoutMs?: number;
}

export interface KillReport {
  /** How long after the first start the kill came. */
  killedAfterMs: number;
  firstOutput: string;
  restartOutput: string;
}

/** Kills the server during the long write `trigger` starts, restarts it, and runs the scenario's checks. */
export async function killDuring<T = undefined>(scenario: KillScenario<T>): Promise<KillReport> {
  const { engine } = scenario.start;
  const timeoutMs = scenario.timeoutMs ?? 120_000;
  const store = await createStore(engine);
  const children: ChildProcess[] = [];
  let probeDb: Database | undefined;
  try {
    const database = await store.open();
    try {
      await migrate(database.db);
      database.enableRowSecurity();
      await scenario.start.prepare?.(database);
    } finally {
      await database.close();
    }

    // On PostgreSQL a restarted server takes over a killed server's job once its heartbeat is this old.
    const env = { ...store.env, JOB_STALE_SECONDS: '2', ...scenario.start.env };
    const first = startServer(env, children);
    if (scenario.start.listen !== false) await waitForUrl(first, timeoutMs);
    const triggered = (await scenario.trigger?.(first)) as T;
    if (engine === 'postgres') probeDb = await store.open();
    await waitFor(
      async () => {
        if (first.exitCode !== null) throw new Error(`the server exited before the moment to kill came:\n${first.output()}`);
        return scenario.when({ engine, server: first, triggered, sinceStartMs: Date.now() - first.startedAt, dataDir: store.dataDir, db: probeDb });
      },
      timeoutMs,
      'the moment to kill',
    );
    const killedAfterMs = Date.now() - first.startedAt;
    first.child.kill('SIGKILL');
    const death = await first.exited;
    if (death.signal !== 'SIGKILL') throw new Error(`the server was not killed but exited with ${JSON.stringify(death)}:\n${first.output()}`);
    await probeDb?.close();
    probeDb = undefined;

    if (engine === 'pglite') {
      // SIGKILL leaves no chance to clean up: the lock names a process that no longer exists.
      const lock = path.join(store.dataDir, 'riktning.lock');
      if (fs.existsSync(lock) && Number(fs.readFileSync(lock, 'utf8')) !== first.pid) throw new Error('the lock file names another process than the one killed');
    }
    if (scenario.whileDown) {
      const down = await store.open();
      try {
        await withTimeout(scenario.whileDown(down, triggered), timeoutMs, 'the checks while the server is down');
      } finally {
        await down.close();
      }
    }

    const second = startServer(env, children);
    await waitForUrl(second, timeoutMs);
    const health = await request(second, '/healthz');
    if (health.status !== 200) throw new Error(`the restarted server is not healthy: ${health.status}`);
    if (scenario.after) await withTimeout(scenario.after(second, triggered), timeoutMs, 'the checks on the restarted server');
    second.child.kill('SIGTERM');
    const stopped = await withTimeout(second.exited, timeoutMs, 'the restarted server to stop');
    if (stopped.code !== 0) throw new Error(`the restarted server did not stop cleanly: ${JSON.stringify(stopped)}\n${second.output()}`);
    if (engine === 'pglite' && fs.existsSync(path.join(store.dataDir, 'riktning.lock'))) throw new Error('a cleanly stopped server left its lock file');

    const verify = await runCli(['audit', 'verify'], env, children, timeoutMs);
    if (verify.code !== 0 || !/intact/.test(verify.output)) throw new Error(`riktning audit verify failed (${verify.code}):\n${verify.output}`);

    if (scenario.invariants) {
      const after = await store.open();
      try {
        await withTimeout(scenario.invariants(after, triggered), timeoutMs, 'the invariants');
      } finally {
        await after.close();
      }
    }
    return { killedAfterMs, firstOutput: first.output(), restartOutput: second.output() };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await probeDb?.close().catch(() => {});
    await store.remove();
  }
}

interface Store {
  dataDir: string;
  env: Record<string, string>;
  open(): Promise<Database>;
  remove(): Promise<void>;
}

/** A throwaway database: a temporary data directory (PGlite) or PostgreSQL database. */
async function createStore(engine: Engine): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-kill-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'pglite') {
    return { dataDir, env: { DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir }), remove: async () => removeDir() };
  }
  const scratch = await scratchPostgresDatabase();
  return {
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: scratch.url },
    open: () => openDatabase({ databaseUrl: scratch.url, poolSize: 2 }),
    async remove() {
      removeDir();
      await scratch.drop();
    },
  };
}

interface Started extends ServerProcess {
  child: ChildProcess;
  startedAt: number;
  readonly exitCode: number | null;
}

function startServer(env: Record<string, string>, children: ChildProcess[]): Started {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    pid: child.pid!,
    startedAt: Date.now(),
    get url() {
      return /Riktning is running on (http:\/\/\S+)/.exec(out)?.[1];
    },
    get exitCode() {
      return child.exitCode ?? (child.signalCode ? -1 : null);
    },
    output: () => out,
    exited,
  };
}

async function waitForUrl(server: Started, timeoutMs: number): Promise<string> {
  await waitFor(
    () => {
      if (server.exitCode !== null) throw new Error(`the server exited while starting:\n${server.output()}`);
      return !!server.url;
    },
    timeoutMs,
    `the server to listen (printed so far:\n${server.output()})`,
  );
  return server.url!;
}

/** Runs a `riktning` command on the same database and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string>, children: ChildProcess[] = [], timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const { code } = await withTimeout(
    new Promise<{ code: number | null }>((resolve) => child.once('exit', (c) => resolve({ code: c }))),
    timeoutMs,
    `riktning ${args.join(' ')}`,
  );
  return { code, output };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function withTimeout<R>(promise: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** One plain HTTP request to a running server. */
export async function request(server: ServerProcess, pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  if (!server.url) throw new Error('the server is not listening');
  return fetch(new URL(pathAndQuery, server.url), { redirect: 'manual', ...init });
}

/**
 * A browser over real HTTP: keeps its cookies, reads CSRF tokens from pages, posts forms and calls
 * the API the way the web UI and an API client do.
 */
export class WebClient {
  private readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const header of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  async get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await fetch(new URL(pathAndQuery, this.baseUrl), { redirect: 'manual', headers: { accept: 'text/html', cookie: this.cookie(), ...headers } }));
  }

  /** A page's text and the CSRF token of its first form. */
  async page(pathAndQuery: string): Promise<{ status: number; html: string; csrf: string }> {
    const res = await this.get(pathAndQuery);
    const html = await res.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!csrf) throw new Error(`no form with a CSRF token on ${pathAndQuery} (${res.status})`);
    return { status: res.status, html, csrf };
  }

  /** Builds a form post: call the returned function to send it (so several can be sent at the same moment). */
  formPost(pathAndQuery: string, fields: Record<string, string | string[] | undefined>): () => Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of v === undefined ? [] : Array.isArray(v) ? v : [v]) body.append(k, item);
    const init: RequestInit = { method: 'POST', redirect: 'manual', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: this.cookie() } };
    return async () => this.keep(await fetch(new URL(pathAndQuery, this.baseUrl), init));
  }

  /** Builds an API call with the session cookie and the CSRF header; call the returned function to send it. */
  apiCall(method: string, pathAndQuery: string, body: unknown, csrf: string): () => Promise<Response> {
    const init: RequestInit = {
      method,
      redirect: 'manual',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: this.cookie(), 'x-csrf-token': csrf },
    };
    return async () => this.keep(await fetch(new URL(pathAndQuery, this.baseUrl), init));
  }

  async signIn(email: string, password: string): Promise<void> {
    const { csrf } = await this.page('/sign-in');
    const res = await this.formPost('/sign-in', { _csrf: csrf, email, password })();
    if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  }
}

/**
 * A GET whose body is read only until the first chunk arrives, then left hanging: a client in the
 * middle of a download. `resume()` reads the rest, so the connection can report how it ended.
 */
export function startDownload(
  server: ServerProcess,
  pathAndQuery: string,
): { received: () => number; expected: () => number | undefined; resume: () => void; ended: Promise<{ complete: boolean; bytes: number }> } {
  let bytes = 0;
  let expected: number | undefined;
  let response: http.IncomingMessage | undefined;
  let holding = true;
  const ended = new Promise<{ complete: boolean; bytes: number }>((resolve) => {
    const req = http.get(new URL(pathAndQuery, server.url), (res) => {
      response = res;
      expected = res.headers['content-length'] ? Number(res.headers['content-length']) : undefined;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Read no further until resumed: the rest waits in the server's socket.
        if (holding) res.pause();
      });
      res.on('close', () => resolve({ complete: res.complete, bytes }));
      res.on('error', () => resolve({ complete: false, bytes }));
    });
    req.on('error', () => resolve({ complete: false, bytes }));
  });
  return {
    received: () => bytes,
    expected: () => expected,
    resume: () => {
      holding = false;
      response?.resume();
    },
    ended,
  };
}
