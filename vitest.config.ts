import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * How many test files run at once: TEST_WORKERS, or by default one per core (at least two).
 *
 * Memory is not the limit (a PGlite database is ~300 MB, a Chromium a few hundred more), and some
 * files wait on PostgreSQL, Chromium or child processes rather than compute, so more workers than
 * cores looked worth trying. Measured on the 2-core machine (shared, so each count ran twice,
 * interleaved), more workers were never faster: PGlite runs in the worker's own process and keeps a
 * core busy, and the waiting files are few.
 *   test/hostile + src/modules/organisations, PGlite:        2 → 67–72 s, 3 → 71–77 s, 4 → 72–76 s
 *   cli, jobs, two a11y, organisations, hostile search:     2 → 58–59 s, 3 → 66–73 s, 4 → 64–68 s
 *   organisations, jobs, hostile search+goals, both engines: 2 → 34–37 s, 3 → 36–37 s
 */
function workerCount(): number {
  const set = process.env.TEST_WORKERS;
  if (set === undefined || set === '') return Math.max(2, os.availableParallelism());
  const n = Number(set);
  if (!Number.isInteger(n) || n < 1) throw new Error(`TEST_WORKERS must be a whole number of at least 1, not "${set}"`);
  return n;
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: workerCount(),
    // A ceiling against hangs on a busy 2-core CI machine, not a speed check (speed is measured by `npm run bench`).
    testTimeout: 180_000,
    hookTimeout: 120_000,
    setupFiles: ['src/test/setup.ts'],
  },
});
