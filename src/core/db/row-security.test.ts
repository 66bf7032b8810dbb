// The second wall between organisations: PostgreSQL row-level security catches a query that forgot
// its `where organisation_id = …`.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildApp } from '../http/app';
import type { ModuleManifest } from '../manifest';
import { routeOrg } from '../http/routes';
import { modules } from '../../modules';
import { engines, testDatabase } from '../../test/db';
import { buildBody, buildOrg, type OrgFixture } from '../../test/factories';
import type { Database } from './database';
import { ALL_ORGANISATIONS, withTenant } from './tenant';

describe.each(engines)('row-level security on %s', (engine) => {
  let database: Database;
  let a: OrgFixture;
  let b: OrgFixture;
  let app: FastifyInstance;

  // A route with the bug the policies exist for: it names an organisation but lists bodies without
  // filtering by it. Registered only in this test.
  const buggy: ModuleManifest = {
    name: 'buggy',
    access: { 'GET /o/:org/buggy-bodies': 'public' },
    routes(scope) {
      scope.get('/o/:org/buggy-bodies', async (req) => {
        await routeOrg(req);
        return req.ctx.db.selectFrom('bodies').select(['name', 'organisation_id']).execute();
      });
    },
  };

  beforeAll(async () => {
    database = await testDatabase(engine);
    a = await buildOrg(database.db, { slug: 'kommun-a' });
    b = await buildOrg(database.db, { slug: 'kommun-b' });
    await buildBody(database.db, { organisationId: a.id, name: 'Nämnd i A' });
    await buildBody(database.db, { organisationId: b.id, name: 'Nämnd i B' });
    app = await buildApp({ config: loadConfig({}), database, modules: [...modules, buggy] });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('runs the application as a role that is subject to the policies', async () => {
    const who = await sql<{ current_user: string }>`select current_user`.execute(database.db);
    expect(who.rows[0]!.current_user).toBe('riktning_app');
    expect(database.rowSecurity).toBe(true);
  });

  it('shows a query without an organisation filter only the organisation in scope', async () => {
    const names = await withTenant(a.id, () => database.db.selectFrom('bodies').select('name').execute());
    expect(names.map((r) => r.name)).toEqual(['Nämnd i A']);
    const all = await withTenant(ALL_ORGANISATIONS, () => database.db.selectFrom('bodies').select('name').orderBy('name').execute());
    expect(all.map((r) => r.name)).toEqual(['Nämnd i A', 'Nämnd i B']);
  });

  it('catches a route that forgot to filter: the other organisation’s rows stay hidden', async () => {
    const res = await app.inject({ url: '/o/kommun-a/buggy-bodies' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ name: 'Nämnd i A', organisation_id: a.id }]);
  });

  it('refuses a write into another organisation from a request scoped to one, and writes nothing', async () => {
    const before = await withTenant(ALL_ORGANISATIONS, () => database.db.selectFrom('bodies').select('id').execute());
    await expect(withTenant(a.id, () => database.db.insertInto('bodies').values({ organisation_id: b.id, name: 'Smuggel', kind: 'committee', parent_id: null, archived_at: null }).execute())).rejects.toThrow(/row-level security/);
    const after = await withTenant(ALL_ORGANISATIONS, () => database.db.selectFrom('bodies').select('id').execute());
    expect(after.length).toBe(before.length);
  });

  it('cannot delete records or edit the audit trail as the application role', async () => {
    await expect(database.db.deleteFrom('bodies').where('organisation_id', '=', a.id).execute()).rejects.toThrow(/permission denied/);
    await expect(sql`update audit_events set actor_label = 'x'`.execute(database.db)).rejects.toThrow(/permission denied/);
  });

  it('keeps a connection’s scope from leaking into the next request', async () => {
    await withTenant(b.id, () => database.db.selectFrom('bodies').select('id').execute());
    const res = await app.inject({ url: '/o/kommun-a/buggy-bodies' });
    expect(res.json().map((r: { name: string }) => r.name)).toEqual(['Nämnd i A']);
  });
});
