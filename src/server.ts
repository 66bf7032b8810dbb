// Starts Riktning: opens the database, applies migrations, loads the demo into an empty database, listens.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './core/config';
import { openDatabase, type Database } from './core/db/database';
import { migrate } from './core/db/migrate';
import { buildApp } from './core/http/app';
import { modules } from './modules';

export async function createApp(database: Database, config: Config = loadConfig(), logger = false): Promise<FastifyInstance> {
  return buildApp({ config, database, modules, logger });
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
    const app = await createApp(database, config, process.env.LOG_LEVEL !== 'silent');
    const address = await app.listen({ port: config.port, host: config.host });
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await app.close();
        await database.close();
      })());
    return { app, database, url: address, stop };
  } catch (err) {
    await database.close();
    throw err;
  }
}
