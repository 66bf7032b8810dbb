// Prints a benchmark result file as the Markdown tables docs/PERFORMANCE.md quotes:
//   npx tsx bench/to-markdown.ts bench/results/pglite-full.json
import fs from 'node:fs';

interface Report {
  engine: string;
  rowSecurity?: boolean;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  settings: { connections: number; durationSeconds: number };
  dataset: { rows: Record<string, number>; totalRows: number };
  loadingSeconds: Record<string, number>;
  targets: {
    name: string;
    signedIn: boolean;
    status: number;
    bytes: number;
    aloneMs?: { p50: number; p90: number };
    load?: { reqPerSec: number; latencyMs: { p50: number; p97_5: number; p99: number }; non2xx: number; errors: number; timeouts: number };
    queries?: { count: number; sumMedianMs: number };
    skipped?: string;
  }[];
  proposedRewrites?: { name: string; currentMedianMs: number; currentWithoutRowSecurityMs?: number; proposedMedianMs: number; sameAnswer: boolean }[];
}

/** Milliseconds with as many decimals as are meaningful: 2.35, 23.5, 235. */
const n = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0));

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/to-markdown.ts <result.json>');
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
const out: string[] = [];
out.push(`${r.engine}${r.rowSecurity === undefined ? '' : `, row-level security ${r.rowSecurity ? 'on' : 'off'}`}; ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC; load average ${r.machine.loadAverageAtStart.join(' / ')} at start, ${r.machine.loadAverageAtEnd.join(' / ')} at end; ${r.settings.connections} connections × ${r.settings.durationSeconds} s per target.`);
out.push('');
out.push('| route | who | alone p50 ms | req/s | p50 ms | p97.5 ms | p99 ms | non-2xx / errors | SQL statements | SQL ms (sum of medians) |');
out.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const t of r.targets) {
  if (!t.load) {
    out.push(`| ${t.name} | ${t.signedIn ? 'strategist' : 'anonymous'} | – | ${t.skipped ?? '–'} | | | | | | |`);
    continue;
  }
  out.push(
    `| ${t.name} | ${t.signedIn ? 'strategist' : 'anonymous'} | ${n(t.aloneMs?.p50)} | ${t.load.reqPerSec.toFixed(0)} | ${n(t.load.latencyMs.p50)} | ${n(t.load.latencyMs.p97_5)} | ${n(t.load.latencyMs.p99)} | ${t.load.non2xx} / ${t.load.errors + t.load.timeouts} | ${t.queries?.count ?? '–'} | ${n(t.queries?.sumMedianMs)} |`,
  );
}
if (r.proposedRewrites?.length) {
  out.push('');
  out.push('| statement | now ms | now, without row-level security ms | rewritten ms | same answer |');
  out.push('|---|--:|--:|--:|---|');
  for (const e of r.proposedRewrites) out.push(`| ${e.name} | ${n(e.currentMedianMs)} | ${n(e.currentWithoutRowSecurityMs)} | ${n(e.proposedMedianMs)} | ${e.sameAnswer ? 'yes' : 'NO'} |`);
}
out.push('');
out.push('| table | rows |');
out.push('|---|--:|');
for (const [table, count] of Object.entries(r.dataset.rows)) out.push(`| ${table} | ${count.toLocaleString('sv-SE')} |`);
out.push(`| **total** | **${r.dataset.totalRows.toLocaleString('sv-SE')}** |`);
out.push('');
out.push(`Loading: ${Object.entries(r.loadingSeconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}.`);
process.stdout.write(`${out.join('\n')}\n`);
