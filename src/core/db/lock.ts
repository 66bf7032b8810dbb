// An exclusive lock file on the embedded database's directory: PGlite has no cross-process lock,
// and two processes writing one data directory would corrupt it.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The database in ${dir} is in use by another Riktning process (pid ${pid}). ` +
        `Stop that process first, or run against PostgreSQL with DATABASE_URL. ` +
        `/ Databasen i ${dir} används av en annan Riktning-process (pid ${pid}). ` +
        `Stoppa den först, eller kör mot PostgreSQL med DATABASE_URL.`,
    );
  }
}

export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'riktning.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // A long-lived process (the tests, a server restarted in-process) opens and closes many times.
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirInUseError(dir, pid);
      // A stale lock left by a process that died (e.g. SIGKILL): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
