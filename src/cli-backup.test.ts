import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from './core/config';
import { runCli as run, useInstallations, withDatabase, withServer } from './test/cli';
import { engines, postgresUrl } from './test/db';

// Each test opens several embedded databases in turn (~3-6 s each on a busy 2-core machine).
const SLOW = 180_000;

const organisationCount = (config: Config): Promise<number> => withDatabase(config, async ({ db }) => (await db.selectFrom('organisations').select('id').execute()).length);

describe.each(engines)('riktning backup and restore on %s', (engine) => {
  /** New, empty installations (a fresh DATA_DIR, or a fresh PostgreSQL database; not even migrated) and scratch directories. */
  const { fresh: freshConfig, dir: scratchDir } = useInstallations(engine, 'riktning-cli-backup-');

  /** The demo in a new installation, backed up to a file. */
  async function demoBackup(kind = engine): Promise<{ config: Config; file: string }> {
    const config = await freshConfig(kind);
    expect((await run(['demo'], config)).code).toBe(0);
    const file = path.join(scratchDir(), 'riktning.jsonl.gz');
    const res = await run(['backup', '--out', file], config);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(new RegExp(`^Backed up \\d+ tables \\(\\d+ rows\\) from ${kind} at \\d+ migrations to ${file.replace(/[.]/g, '\\.')}\\.\\n`));
    expect(res.out).toContain('keep it as safe as the database');
    return { config, file };
  }

  it('restores a backup into a new installation, reports every table checked, and the audit trail verifies', async () => {
    const { file } = await demoBackup();
    const target = await freshConfig();
    const res = await run(['restore', file], target);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Restored ${file} (taken `);
    expect(res.out).toMatch(/^ {2}table +rows {2}sha256$/m);
    expect(res.out).toMatch(/^ {2}organisations +1 {2}[0-9a-f]{16}… {2}ok$/m);
    expect(res.out).toMatch(/^ {2}audit_events +\d+ {2}[0-9a-f]{16}… {2}ok$/m);
    expect(res.out).toMatch(/Every table's row count and checksum match the backup \(\d+ tables\)\.$/);
    const verify = await run(['audit', 'verify'], target);
    expect(verify).toMatchObject({ code: 0, out: expect.stringMatching(/^[0-9a-f-]{36}: \d+ entries, intact$/) });

    const again = await run(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^The database is not empty \(organisations, .* hold rows\)\. A backup is restored only into a new, empty database/);
    expect(await organisationCount(target)).toBe(1);
  }, SLOW);

  it('answers wrong usage with exit code 2, and a missing or damaged file with 1, restoring nothing', async () => {
    const config = await freshConfig();
    expect(await run(['backup'], config)).toMatchObject({ code: 2, err: 'backup needs --out FILE.' });
    expect((await run(['backup', '--out'], config)).code).toBe(2);
    expect(await run(['restore'], config)).toMatchObject({ code: 2, err: 'restore needs one FILE: riktning restore FILE' });
    expect(await run(['restore', 'a.gz', 'b.gz'], config)).toMatchObject({ code: 2, err: 'restore needs one FILE: riktning restore FILE' });
    expect((await run(['restore', '--force', 'a.gz'], config)).code).toBe(2);
    const nowhere = path.join(scratchDir(), 'no-such-dir', 'b.jsonl.gz');
    const unwritable = await run(['backup', '--out', nowhere], config);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toBe(`Cannot write the backup to ${nowhere} (ENOENT).`);
    const missing = path.join(scratchDir(), 'missing.jsonl.gz');
    expect(await run(['restore', missing], config)).toMatchObject({ code: 1, err: `There is no backup file at ${missing}.` });

    const { file } = await demoBackup();
    const cut = path.join(scratchDir(), 'cut.jsonl.gz');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 200));
    const damaged = await run(['restore', cut], config);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toBe(`The backup file ${cut} is damaged or incomplete (unexpected end of file). Nothing was restored.`);
    expect(await organisationCount(config)).toBe(0);
  }, SLOW);

  it.runIf(engine === 'pglite')('refuses to back up or restore a data directory a running server holds', async () => {
    const { config, file } = await demoBackup();
    await withServer(config, async (running) => {
      const out = path.join(scratchDir(), 'while-running.jsonl.gz');
      const b = await run(['backup', '--out', out], config);
      expect(b.code).toBe(2);
      expect(b.err).toContain(`The database in ${config.dataDir} is in use by another Riktning process (pid ${process.pid})`);
      expect(fs.existsSync(out)).toBe(false);
      const r = await run(['restore', file], config);
      expect(r.code).toBe(2);
      expect(r.err).toContain('is in use by another Riktning process');
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    });
  }, SLOW);

  it.runIf(engine === 'postgres' && !!postgresUrl)('moves an embedded installation to PostgreSQL and back', async () => {
    const { file } = await demoBackup('pglite');
    const onPostgres = await freshConfig('postgres');
    const res = await run(['restore', file], onPostgres);
    expect(res.code).toBe(0);
    expect(res.out).toContain('from pglite');
    expect(res.out).toContain('into postgres:');
    const back = path.join(scratchDir(), 'from-postgres.jsonl.gz');
    expect((await run(['backup', '--out', back], onPostgres)).code).toBe(0);
    const embedded = await freshConfig('pglite');
    const again = await run(['restore', back], embedded);
    expect(again.code).toBe(0);
    expect(again.out).toContain('from postgres');
    expect((await run(['audit', 'verify'], embedded)).out).toMatch(/intact$/);
  }, SLOW);
});
