// The OpenAPI document says what every write accepts; the commands decide what they accept. Both come
// from one schema per write, and this test holds them to it from the outside: for every documented
// request body it breaks one documented rule at a time (a required field left out, a text one
// character too long, a number below its minimum, a value outside its list) on an otherwise valid
// request, and the command must refuse exactly that field; the valid request itself must pass
// validation. A hand-written documentation schema that drifts from its command fails here.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import type { Database } from '../../src/core/db/database';
import { loadDemoIfEmpty } from '../../src/demo';
import { modules } from '../../src/modules';
import { createApp } from '../../src/server';
import { gatherFixtures, operationOf, resolvePayload, type GatheredFixtures } from '../../src/test/access-fixtures';
import { ActorClient } from '../../src/test/actor-client';
import { engines, testDatabase } from '../../src/test/db';
import { exampleModule } from '../module-contract/example-module';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  maxItems?: number;
  anyOf?: JsonSchema[];
}

interface Operation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** One documented rule broken on a valid body: the field the command must name, and the body. */
function violations(schema: JsonSchema, valid: Record<string, unknown>): { rule: string; field: string; body: Record<string, unknown> }[] {
  const out: { rule: string; field: string; body: Record<string, unknown> }[] = [];
  for (const field of schema.required ?? []) {
    const { [field]: _left, ...rest } = valid;
    out.push({ rule: `${field} is required`, field, body: rest });
  }
  for (const [field, p] of Object.entries(schema.properties ?? {})) {
    const types = [p.type ?? p.anyOf?.map((a) => a.type)].flat().filter(Boolean) as string[];
    if (p.maxLength !== undefined && p.maxLength < 200_000) out.push({ rule: `${field} has at most ${p.maxLength} characters`, field, body: { ...valid, [field]: 'å'.repeat(p.maxLength + 1) } });
    if (p.enum) out.push({ rule: `${field} is one of ${p.enum.join(', ')}`, field, body: { ...valid, [field]: 'inget-av-alternativen' } });
    if (p.minimum !== undefined && (types.includes('integer') || types.includes('number'))) out.push({ rule: `${field} ≥ ${p.minimum}`, field, body: { ...valid, [field]: p.minimum - 1 } });
    if (p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER && (types.includes('integer') || types.includes('number'))) out.push({ rule: `${field} ≤ ${p.maximum}`, field, body: { ...valid, [field]: p.maximum + 1 } });
    if (types.length === 1 && types[0] === 'string' && !p.enum) out.push({ rule: `${field} is a string`, field, body: { ...valid, [field]: { not: 'a string' } } });
  }
  return out;
}

describe('the OpenAPI document and the commands agree', () => {
  let database: Database;
  let app: FastifyInstance;
  let fx: GatheredFixtures;
  let admin: ActorClient;

  beforeAll(async () => {
    database = await testDatabase(engines[0]!);
    await loadDemoIfEmpty(database.db);
    app = await createApp(database, loadConfig({}), { modules: [...modules, exampleModule] });
    await app.ready();
    const db = database.db;
    const org = await db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', 'malmo').executeTakeFirstOrThrow();
    const user = (email: string) => db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow();
    admin = await ActorClient.signedIn(app, await user('admin@malmo.example'));
    const clients = { admin, strategist: await ActorClient.signedIn(app, await user('strateg@malmo.example')), reporterA: await ActorClient.signedIn(app, await user('rapportor@malmo.example')) };
    fx = await gatherFixtures(app.catalogue.modules, { db, org, marker: 'openapiprov', clients });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses exactly the field whose documented rule a request breaks, and lets the documented request through', async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const problems: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (!schema?.properties) continue;
        const pattern = path.replace(/\{(\w+)\}/g, ':$1');
        const valid = resolvePayload(fx.payloads[operationOf(pattern)], operationOf(pattern), { api: true, stale: 999_999 });
        const segments = pattern.split('/');
        const at = segments.indexOf(':id');
        const url = (at > 0 ? pattern.replace(':id', fx.ids[segments[at - 1]!]?.unpublished ?? '00000000-0000-4000-8000-000000000000') : pattern).replace(':slug', 'malmo');
        const send = (body: unknown) => admin.send({ method: method.toUpperCase() as 'POST', url: `${url}?organisation=malmo`, json: body });
        const base = await send(valid);
        // 409 (stale version) and 404 come after validation: the documented request passed it.
        if (base.statusCode === 400) problems.push(`${method.toUpperCase()} ${pattern}: the fixture body, valid by the document, was refused: ${base.body}`);
        for (const v of violations(schema, valid)) {
          checked++;
          const res = await send(v.body);
          const fieldErrors = res.statusCode === 400 ? ((res.json() as { fieldErrors?: Record<string, string> }).fieldErrors ?? {}) : {};
          if (res.statusCode !== 400 || !Object.keys(fieldErrors).some((f) => f === v.field || f.startsWith(`${v.field}.`))) {
            problems.push(`${method.toUpperCase()} ${pattern}: documented "${v.rule}", but breaking it gave ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 300_000);
});
