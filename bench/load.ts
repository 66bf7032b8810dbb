// Runs autocannon against one URL in a child process, so the load generator never shares the
// server's event loop (it still shares the machine's cores, which the report says).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerSec: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const args = [AUTOCANNON, '-n', '-j', '-c', String(o.connections), '-d', String(o.durationSeconds)];
  for (const [k, v] of Object.entries(o.headers)) args.push('-H', `${k}: ${v}`);
  args.push(o.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.trim()}`));
      try {
        const j = JSON.parse(out) as AutocannonJson;
        resolve({
          requests: j.requests.total,
          reqPerSec: j.requests.average,
          latencyMs: { p50: j.latency.p50, p90: j.latency.p90, p97_5: j.latency.p97_5, p99: j.latency.p99, max: j.latency.max, mean: j.latency.average },
          non2xx: j.non2xx,
          errors: j.errors,
          timeouts: j.timeouts,
          bytesPerSec: j.throughput.average,
        });
      } catch (e) {
        reject(new Error(`autocannon gave no JSON: ${(e as Error).message}\n${out.slice(0, 500)}\n${err.slice(0, 500)}`));
      }
    });
  });
}
