// Runs every module's access fixtures (manifest `accessFixtures`) against an app, as the demo's
// actors, and merges what they give: the authorization matrix and the OpenAPI agreement test use it.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { AccessFixtureContext, AccessFixtures, FixtureActor, FixturePayload } from '../core/access-fixtures';
import type { Db } from '../core/db/schema';
import type { ModuleManifest } from '../core/manifest';
import type { ActorClient } from './actor-client';

export interface GatheredFixtures extends Required<Omit<AccessFixtures, 'values' | 'history'>> {
  /** Every id the fixtures made or named (another organisation's admin must reach none of them). */
  malmoIds: string[];
  history: { type: string; id: string };
}

/** Runs each module's fixtures after the modules it names in `after`. */
export async function gatherFixtures(
  all: readonly ModuleManifest[],
  deps: { db: Db; org: { id: string; slug: string }; marker: string; clients: Record<FixtureActor, ActorClient> },
): Promise<GatheredFixtures> {
  const values = new Map<string, string | string[]>();
  const merged: Omit<GatheredFixtures, 'history'> & { history?: GatheredFixtures['history'] } = { ids: {}, queries: {}, payloads: {}, checkedLater: [], malmoIds: [] };
  const call: AccessFixtureContext['call'] = (actor, method, url, json) =>
    deps.clients[actor].send({ method, url: `${url}${url.includes('?') ? '&' : '?'}organisation=${deps.org.slug}`, ...(json !== undefined ? { json } : {}) });
  const ctx: AccessFixtureContext = {
    db: deps.db,
    org: deps.org,
    marker: deps.marker,
    call,
    async create(actor, url, json) {
      const res = await call(actor, 'POST', url, json);
      if (res.statusCode >= 300) expect.fail(`setting up ${url} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { id: string }).id;
    },
    value(name) {
      const v = values.get(name);
      if (typeof v !== 'string') throw new Error(`access fixtures: no value "${name}" (is the module that makes it named in "after"?)`);
      return v;
    },
  };
  const pending = all.filter((m) => m.accessFixtures);
  const done = new Set(all.filter((m) => !m.accessFixtures).map((m) => m.name));
  while (pending.length) {
    const i = pending.findIndex((m) => (m.accessFixtures!.after ?? []).every((name) => done.has(name)));
    if (i < 0) throw new Error(`access fixtures wait for each other or for a missing module: ${pending.map((m) => m.name).join(', ')}`);
    const m = pending.splice(i, 1)[0]!;
    const got = await m.accessFixtures!.setup(ctx);
    for (const [k, v] of Object.entries(got.values ?? {})) values.set(k, v);
    for (const [collection, ids] of Object.entries(got.ids ?? {})) {
      merged.ids[collection] = ids;
      merged.malmoIds.push(ids.unpublished);
    }
    for (const v of Object.values(got.values ?? {})) merged.malmoIds.push(...[v].flat());
    Object.assign(merged.queries, got.queries);
    Object.assign(merged.payloads, got.payloads);
    merged.checkedLater.push(...(got.checkedLater ?? []));
    merged.history ??= got.history;
    done.add(m.name);
  }
  if (!merged.history) throw new Error('no module offers a record whose history the matrix can read');
  merged.malmoIds = [...new Set(merged.malmoIds)];
  return merged as GatheredFixtures;
}

/**
 * What a write does, whether it comes from a form or the API: "goals.create", "goals.update",
 * "goals.publish", "focus-areas.order", "organisation.update" — the key of its fixture payload.
 */
export function operationOf(url: string): string {
  const path = url.replace(/^\/api\/v1\//, '').replace(/^\/o\/:org\/?/, '').replace(/^follow-up\//, '').replace(/^\//, '');
  const [collection = '', second, third] = path.split('/');
  if (collection === 'settings' || collection === 'organisations') return 'organisation.update';
  if (second === undefined) return `${collection}.create`;
  if (second === ':id') return `${collection}.${third ?? 'update'}`;
  return `${collection}.${second}`;
}

/** A fixture payload as a request body; without one, an empty create or a stale version. */
export function resolvePayload(payload: FixturePayload | undefined, op: string, args: { api: boolean; stale: number }): Record<string, unknown> {
  if (typeof payload === 'function') return payload({ ...args, unique: randomBytes(4).toString('hex') });
  return payload ?? (op.endsWith('.create') ? {} : { version: args.stale });
}
