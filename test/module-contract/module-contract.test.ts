// The module contract (docs/MODULES.md), proved with a module that exists only here: added to the
// list of modules and to nothing else, its page, API, role, navigation, messages, search, export,
// report section, widgets and history appear, and the core refuses a module that collides with another.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../src/core/catalogue';
import { loadConfig } from '../../src/core/config';
import { systemContext } from '../../src/core/context';
import type { Database } from '../../src/core/db/database';
import type { ModuleManifest } from '../../src/core/manifest';
import { loadDemoIfEmpty } from '../../src/demo';
import { modules } from '../../src/modules';
import { createApp } from '../../src/server';
import { ActorClient } from '../../src/test/actor-client';
import { engines, testDatabase } from '../../src/test/db';
import { xlsxRows } from '../../src/test/xlsx';
import { exampleModule } from './example-module';

describe.each(engines)('the module contract on %s', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let plain: FastifyInstance;
  let bodyId: string;
  const users = {} as Record<'admin' | 'reader', { id: string; organisation_id: string }>;

  beforeAll(async () => {
    database = await testDatabase(engine);
    await loadDemoIfEmpty(database.db);
    // Exactly what src/modules/index.ts would list with the module added.
    app = await createApp(database, loadConfig({}), { modules: [...modules, exampleModule] });
    plain = await createApp(database, loadConfig({}));
    const db = database.db;
    bodyId = (await db.selectFrom('bodies').select('id').where('name', '=', 'Servicenämnden').executeTakeFirstOrThrow()).id;
    users.admin = await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', 'admin@malmo.example').executeTakeFirstOrThrow();
    users.reader = await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', 'lasare@malmo.example').executeTakeFirstOrThrow();
  });

  afterAll(async () => {
    await app?.close();
    await plain?.close();
    await database?.close();
  });

  it('serves the module’s page with its menu item and texts in both languages, and nothing of it without the module', async () => {
    const anonymous = ActorClient.anonymous(app);
    const sv = await anonymous.send({ method: 'GET', url: '/o/malmo/example' });
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('<h1>Exempelmodul</h1>');
    expect(sv.body).toContain('Servicenämnden');
    expect(sv.body).toMatch(/<a[^>]+href="\/o\/malmo\/example"[^>]*>Exempel<\/a>/);
    const en = await anonymous.send({ method: 'GET', url: '/o/malmo/example?lang=en' });
    expect(en.body).toContain('<h1>Example module</h1>');

    const without = await ActorClient.anonymous(plain).send({ method: 'GET', url: '/o/malmo/example' });
    expect(without.statusCode).toBe(404);
    expect((await ActorClient.anonymous(plain).send({ method: 'GET', url: '/o/malmo/goals' })).body).not.toContain('/o/malmo/example');
  });

  it('offers the module’s role to admins, and a person holding it gets what the module grants', async () => {
    const admin = await ActorClient.signedIn(app, users.admin);
    const form = await admin.send({ method: 'GET', url: '/o/malmo/users/new' });
    expect(form.body).toContain('<option value="observer">observatör</option>');
    // Without the module the role does not exist, and an account cannot be given it.
    const refused = await (await ActorClient.signedIn(plain, users.admin)).send({ method: 'POST', url: '/api/v1/users?organisation=malmo', json: { email: `obs-${engine}-x@malmo.example`, name: 'Olle Observatör', role: 'observer' } });
    expect(refused.statusCode).toBe(400);

    const created = await admin.send({ method: 'POST', url: '/api/v1/users?organisation=malmo', json: { email: `obs-${engine}@malmo.example`, name: 'Olle Observatör', role: 'observer' } });
    expect(created.statusCode).toBe(201);
    const observer = await ActorClient.signedIn(app, { id: (created.json() as { id: string }).id, organisation_id: users.admin.organisation_id });
    // A member: the internal page opens, and the module's own rule lets the role take notes.
    expect((await observer.send({ method: 'GET', url: `/o/malmo/example/${bodyId}` })).statusCode).toBe(200);
    const note = await observer.send({ method: 'POST', url: `/api/v1/example/${bodyId}/notes?organisation=malmo`, json: { note: 'Observerat på plats' } });
    expect(note.statusCode).toBe(201);
    const reader = await ActorClient.signedIn(app, users.reader);
    expect((await reader.send({ method: 'POST', url: `/api/v1/example/${bodyId}/notes?organisation=malmo`, json: { note: 'Inte tillåtet' } })).statusCode).toBe(403);

    // The history names the field by its label, not its column, and the body by its name, not its id.
    const history = await admin.send({ method: 'GET', url: `/o/malmo/history/example_note/${bodyId}` });
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Anteckningar (exempel)');
    expect(history.body).toMatch(/<th scope="row">Anteckning<\/th>\s*<td>Observerat på plats<\/td>/);
    expect(history.body).toMatch(/<th scope="row">Organ<\/th>\s*<td>Servicenämnden<\/td>/);
  });

  it('finds the module through search, lists its export, and shows its widgets on the overview and the work page', async () => {
    const anonymous = ActorClient.anonymous(app);
    const hits = await anonymous.send({ method: 'GET', url: '/api/v1/search?organisation=malmo&q=exempelmodul' });
    expect((hits.json() as { items: { type: string; href: string }[] }).items).toContainEqual(expect.objectContaining({ type: 'example', href: '/o/malmo/example' }));

    const downloads = await anonymous.send({ method: 'GET', url: '/o/malmo/downloads' });
    expect(downloads.body).toContain('Exempelmodulens organ');
    expect(downloads.body).toContain('href="/o/malmo/example.csv"');
    expect(downloads.body).toContain('href="/o/malmo/example.xlsx"');
    const csv = await anonymous.send({ method: 'GET', url: '/o/malmo/example.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Servicenämnden');
    const xlsx = await anonymous.send({ method: 'GET', url: '/o/malmo/example.xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsxRows(xlsx.rawPayload).flat()).toContain('Servicenämnden');

    const overview = await anonymous.send({ method: 'GET', url: '/o/malmo' });
    expect(overview.body).toContain('Exempelmodulen');
    expect(overview.body).toContain('href="/o/malmo/example"');

    expect((await anonymous.send({ method: 'GET', url: '/o/malmo/work' })).statusCode).toBe(303);
    const work = await (await ActorClient.signedIn(app, users.reader)).send({ method: 'GET', url: '/o/malmo/work' });
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain('Exempel: att göra');
  });

  it('adds its panel to the body page of the organisations module, for the people it is meant for', async () => {
    const page = await (await ActorClient.signedIn(app, users.reader)).send({ method: 'GET', url: `/o/malmo/bodies/${bodyId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2 id="example-body-panel">Exempelmodulen om organet</h2>');
    expect(page.body).toContain('Servicenämnden är ett organ som exempelmodulen känner till.');
    // The module's own rule: the public is not shown it, and without the module nobody is.
    expect((await ActorClient.anonymous(app).send({ method: 'GET', url: `/o/malmo/bodies/${bodyId}` })).body).not.toContain('example-body-panel');
    expect((await (await ActorClient.signedIn(plain, users.reader)).send({ method: 'GET', url: `/o/malmo/bodies/${bodyId}` })).body).not.toContain('example-body-panel');
  });

  it('builds its report section as data, in the order the manifests give', async () => {
    const sections = app.catalogue.reportSections;
    expect(sections.map((s) => s.id)).toContain('example.bodies-by-kind');
    const org = await database.db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', 'malmo').executeTakeFirstOrThrow();
    const blocks = await sections.find((s) => s.id === 'example.bodies-by-kind')!.build(systemContext(database.db, app.catalogue, 'test'), { organisationId: org.id, orgSlug: org.slug, year: 2018 });
    expect(blocks[0]).toEqual({ kind: 'heading', level: 2, text: 'Organ per slag (exempel)' });
    const table = blocks[1];
    expect(table?.kind).toBe('table');
    if (table?.kind === 'table') expect(table.rows).toContainEqual(['committee', expect.any(Number)]);
  });
});

describe('the catalogue', () => {
  const clash = (overrides: Partial<ModuleManifest>): ModuleManifest => ({ name: 'clash', ...overrides });

  it('refuses two modules that claim one message key, menu path, role, route or search type', () => {
    expect(() => buildCatalogue([...modules, clash({ messages: { sv: { 'example.title': 'x', 'form.save': 'Spara!' }, en: {} } })])).toThrow(/form\.save.*core.*clash/);
    expect(() => buildCatalogue([...modules, exampleModule, clash({ nav: [{ path: 'example', labelKey: 'x', order: 1 }] })])).toThrow(/navigation path example.*example.*clash/);
    expect(() => buildCatalogue([...modules, clash({ roles: [{ name: 'admin', labelKey: 'x', descriptionKey: 'y' }] })])).toThrow(/role admin.*core.*clash/);
    expect(() => buildCatalogue([...modules, clash({ access: { 'GET /o/:org/goals': 'public' } })])).toThrow(/GET \/o\/:org\/goals is declared twice/);
    expect(() => buildCatalogue([...modules, exampleModule, clash({ search: [{ type: 'example', labelKey: 'example.nav', search: async () => ({ hits: [], total: 0 }) }] })])).toThrow(/search type example/);
    expect(() => buildCatalogue([...modules, exampleModule, clash({ name: 'example' })])).toThrow(/Two modules are named example/);
    const panel = { id: 'example-body-panel', on: 'goal', order: 1, render: async () => null };
    expect(() => buildCatalogue([...modules, exampleModule, clash({ panels: [panel] })])).toThrow(/record panel example-body-panel.*example.*clash/);
  });

  it('has every text in Swedish and in English', () => {
    const catalogue = buildCatalogue([...modules, exampleModule]);
    const sv = new Set(catalogue.messages.keys('sv'));
    const en = new Set(catalogue.messages.keys('en'));
    expect([...sv].filter((k) => !en.has(k)).map((k) => `${k} (${catalogue.messages.ownerOf(k)}) has no English text`)).toEqual([]);
    expect([...en].filter((k) => !sv.has(k)).map((k) => `${k} (${catalogue.messages.ownerOf(k, 'en')}) has no Swedish text`)).toEqual([]);
  });

  it('gives every role, menu item, history type and export a text', () => {
    const catalogue = buildCatalogue([...modules, exampleModule]);
    const t = catalogue.messages.translator('sv');
    const keys = [
      ...catalogue.roles.flatMap((r) => [r.labelKey, r.descriptionKey]),
      ...catalogue.nav.map((n) => n.labelKey),
      ...[...catalogue.history.values()].map((h) => h.labelKey),
      ...catalogue.exports.map((e) => e.labelKey),
      ...catalogue.reportSections.map((s) => s.titleKey),
    ];
    expect(keys.filter((k) => !t.has(k))).toEqual([]);
  });
});

describe('the work page', () => {
  it('is in the menu only once a module puts something on it', () => {
    expect(buildCatalogue(modules).nav.some((n) => n.path === 'work')).toBe(modules.some((m) => m.work?.length));
    expect(buildCatalogue([...modules, exampleModule]).nav.some((n) => n.path === 'work')).toBe(true);
  });
});
