// What most suites set up by hand, in one call: the app on a fresh test database, an organisation to
// work in (and a neighbour whose admin must be refused), and clients signed in per role; one call
// closes it all again. `useFixture` ties such a set-up to a describe block's beforeAll and afterAll.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../core/config';
import type { Database, Engine } from '../core/db/database';
import type { Db } from '../core/db/schema';
import type { ModuleManifest } from '../core/manifest';
import { createApp } from '../server';
import { TestClient } from './client';
import { testDatabase } from './db';
import { buildOrg, buildUser, TEST_PASSWORD, type OrgFixture } from './factories';

/**
 * Starts a fixture before the describe block's tests and closes it after them. The fixture is
 * returned at once, so tests and helpers declared beside it can use it; reading it before the
 * beforeAll has run (at collection time) throws, as it is not there yet.
 */
export function useFixture<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (!current) throw new Error(`the fixture is not set up here (reading ${String(key)}): use it inside a test or hook`);
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

export type TestRole = 'admin' | 'strategist' | 'reporter' | 'reader';

export interface TestUser {
  id: string;
  email: string;
  role: string;
  organisation_id: string;
}

export interface TestApp {
  database: Database;
  db: Db;
  app: FastifyInstance;
  /** The app's address over real HTTP, when started with `listen` (a browser needs one); '' otherwise. */
  base: string;
  /** A client without a session. */
  anonymous(): TestClient;
  /** A new user of `role` in the organisation, and a client signed in as them through the sign-in form. */
  signIn(organisationId: string, role: TestRole, user?: { name?: string; email?: string; bodyIds?: string[] }): Promise<{ user: TestUser; client: TestClient }>;
  close(): Promise<void>;
}

/** The whole application (or only `modules`) on a fresh, migrated test database of `engine`. */
export async function startApp(engine: Engine, options: { modules?: readonly ModuleManifest[]; listen?: boolean } = {}): Promise<TestApp> {
  const database = await testDatabase(engine);
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await database.close();
  };
  try {
    app = await createApp(database, loadConfig({}), options.modules ? { modules: options.modules } : {});
    const base = options.listen ? await listen(app) : '';
    const ready = app;
    return {
      database,
      db: database.db,
      app: ready,
      base,
      anonymous: () => new TestClient(ready),
      async signIn(organisationId, role, user = {}) {
        const row = await buildUser(database.db, { organisationId, role, ...user });
        const client = new TestClient(ready);
        await client.signIn(row.email, TEST_PASSWORD);
        return { user: row, client };
      },
      close,
    };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

/** Serves the app on a free port of 127.0.0.1 and returns its address. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A signed-in client by role; `otherAdmin` is the admin of the neighbouring organisation. */
export type OrgClient = TestRole | 'otherAdmin';

export type OrganisationApp<R extends OrgClient> = TestApp & {
  /** The organisation under test: slug 'testkommun', name 'Testkommun'. */
  org: OrgFixture;
  /** Its neighbour, 'grannkommun': its admin must be refused everything in testkommun. */
  other: OrgFixture;
  users: Record<R, TestUser>;
} & Record<R, TestClient>;

/**
 * The app with the organisation 'testkommun' to work in and 'grannkommun' beside it, and a client
 * signed in for each of `roles` (as `app.strategist`, `app.otherAdmin` …), each a new user; `names`
 * gives some of them a name of their own.
 */
export async function organisationApp<const R extends OrgClient>(engine: Engine, roles: readonly R[], names: Partial<Record<R, string>> = {}): Promise<OrganisationApp<R>> {
  const t = await startApp(engine);
  try {
    const org = await buildOrg(t.db, { slug: 'testkommun', name: 'Testkommun' });
    const other = await buildOrg(t.db, { slug: 'grannkommun', name: 'Grannkommun' });
    const users = {} as Record<R, TestUser>;
    const clients = {} as Record<R, TestClient>;
    for (const role of roles) {
      const name = names[role];
      const signedIn = await t.signIn(role === 'otherAdmin' ? other.id : org.id, role === 'otherAdmin' ? 'admin' : role, name ? { name } : {});
      users[role] = signedIn.user;
      clients[role] = signedIn.client;
    }
    return { ...t, ...clients, org, other, users };
  } catch (err) {
    await t.close().catch(() => {});
    throw err;
  }
}
