// A migrated PGlite data directory that test databases start as copies of. Opening a copy takes
// about a second; an in-memory database takes 4-10 s on a busy 2-core machine to initialise and
// migrate, once for every test file. The template is built once and kept between runs, under a
// name that changes whenever the migrations, the database code or PGlite's version do.
import { ROOT } from '../core/paths';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../core/db/database';
import { migrate } from '../core/db/migrate';


/** RAM-backed where there is one: the copies are written to a lot and thrown away. */
export const SCRATCH = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
/** The prefix of a test database's directory; each holds a copy of the template in `pg`. */
export const COPY_PREFIX = 'riktning-test-db-';
const TEMPLATE_PREFIX = 'riktning-test-template-';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Changes with anything that shapes a migrated database: the migrations, src/core/db, PGlite's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(pglite.version);
  for (const file of [...filesUnder(path.join(ROOT, 'db/migrations')), ...filesUnder(path.join(ROOT, 'src/core/db'))].sort()) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;

/** The template's `pg` directory, built first if need be (processes building it at once: one wins). */
export function pgliteTemplate(): Promise<string> {
  return (template ??= (async () => {
    sweep();
    const dir = path.join(SCRATCH, `${TEMPLATE_PREFIX}${templateKey()}`);
    const ready = path.join(dir, 'ready');
    if (fs.existsSync(ready)) {
      // Marks it as in use, so a sweep elsewhere leaves it alone.
      fs.utimesSync(ready, new Date(), new Date());
      return path.join(dir, 'pg');
    }
    const building = fs.mkdtempSync(`${dir}.building-`);
    try {
      const database = await openDatabase({ dataDir: building });
      try {
        await migrate(database.db);
      } finally {
        await database.close();
      }
      fs.writeFileSync(path.join(building, 'ready'), '');
      try {
        fs.renameSync(building, dir);
      } catch {
        // Another process finished first: theirs is the same.
      }
    } finally {
      fs.rmSync(building, { recursive: true, force: true });
    }
    return path.join(dir, 'pg');
  })());
}

const MINUTE = 60_000;

/**
 * Removes what crashed test processes left (copies whose process is gone), half-built templates, and
 * templates nobody has used for a day (other migrations, other checkouts): in /dev/shm they hold RAM.
 */
function sweep(): void {
  const now = Date.now();
  for (const name of fs.readdirSync(SCRATCH)) {
    const dir = path.join(SCRATCH, name);
    try {
      const age = now - fs.statSync(dir).mtimeMs;
      let stale = false;
      if (name.startsWith(COPY_PREFIX)) {
        const pid = Number(fs.readFileSync(path.join(dir, 'riktning.lock'), { encoding: 'utf8', flag: 'r' }).trim() || NaN);
        stale = !isAlive(pid);
      } else if (name.startsWith(TEMPLATE_PREFIX)) {
        stale = name.includes('.building-') ? age > 10 * MINUTE : now - fs.statSync(path.join(dir, 'ready')).mtimeMs > 24 * 60 * MINUTE;
      } else continue;
      if (stale) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A copy without a lock yet is being set up (or is half gone): left alone unless it is old.
      if (name.startsWith(COPY_PREFIX) && now - safeMtime(dir) > 10 * MINUTE) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function safeMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
