// Starts Riktning: opens the database, applies migrations, loads the demo into an empty database,
// listens, and runs background jobs.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './core/config';
import { openDatabase, type Database } from './core/db/database';
import { migrate } from './core/db/migrate';
import { buildApp } from './core/http/app';
import { JobRunner } from './core/jobs';
import type { ModuleManifest } from './core/manifest';
import { modules as allModules } from './modules';

/** The app with every module of src/modules/index.ts (or the ones given, as the module contract test does). */
export async function createApp(database: Database, config: Config = loadConfig(), options: { logger?: boolean; modules?: readonly ModuleManifest[] } = {}): Promise<FastifyInstance> {
  return buildApp({ config, database, modules: options.modules ?? allModules, logger: options.logger ?? false });
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function serve(config: Config = loadConfig(), hooks: { afterMigrate?: (database: Database) => Promise<void> } = {}): Promise<Running> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    database.enableRowSecurity();
    await hooks.afterMigrate?.(database);
    const app = await createApp(database, config, { logger: process.env.LOG_LEVEL !== 'silent' });
    // Before listening: jobs a killed process left running are resumed or failed before anyone asks about them.
    const runner = new JobRunner(database.db, {
      catalogue: app.catalogue,
      engine: database.engine,
      staleMs: config.jobStaleSeconds * 1000,
      log: (message, fields) => app.log.warn(fields ?? {}, message),
    });
    await runner.start();
    let address: string;
    try {
      address = await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      await runner.stop();
      await app.close();
      throw err;
    }
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        // Jobs first: a resumable one stops after its current step and is queued again for the next start.
        await runner.stop();
        await app.close();
        await database.close();
      })());
    return { app, database, url: address, stop };
  } catch (err) {
    await database.close();
    throw err;
  }
}
