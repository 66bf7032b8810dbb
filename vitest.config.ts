import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // PGlite instances are ~300 MB each; two workers fit the 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    // A ceiling against hangs on a busy 2-core CI machine, not a speed check (speed is measured by `npm run bench`).
    testTimeout: 180_000,
    hookTimeout: 120_000,
    setupFiles: ['src/test/setup.ts'],
  },
});
