#!/usr/bin/env node
// The `riktning` command. Runs the bundle in dist/ (scripts/build.mjs) with plain node, stack traces
// mapped back to the TypeScript sources. In a source checkout the bundle is first rebuilt when it is
// missing or older than the sources, so `npm start` on a fresh clone builds and then serves.
// During development `npm run dev` runs the sources through tsx instead (scripts/dev.mjs).
import fs from 'node:fs';

process.setSourceMapsEnabled(true);
if (fs.existsSync(new URL('../src/cli.ts', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  try {
    await ensureBuilt();
  } catch (err) {
    // esbuild has already printed what it could not compile.
    console.error(Array.isArray(err?.errors) ? 'riktning: building dist/ failed (see above).' : `riktning: ${err?.message ?? err}`);
    process.exit(1);
  }
}
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
