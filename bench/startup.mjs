#!/usr/bin/env node
// Start-up benchmark (plain node, loopback only): how long `riktning serve` takes to answer its first
// request after a restart on an embedded database that already holds the Malmö demo, how much memory
// the server process holds then, and how long `riktning --help` takes.
//
//   node bench/startup.mjs [--runs 5] [--bin bin/riktning.js] [--data-dir DIR]
//
// Without --data-dir a temporary DATA_DIR is made and the demo loaded into it by a first, unmeasured
// start. Each measured run spawns `node BIN serve` with PORT and DATA_DIR, polls GET /healthz until it
// answers 200 (ready; also the CPU time the process used until then), then times one page (GET /o/malmo, the first render), reads VmRSS and VmHWM
// from /proc/<pid>/status, and stops the server with SIGTERM. Medians are printed at the end.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, bin: { type: 'string' }, 'data-dir': { type: 'string' } },
});
const runs = Number(values.runs);
const bin = path.resolve(values.bin ?? path.join(root, 'bin/riktning.js'));
const ownDir = !values['data-dir'];
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-startup-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CPU time (user + system, all threads) the process has used: less disturbed by a busy machine than wall time. */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** One start: spawn, poll /healthz, time the first page, read the memory, stop. */
async function start({ timeoutMs = 180_000 } = {}) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (gone) throw new Error(`the server exited before answering:\n${output}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`no answer within ${timeoutMs} ms:\n${output}`);
      const ok = await fetch(`${base}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await sleep(20);
    }
    const readyMs = performance.now() - t0;
    const readyCpuMs = cpuMs(child.pid);
    const p0 = performance.now();
    const page = await fetch(`${base}/o/malmo`);
    await page.text();
    const firstPageMs = performance.now() - p0;
    if (page.status !== 200) throw new Error(`GET /o/malmo answered ${page.status}`);
    const mem = memory(child.pid);
    return { readyMs, readyCpuMs, firstPageMs, ...mem };
  } finally {
    if (!gone) child.kill('SIGTERM');
    const { code, signal } = await exited;
    if (code !== 0 && signal !== 'SIGTERM') console.error(`(server exited with ${code ?? signal})`);
  }
}

function helpMs() {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`riktning --help exited ${r.status}:\n${r.stderr}`);
  return performance.now() - t0;
}

const fmt = (n) => n.toFixed(0).padStart(6);
try {
  console.log(`node ${process.version}, ${os.cpus().length} cores, ${bin}, DATA_DIR ${dataDir}`);
  if (!fs.existsSync(path.join(dataDir, 'pg'))) {
    process.stdout.write('loading the demo (first start, not measured)… ');
    const first = await start({ timeoutMs: 300_000 });
    console.log(`${first.readyMs.toFixed(0)} ms`);
  }
  helpMs(); // warm the file cache
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await start();
    const help = helpMs();
    results.push({ ...r, helpMs: help });
    console.log(`run ${i + 1}: ready ${fmt(r.readyMs)} ms (CPU ${fmt(r.readyCpuMs)} ms), first page ${fmt(r.firstPageMs)} ms, RSS ${fmt(r.rssMb)} MB (peak ${fmt(r.peakMb)} MB), --help ${fmt(help)} ms`);
  }
  const m = (k) => median(results.map((r) => r[k]));
  console.log(
    `median of ${runs}: ready ${m('readyMs').toFixed(0)} ms (CPU ${m('readyCpuMs').toFixed(0)} ms), first page ${m('firstPageMs').toFixed(0)} ms, ` +
      `RSS ${m('rssMb').toFixed(0)} MB (peak ${m('peakMb').toFixed(0)} MB), --help ${m('helpMs').toFixed(0)} ms`,
  );
} finally {
  if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
