// `npm run bench`: loads a national-scale dataset into a fresh database, starts Riktning in this
// process and measures its main pages and API endpoints under load, anonymous and signed in.
// Environment (all optional):
//   BENCH_SCALE=small            20 synthetic municipalities instead of 289, for a quick run
//   BENCH_DATABASE_URL=postgres://…  measure on PostgreSQL (a throwaway database is created there
//                                and dropped afterwards) instead of PGlite in a temp directory
//   BENCH_DURATION, BENCH_CONNECTIONS  seconds and concurrent connections per target (10, 10)
//   BENCH_ONLY=text              only the targets whose name or path contains it
//   BENCH_SINGLE_RUNS            sequential requests per target for the one-user latency (20)
//   BENCH_QUERY_RUNS             runs per statement when timing SQL (20)
//   BENCH_ORGANISATIONS, BENCH_ASSIGNMENTS_PER_YEAR, BENCH_ORG  dataset size and the measured organisation
//   BENCH_KEEP=1                 keep the database afterwards for inspection (and say where it is)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/core/auth/password';
import { generatePassword } from '../src/core/auth/tokens';
import { loadConfig } from '../src/core/config';
import { openDatabase, type Database } from '../src/core/db/database';
import { migrate } from '../src/core/db/migrate';
import type { Db } from '../src/core/db/schema';
import { loadDemoIfEmpty } from '../src/demo';
import { createApp } from '../src/server';
import { COUNTED_TABLES, loadSyntheticData, rowCounts, syntheticOrganisations } from './dataset';
import { runLoad, type LoadResult } from './load';
import { runExperiments } from './experiments';
import { explainAnalyze, isRead, quantile, QueryRecorder, shortSql, timeQuery, type CapturedQuery, type TimedQuery } from './queries';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

interface Options {
  scale: 'full' | 'small';
  organisations: number;
  assignmentsPerYear: number;
  postgresUrl: string | undefined;
  durationSeconds: number;
  connections: number;
  only: string | undefined;
  queryRuns: number;
  singleRuns: number;
  org: string;
  keep: boolean;
}

function options(env: NodeJS.ProcessEnv = process.env): Options {
  const scale = env.BENCH_SCALE === 'small' ? 'small' : 'full';
  const int = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${v}"`);
    return n;
  };
  return {
    scale,
    // Every municipality but Malmö (the demo): 289; the small scale keeps each organisation's size.
    organisations: int('BENCH_ORGANISATIONS', scale === 'small' ? 20 : 289),
    assignmentsPerYear: int('BENCH_ASSIGNMENTS_PER_YEAR', 50),
    postgresUrl: env.BENCH_DATABASE_URL || undefined,
    durationSeconds: int('BENCH_DURATION', 10),
    connections: int('BENCH_CONNECTIONS', 10),
    only: env.BENCH_ONLY || undefined,
    queryRuns: int('BENCH_QUERY_RUNS', 20),
    singleRuns: int('BENCH_SINGLE_RUNS', 20),
    // Stockholm's synthetic twin: any synthetic organisation has the same shape.
    org: env.BENCH_ORG || 'synt-0180',
    keep: env.BENCH_KEEP === '1',
  };
}

const log = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  const ms = performance.now() - t0;
  log(`${label}: ${seconds(ms)}`);
  return { value, ms };
}

/** A fresh database: PGlite in a temp directory, or a throwaway database on the PostgreSQL server. */
async function freshDatabase(o: Options): Promise<{ database: Database; cleanup: () => Promise<void>; where: string }> {
  if (!o.postgresUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-bench-'));
    const database = await openDatabase({ dataDir: dir });
    return {
      database,
      where: `PGlite in ${dir}`,
      cleanup: async () => {
        await database.close();
        if (o.keep) log(`kept the database: DATA_DIR=${dir}`);
        else fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `riktning_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: o.postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(o.postgresUrl);
  url.pathname = `/${name}`;
  // The pool size the server uses by default (see openDatabase).
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    where: `PostgreSQL database ${name} on ${url.host}`,
    cleanup: async () => {
      await database.close();
      if (o.keep) {
        log(`kept the database: ${url.toString()}`);
        return;
      }
      const c = new pg.Client({ connectionString: o.postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function serverVersion(db: Db): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return r.rows[0]!.v;
}

interface Fixture {
  orgSlug: string;
  organisationId: string;
  year: number;
  assignmentId: string;
  bodyId: string;
  focusAreaId: string;
  openPeriodId: string;
  /** A published goal linked to an assignment: its page shows its assessments and assignments. */
  goalId: string;
}

/** Ids the targets' URLs need: an ongoing published assignment with a lead body, a committee, a focus area, the open period. */
async function fixture(db: Db, orgSlug: string, year: number): Promise<Fixture> {
  const r = await sql<{ organisation_id: string; assignment_id: string; body_id: string; focus_area_id: string; period_id: string; goal_id: string }>`
    select o.id as organisation_id, a.id as assignment_id, ab.body_id, af.focus_area_id,
           (select p.id from periods p where p.organisation_id = o.id and p.year = ${year} and p.status = 'open' order by p.ends_on desc limit 1) as period_id,
           (select g.id from goals g join assignment_goals ag on ag.goal_id = g.id where g.organisation_id = o.id and g.published_at is not null and g.archived_at is null order by g.year_from desc, g.reference limit 1) as goal_id
    from organisations o
    join assignments a on a.organisation_id = o.id and a.year = ${year} and a.status = 'ongoing' and a.published_at is not null
    join assignment_bodies ab on ab.assignment_id = a.id and ab.role = 'lead'
    join bodies b on b.id = ab.body_id and b.kind = 'committee'
    join assignment_focus_areas af on af.assignment_id = a.id
    where o.slug = ${orgSlug}
    order by a.reference
    limit 1`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error(`no ongoing published assignment in ${orgSlug} for ${year}`);
  return { orgSlug, organisationId: row.organisation_id, year, assignmentId: row.assignment_id, bodyId: row.body_id, focusAreaId: row.focus_area_id, openPeriodId: row.period_id, goalId: row.goal_id };
}

/** A strategist of the organisation with a password known only to this run. */
async function benchUser(db: Db, orgSlug: string): Promise<{ email: string; password: string }> {
  const email = `bench.strateg@${orgSlug}.example`;
  const password = generatePassword();
  const hash = await hashPassword(password);
  await sql`insert into users (organisation_id, email, name, role, password_hash)
    select id, ${email}, 'Prestandamätning (strateg)', 'strategist', ${hash} from organisations where slug = ${orgSlug}`.execute(db);
  return { email, password };
}

function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return jar;
}

/** Signs in through the real form (CSRF token and all) and answers the Cookie header of the session. */
async function signIn(base: string, user: { email: string; password: string }): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const jar = cookiesOf(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no CSRF token on /sign-in');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: new URLSearchParams({ email: user.email, password: user.password, _csrf: token }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  for (const [k, v] of cookiesOf(res)) jar.set(k, v);
  if (!jar.get('sid')) throw new Error('sign-in set no session cookie');
  return `sid=${jar.get('sid')}`;
}

interface Target {
  name: string;
  path: string;
  signedIn: boolean;
  /** The Accept header a real client sends: browsers ask for HTML, API clients for JSON, feed readers for Atom. */
  accept: string;
}

const HTML = 'text/html';
const JSON_TYPE = 'application/json';
const ATOM = 'application/atom+xml';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';

function targets(f: Fixture): Target[] {
  const o = f.orgSlug;
  const enc = encodeURIComponent;
  const pages: [string, string][] = [
    ['dashboard', `/o/${o}`],
    ['assignments', `/o/${o}/assignments`],
    ['assignments ?year&status', `/o/${o}/assignments?year=${f.year}&status=ongoing`],
    ['assignments ?body&focusArea&late', `/o/${o}/assignments?body=${f.bodyId}&focusArea=${f.focusAreaId}&late=true`],
    ['assignment detail', `/o/${o}/assignments/${f.assignmentId}`],
    ['goal detail', `/o/${o}/goals/${f.goalId}`],
    ['body detail (hub)', `/o/${o}/bodies/${f.bodyId}`],
    ['goals', `/o/${o}/goals`],
    ['search ?q=uppdrag', `/o/${o}/search?q=uppdrag`],
    ['search ?q&type&offset', `/o/${o}/search?q=uppdrag&type=status_report&offset=20`],
    ['downloads', `/o/${o}/downloads`],
    // The list behind the overview's count of goals by latest assessment.
    ['goals by latest assessment ?year&assessment', `/o/${o}/follow-up/goals?year=${f.year}&assessment=none`],
  ];
  const apis: [string, string][] = [
    ['api assignments ?year', `/api/v1/assignments?organisation=${o}&year=${f.year}`],
    ['api search ?q=uppdrag', `/api/v1/search?organisation=${o}&q=${enc('uppdrag')}`],
    ['api search ?q&offset', `/api/v1/search?organisation=${o}&q=${enc('uppdrag')}&limit=20&offset=20`],
    ['api dashboard', `/api/v1/dashboard?organisation=${o}`],
  ];
  // Downloads: the largest list in both formats, and a workbook of each other kind.
  const exports: [string, string, string][] = [
    ['export assignments.xlsx', `/o/${o}/assignments.xlsx`, XLSX],
    ['export assignments.csv', `/o/${o}/assignments.csv`, CSV],
    ['export assignments.xlsx ?year&status', `/o/${o}/assignments.xlsx?year=${f.year}&status=ongoing`, XLSX],
    ['export goals.xlsx', `/o/${o}/goals.xlsx`, XLSX],
    ['export dashboard.xlsx', `/o/${o}/dashboard.xlsx`, XLSX],
    ['export follow-up/public.xlsx', `/o/${o}/follow-up/public.xlsx`, XLSX],
  ];
  return [
    { name: 'healthz', path: '/healthz', signedIn: false, accept: JSON_TYPE },
    { name: 'home (all organisations)', path: '/', signedIn: false, accept: HTML },
    { name: 'Malmö demo dashboard', path: '/o/malmo', signedIn: false, accept: HTML },
    ...pages.map(([name, p]) => ({ name, path: p, signedIn: false, accept: HTML })),
    { name: 'follow-up (public)', path: `/o/${o}/follow-up/public`, signedIn: false, accept: HTML },
    ...apis.map(([name, p]) => ({ name, path: p, signedIn: false, accept: JSON_TYPE })),
    // Feed readers poll these without an account.
    { name: 'feed assignments.atom', path: `/api/v1/feeds/assignments.atom?organisation=${o}`, signedIn: false, accept: ATOM },
    { name: 'feed status-reports.atom', path: `/api/v1/feeds/status-reports.atom?organisation=${o}`, signedIn: false, accept: ATOM },
    ...exports.map(([name, p, accept]) => ({ name, path: p, signedIn: false, accept })),
    ...pages.map(([name, p]) => ({ name, path: p, signedIn: true, accept: HTML })),
    { name: 'follow-up (all bodies)', path: `/o/${o}/follow-up`, signedIn: true, accept: HTML },
    { name: 'follow-up (one body)', path: `/o/${o}/follow-up?period=${f.openPeriodId}&body=${f.bodyId}`, signedIn: true, accept: HTML },
    { name: 'work page', path: `/o/${o}/work`, signedIn: true, accept: HTML },
    // The list behind every count of reports (work page, overview, follow-up table).
    { name: 'reports ?state=submitted', path: `/o/${o}/follow-up/reports?state=submitted`, signedIn: true, accept: HTML },
    { name: 'reports ?period&body&state', path: `/o/${o}/follow-up/reports?period=${f.openPeriodId}&body=${f.bodyId}&state=approved`, signedIn: true, accept: HTML },
    // The change history resolves every name on the page in one query per referenced table (core/history.tsx).
    { name: 'assignment history', path: `/o/${o}/history/assignment/${f.assignmentId}`, signedIn: true, accept: HTML },
    ...exports.map(([name, p, accept]) => ({ name, path: p, signedIn: true, accept })),
    { name: 'export follow-up (one body).xlsx', path: `/o/${o}/follow-up.xlsx?period=${f.openPeriodId}&body=${f.bodyId}`, signedIn: true, accept: XLSX },
    ...apis.map(([name, p]) => ({ name, path: p, signedIn: true, accept: JSON_TYPE })),
  ];
}

interface TargetResult {
  name: string;
  path: string;
  signedIn: boolean;
  status: number;
  bytes: number;
  /** Sequential requests, one at a time: what a single user waits. */
  aloneMs: { p50: number; p90: number } | undefined;
  /** Under load: `connections` clients at once for `durationSeconds`. */
  load: LoadResult | undefined;
  queries: { count: number; sumMedianMs: number; slowest: TimedQuery[] } | undefined;
  skipped?: string;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ms = (n: number | undefined) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));

function table(results: TargetResult[]): string {
  const head = ['route', 'who', 'alone p50', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'queries', 'SQL ms'];
  const rows = results.map((r) => [
    r.name,
    r.signedIn ? 'strategist' : 'anonymous',
    ms(r.aloneMs?.p50),
    r.load ? r.load.reqPerSec.toFixed(0) : r.skipped ?? '-',
    ms(r.load?.latencyMs.p50),
    ms(r.load?.latencyMs.p97_5),
    ms(r.load?.latencyMs.p99),
    ms(r.load?.latencyMs.max),
    r.load ? String(r.load.non2xx) : '-',
    r.load ? String(r.load.errors + r.load.timeouts) : '-',
    r.queries ? String(r.queries.count) : '-',
    r.queries ? ms(r.queries.sumMedianMs) : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = options();
  const startedAt = new Date();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(startedAt);
  const year = Number(today.slice(0, 4));
  if (!syntheticOrganisations(o.organisations).some((s) => s.slug === o.org)) throw new Error(`BENCH_ORG ${o.org} is not among the ${o.organisations} synthetic organisations`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
  log(`Riktning benchmark — scale ${o.scale}, ${o.organisations} synthetic organisations + the Malmö demo`);
  log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')}`);

  const { database, cleanup, where } = await freshDatabase(o);
  let stop: (() => Promise<void>) | undefined;
  try {
    log(`database: ${where}`);
    const engineVersion = await serverVersion(database.db);
    const migrateTime = await timed('migrations', () => migrate(database.db));
    const demoTime = await timed('Malmö demo (loadDemoIfEmpty)', () => loadDemoIfEmpty(database.db));
    log('synthetic organisations:');
    const synthTime = await timed('synthetic data, total', () =>
      loadSyntheticData(database.db, { organisations: o.organisations, assignmentsPerYear: o.assignmentsPerYear, today, log }),
    );
    // Fresh tables have no planner statistics until autovacuum (PostgreSQL) or never (PGlite); a
    // production database has them, so the measurement starts from analysed tables.
    const analyseTime = await timed('analyze', () => sql`analyze`.execute(database.db));
    const counts = await rowCounts(database.db);
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    log(`rows: ${COUNTED_TABLES.map((t) => `${t} ${counts[t]}`).join(', ')}; total ${totalRows}`);
    const loadingMs = migrateTime.ms + demoTime.ms + synthTime.ms + analyseTime.ms;
    log(`loading took ${seconds(loadingMs)} in all`);

    const f = await fixture(database.db, o.org, year);
    const user = await benchUser(database.db, o.org);

    // As `riktning serve` does once migrations have run: from here on every connection works as the
    // restricted role, scoped to the request's organisation (row-level security). Loading ran as owner.
    database.enableRowSecurity();
    log(`row-level security: ${database.rowSecurity ? 'on' : 'off'}`);

    const recorder = new QueryRecorder();
    const app = await createApp({ ...database, db: database.db.withPlugin(recorder) }, loadConfig({ PORT: '0', HOST: '127.0.0.1' }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    stop = async () => {
      await app.close();
    };
    const base = address.replace('localhost', '127.0.0.1');
    const cookie = await signIn(base, user);
    log(`server: ${base}; signed in as ${user.email}`);
    log();

    const results: TargetResult[] = [];
    const capturedBy = new Map<TargetResult, CapturedQuery[]>();
    const chosen = targets(f).filter((t) => !o.only || t.name.includes(o.only) || t.path.includes(o.only));
    const headersOf = (t: Target): Record<string, string> => ({ accept: t.accept, ...(t.signedIn ? { cookie } : {}) });
    const who = (t: { signedIn: boolean }) => (t.signedIn ? 'strategist' : 'anonymous');

    // First, on the quiet server, one request per target: its status and the SQL it runs.
    for (const t of chosen) {
      let status = 0;
      let bytes = 0;
      const captured = await recorder.record(async () => {
        const res = await fetch(base + t.path, { headers: headersOf(t), redirect: 'manual' });
        status = res.status;
        bytes = (await res.arrayBuffer()).byteLength;
      });
      const result: TargetResult = { name: t.name, path: t.path, signedIn: t.signedIn, status, bytes, aloneMs: undefined, load: undefined, queries: undefined };
      if (status === 404) {
        result.skipped = '404';
        log(`${t.name} (${who(t)}): ${t.path} answers 404 — not measured`);
      } else if (status >= 300) {
        log(`${t.name} (${who(t)}): ${t.path} answers ${status} — measured anyway, see non-2xx`);
      }
      results.push(result);
      capturedBy.set(result, captured);
    }

    for (const [i, r] of results.entries()) {
      if (r.skipped) continue;
      const t = chosen[i]!;
      const headers = headersOf(t);
      // Warm the route (JIT, caches), then time single requests one after another: a lone user's wait.
      for (let k = 0; k < 10; k++) await fetch(base + t.path, { headers, redirect: 'manual' }).then((res) => res.arrayBuffer());
      const single: number[] = [];
      for (let k = 0; k < o.singleRuns; k++) {
        const t0 = performance.now();
        await fetch(base + t.path, { headers, redirect: 'manual' }).then((res) => res.arrayBuffer());
        single.push(performance.now() - t0);
      }
      single.sort((a, b) => a - b);
      r.aloneMs = { p50: quantile(single, 0.5), p90: quantile(single, 0.9) };
      r.load = await runLoad({ url: base + t.path, headers, connections: o.connections, durationSeconds: o.durationSeconds });
      await recorder.idle();
      log(
        `${pad(`${t.name} (${who(t)})`, 48)} alone ${lpad(ms(r.aloneMs.p50), 6)} ms | ${lpad(r.load.reqPerSec.toFixed(0), 6)} req/s  p50 ${lpad(ms(r.load.latencyMs.p50), 6)} ms  p99 ${lpad(ms(r.load.latencyMs.p99), 6)} ms  status ${r.status}, ${r.bytes} B${r.load.non2xx ? `, ${r.load.non2xx} non-2xx` : ''}`,
      );
    }

    // PGlite's buffer cache and catalog live in this process; PostgreSQL's in its own.
    const serverRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);

    // With the load over, the statements each page ran are timed one by one on the quiet server.
    log();
    log(`timing each page's SQL (median of ${o.queryRuns} runs per statement)…`);
    const plans: string[] = [];
    const slowQueries: (TimedQuery & { target: string })[] = [];
    for (const r of results) {
      const captured = capturedBy.get(r);
      if (!captured || r.skipped) continue;
      const timedQueries: TimedQuery[] = [];
      for (const q of captured.filter(isRead)) timedQueries.push(await timeQuery(database.db, q, o.queryRuns));
      timedQueries.sort((a, b) => b.medianMs - a.medianMs);
      r.queries = { count: captured.length, sumMedianMs: timedQueries.reduce((a, q) => a + q.medianMs, 0), slowest: timedQueries.slice(0, 3).map((q) => ({ ...q, sql: shortSql(q.sql, 300) })) };
      for (const q of timedQueries.slice(0, 3)) slowQueries.push({ ...q, target: `${r.name} (${r.signedIn ? 'strategist' : 'anonymous'})` });
    }
    // The distinct statements slower than 2 ms, slowest first, each with its plan.
    const seen = new Set<string>();
    const distinctSlow = slowQueries
      .sort((a, b) => b.medianMs - a.medianMs)
      .filter((q) => q.medianMs >= 2 && !seen.has(q.sql) && seen.add(q.sql));
    for (const q of distinctSlow.slice(0, 12)) {
      plans.push(`-- ${q.target}: median ${ms(q.medianMs)} ms, p90 ${ms(q.p90Ms)} ms\n-- parameters: ${JSON.stringify(q.parameters)}\n${q.sql.trim()}\n\n${await explainAnalyze(database.db, q)}\n`);
    }

    log(`timing proposed query rewrites (median of ${o.queryRuns} runs)…`);
    const experiments = await runExperiments(database.db, { organisationId: f.organisationId, periodId: f.openPeriodId, year }, o.queryRuns);

    log();
    log(table(results));
    log();
    if (distinctSlow.length) {
      log('slowest statements (median on the quiet server):');
      for (const q of distinctSlow.slice(0, 12)) log(`  ${lpad(ms(q.medianMs), 7)} ms  ${pad(q.target, 44)} ${shortSql(q.sql)}`);
    } else {
      log('no statement took 2 ms or more on its own');
    }

    log();
    log('proposed rewrites (see docs/PERFORMANCE.md), median: now | now without row-level security | rewritten');
    for (const e of experiments) {
      log(
        `  ${pad(e.name, 40)} ${lpad(ms(e.currentMedianMs), 7)} ms | ${lpad(ms(e.currentWithoutRowSecurityMs), 7)} ms | ${lpad(ms(e.proposedMedianMs), 7)} ms${e.sameAnswer ? '' : '  (ANSWERS DIFFER)'}`,
      );
    }

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const engine = database.engine === 'pglite' ? `PGlite ${engineVersion}` : `PostgreSQL ${engineVersion}`;
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))), serverRssMbAfterLoad: serverRssMb },
      engine,
      rowSecurity: database.rowSecurity,
      scale: o.scale,
      settings: { connections: o.connections, durationSeconds: o.durationSeconds, queryRuns: o.queryRuns, singleRuns: o.singleRuns, organisation: o.org, year },
      dataset: { syntheticOrganisations: o.organisations, assignmentsPerYear: o.assignmentsPerYear, rows: counts, totalRows },
      loadingSeconds: {
        migrations: migrateTime.ms / 1000,
        demo: demoTime.ms / 1000,
        synthetic: synthTime.ms / 1000,
        analyze: analyseTime.ms / 1000,
        total: loadingMs / 1000,
      },
      targets: results,
      slowestStatements: distinctSlow.slice(0, 12).map((q) => ({ target: q.target, medianMs: q.medianMs, p90Ms: q.p90Ms, sql: shortSql(q.sql, 400) })),
      proposedRewrites: experiments,
    };
    const tag = `${database.engine}-${o.scale}`;
    fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, `${tag}.json`), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, `${tag}-plans.txt`), plans.join('\n'));
    log();
    log(`results: bench/results/latest.json and bench/results/${tag}.json; plans of the slow statements: bench/results/${tag}-plans.txt`);
  } finally {
    await stop?.();
    await cleanup();
  }
}

await main();
