// The fixed cost of a request: on the small Malmö demo, each route's throughput as a share of the same
// server's /healthz, 20 connections, in one run (issue 8's first target). Loopback only.
//   npx tsx bench/demo-share.ts                      embedded database (PGlite)
//   TEST_DATABASE_URL=postgres://… npx tsx bench/demo-share.ts postgres
//   … bench/demo-share.ts pglite '/healthz,/o/malmo'  other routes ({a} is the first 2018 assignment)
// It starts autocannon as a child process, so the load generator never shares the server's event loop.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadConfig } from '../src/core/config';
import { loadDemoIfEmpty } from '../src/demo';
import { createApp } from '../src/server';
import { listen } from '../src/test/harness';
import type { Engine } from '../src/core/db/database';
import { testDatabase } from '../src/test/db';

const run = promisify(execFile);
const engine = (process.argv[2] ?? 'pglite') as Engine;
const routes = (process.argv[3] ?? '/healthz,/api/v1/assignments?organisation=malmo&year=2018,/api/v1/search?organisation=malmo&q=uppdrag,/o/malmo/assignments/{a},/o/malmo,/o/malmo/follow-up/public').split(',');
const seconds = Number(process.env.BENCH_DURATION ?? 5);

const database = await testDatabase(engine);
await loadDemoIfEmpty(database.db);
const app = await createApp(database, loadConfig({}));
app.log.level = 'silent';
const base = await listen(app);
const first = await database.db.selectFrom('assignments').select('id').where('reference', '=', 'Uppdrag 2018:1').executeTakeFirstOrThrow();

let healthz: number | undefined;
console.log(`${engine}, 20 connections × ${seconds} s per route`);
for (const route of routes.map((r) => r.replace('{a}', first.id))) {
  const { stdout } = await run('npx', ['autocannon', '-c', '20', '-d', String(seconds), '-j', base + route], { encoding: 'utf8', maxBuffer: 1e8 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p97_5: number }; non2xx: number; errors: number };
  healthz ??= route === '/healthz' ? r.requests.average : undefined;
  const share = healthz ? `${((100 * r.requests.average) / healthz).toFixed(1)} %` : '';
  console.log(`${route.padEnd(64)} ${r.requests.average.toFixed(0).padStart(6)} req/s ${share.padStart(8)}  p97.5 ${r.latency.p97_5} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
}
await app.close();
await database.close();
