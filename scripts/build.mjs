#!/usr/bin/env node
// Bundles the command line and the server (entry src/cli.ts) into dist/ with esbuild: ESM for Node 20,
// JSX through hono/jsx, npm packages left as imports (resolved from node_modules at run time), code
// that only some commands need split into chunks, and source maps. Plain JavaScript, so building needs
// no TypeScript runner. See docs/decisions/0010-production-build-with-esbuild.md.
//
//   node scripts/build.mjs             build now (npm run build)
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than its inputs
//
// bin/riktning.js calls ensureBuilt() before every run in a source checkout, so `npm start` and every
// `riktning` command run a bundle that matches the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');

/**
 * What the bundle is made from. Test files are never bundled; db/, reference/ and public/ are read at
 * run time from the project root (src/core/paths.ts), so they are not inputs either.
 */
const INPUT_DIRS = ['src'];
const INPUT_FILES = ['package.json', 'tsconfig.json', 'scripts/build.mjs'];
const isTestFile = (name) => /\.test\.tsx?$/.test(name);

/** Why dist/ must be rebuilt (the first newer input found), or undefined when it is up to date. */
export function staleReason() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
    fs.accessSync(path.join(DIST, 'cli.js'));
  } catch {
    return 'there is no build yet';
  }
  const newer = (file, stat) => (stat.mtimeMs > built ? `${path.relative(ROOT, file)} changed` : undefined);
  for (const file of INPUT_FILES) {
    const full = path.join(ROOT, file);
    const reason = newer(full, fs.statSync(full));
    if (reason) return reason;
  }
  // Directories count too: a file added, removed or renamed changes its directory's time.
  const walk = (dir) => {
    const reason = newer(dir, fs.statSync(dir));
    if (reason) return reason;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const found = entry.isDirectory() ? walk(full) : isTestFile(entry.name) ? undefined : newer(full, fs.statSync(full));
      if (found) return found;
    }
    return undefined;
  };
  for (const dir of INPUT_DIRS) {
    const reason = walk(path.join(ROOT, dir));
    if (reason) return reason;
  }
  return undefined;
}

/**
 * Builds dist/. Safe to run from several processes at once: esbuild's output is deterministic, chunk
 * names carry a content hash, and each file is written to a temporary name and renamed into place,
 * chunks first, then dist/cli.js, then the stamp.
 */
export async function build({ quiet = false } = {}) {
  const started = new Date();
  const t0 = performance.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: DIST,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    sourcesContent: false,
    keepNames: true, // class names appear in logs (pino's err.type)
    write: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.join(DIST, 'chunks'), { recursive: true });
  const entry = path.join(DIST, 'cli.js');
  const files = [...result.outputFiles].sort((a, b) => (a.path === entry) - (b.path === entry));
  const put = (file, contents) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, contents);
    fs.renameSync(tmp, file);
  };
  for (const f of files) put(f.path, f.contents);
  // Chunks of earlier builds go; the stamp is dated when this build started, so a source saved while
  // it ran makes the next start build again.
  const keep = new Set(files.map((f) => f.path));
  for (const name of fs.readdirSync(path.join(DIST, 'chunks'))) {
    const full = path.join(DIST, 'chunks', name);
    if (!keep.has(full) && !name.endsWith('.tmp')) fs.rmSync(full, { force: true });
  }
  put(STAMP, `${started.toISOString()} esbuild ${esbuild.version}\n`);
  fs.utimesSync(STAMP, started, started);
  if (!quiet) console.error(`Built dist/ (${files.length} files) in ${(performance.now() - t0).toFixed(0)} ms.`);
}

/**
 * Builds when dist/ is missing or stale; says why on stderr. Where esbuild is not installed (`npm ci
 * --omit=dev` beside a shipped dist/) an existing build is used as it is.
 */
export async function ensureBuilt() {
  const reason = staleReason();
  if (!reason) return false;
  const esbuildThere = await import('esbuild').then(() => true, () => false);
  if (!esbuildThere && fs.existsSync(path.join(DIST, 'cli.js'))) {
    console.error(`dist/ may be stale (${reason}), but esbuild is not installed to rebuild it (npm ci installs it); running dist/ as it is.`);
    return false;
  }
  if (!esbuildThere) throw new Error('There is no build in dist/ and esbuild is not installed to make one: run `npm ci`, then `npm run build`.');
  console.error(`Building dist/ because ${reason}…`);
  await build();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureBuilt();
  else await build();
}
