// Reads the process environment once into a typed configuration.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where the embedded database lives when DATABASE_URL is not set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Set cookies with the Secure flag; on by default in production. */
  secureCookies: boolean;
  /** Secret for signed cookies; generated and stored in the data dir when not given. */
  cookieSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  /**
   * Seconds without a heartbeat after which a running background job counts as abandoned by a
   * server that died, and is resumed or failed (PostgreSQL; on PGlite that is known at start-up).
   */
  jobStaleSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : env.NODE_ENV === 'production',
    cookieSecret: env.COOKIE_SECRET || undefined,
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 120),
    sessionMaxHours: Number(env.SESSION_MAX_HOURS ?? 12),
    trustProxy: env.TRUST_PROXY === 'true',
    jobStaleSeconds: Number(env.JOB_STALE_SECONDS ?? 30),
  };
}
