// The `riktning` command in tests: run in-process with what it prints collected, on new, empty
// installations (a data directory, or a PostgreSQL database) that are removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import { main } from '../cli';
import { loadConfig, type Config } from '../core/config';
import { openDatabase, type Database, type Engine } from '../core/db/database';
import { serve, type Running } from '../server';
import { scratchPostgresDatabase } from './db';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process and collects what it printed. */
export async function runCli(argv: string[], config: Config): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  try {
    const code = await main(argv, config);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Opens the installation's database for `fn`, as the CLI would, and closes it again. */
export async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs `fn` while a server runs on the installation, and stops the server after it, whatever happens. */
export async function withServer<T>(config: Config, fn: (running: Running) => Promise<T>): Promise<T> {
  const running = await serve(config);
  try {
    return await fn(running);
  } finally {
    await running.stop();
  }
}

export interface Installations {
  /** A new, empty installation (not even migrated): a fresh DATA_DIR, and on PostgreSQL a fresh database. */
  fresh(engine?: Engine): Promise<Config>;
  /** A new, empty directory. */
  dir(): string;
}

/** New installations for the tests of a describe block, each removed again after its test. */
export function useInstallations(engine: Engine, prefix = 'riktning-cli-'): Installations {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const dir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    cleanups.push(async () => fs.rmSync(d, { recursive: true, force: true }));
    return d;
  };
  return {
    dir,
    async fresh(kind = engine) {
      const dataDir = dir();
      if (kind === 'pglite') return loadConfig({ DATA_DIR: dataDir, PORT: '0' });
      const scratch = await scratchPostgresDatabase();
      cleanups.push(() => scratch.drop());
      return loadConfig({ DATA_DIR: dataDir, DATABASE_URL: scratch.url, PORT: '0' });
    },
  };
}
