// A module that exists only in the test suite, to prove the module contract (docs/MODULES.md): it
// declares a page, an API route, a role, navigation, messages, a search source, an export, a report
// section, widgets, a history type and a panel on another module's page, and core and the authorization matrix pick all of it up
// without naming it. It keeps no table: it reads bodies through the organisations module's public
// surface and writes only audit events ("a note was taken"), as any module's command would.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../src/core/audit';
import { isMember, isStaff, type Ctx } from '../../src/core/context';
import { AppError, invalid, notFound, ok, type CommandResult } from '../../src/core/errors';
import { exportRoutes, sendTable } from '../../src/core/export';
import { Empty, PageHeader, Section } from '../../src/core/html/components';
import { Layout } from '../../src/core/html/layout';
import { redirectWith, sendHtml, view } from '../../src/core/html/view';
import { apiRoute } from '../../src/core/http/api';
import { field, ref } from '../../src/core/history-fields';
import { apiOrganisation } from '../../src/core/http/core-routes';
import { idParams, organisationQuery, routeOrg, routeOrgAndId } from '../../src/core/http/routes';
import type { ModuleManifest } from '../../src/core/manifest';
import { authorize } from '../../src/core/policy';
import { formInput, parseInput, text } from '../../src/core/validation';
import { findBody, listBodies } from '../../src/modules/organisations';

/** The one write: a note about a body, recorded in the audit trail. */
export const noteInput = z.object({ note: text(200) });

async function takeNote(ctx: Ctx, organisationId: string, bodyId: string, input: unknown): Promise<CommandResult<{ bodyId: string; note: string }>> {
  authorize(ctx.actor, isStaff(ctx.actor, organisationId) || (ctx.actor.kind === 'user' && ctx.actor.organisationId === organisationId && ctx.actor.role === 'observer'));
  const parsed = parseInput(noteInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const body = await findBody(trx, organisationId, bodyId);
    if (!body) return invalid({ _form: ctx.t('error.not_found') });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'example_note', entityId: bodyId, after: { note: parsed.data.note, bodyId } });
    return ok({ bodyId, note: parsed.data.note });
  });
}

function routes(app: FastifyInstance): void {
  const db = app.database.db;
  app.get('/o/:org/example', async (req, reply) => {
    const org = await routeOrg(req);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <Layout v={v} title={v.t('example.title')}>
        <PageHeader title={v.t('example.title')} lead={v.t('example.lead')} />
        {bodies.length ? (
          <ul>
            {bodies.map((b) => (
              <li>{b.name}</li>
            ))}
          </ul>
        ) : (
          <Empty>{v.t('list.empty')}</Empty>
        )}
      </Layout>,
    );
  });
  exportRoutes(app, 'example', async (req, reply, format) => {
    const org = await routeOrg(req);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    return sendTable(reply, format, `${org.slug}-example`, [{ header: req.ctx.t('example.body'), value: (b) => b.name }], bodies, { sheetName: req.ctx.t('example.export') });
  });
  app.get('/o/:org/example/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    if (!isMember(req.actor, org.id)) throw new AppError(req.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
    const body = await findBody(db, org.id, id);
    if (!body) throw notFound();
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <Layout v={v} title={body.name}>
        <PageHeader title={body.name} lead={v.t('example.lead')} />
      </Layout>,
    );
  });
  app.post('/o/:org/example/:id/notes', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const result = await takeNote(req.ctx, org.id, id, formInput(noteInput, req.body));
    if (!result.ok) return reply.status(400).send(result.fieldErrors);
    return redirectWith(reply, `/o/${org.slug}/example/${id}`, 'example.noted');
  });
  apiRoute(
    app,
    { method: 'POST', url: '/api/v1/example/:id/notes', operationId: 'takeExampleNote', summary: 'Take a note about a body (example module of the test suite)', tags: ['example'], access: 'signed-in', params: idParams, query: organisationQuery, body: noteInput, response: z.object({ bodyId: z.uuid(), note: z.string() }), status: 201 },
    async (req, { params, query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await takeNote(req.ctx, org.id, params.id, body);
      if (!result.ok) return reply.status(400).send({ error: 'validation', message: req.ctx.t('error.validation'), fieldErrors: result.fieldErrors });
      return result.value;
    },
  );
}

export const exampleModule: ModuleManifest = {
  name: 'example',
  messages: {
    sv: {
      'example.title': 'Exempelmodul',
      'example.lead': 'En modul som bara finns i testerna.',
      'example.body': 'Organ',
      'example.noted': 'Anteckningen är sparad.',
      'example.nav': 'Exempel',
      'example.export': 'Exempelmodulens organ',
      'example.section': 'Organ per slag (exempel)',
      'example.widget': 'Exempelmodulen',
      'example.work': 'Exempel: att göra',
      'example.note': 'Anteckning',
      'example.history': 'Anteckningar (exempel)',
      'example.panel': 'Exempelmodulen om organet',
      'example.panel_text': '{name} är ett organ som exempelmodulen känner till.',
      'role.observer': 'observatör',
      'role.observer.description': 'Läser allt i organisationen och får anteckna i exempelmodulen.',
    },
    en: {
      'example.title': 'Example module',
      'example.lead': 'A module that exists only in the tests.',
      'example.body': 'Body',
      'example.noted': 'The note is saved.',
      'example.nav': 'Example',
      'example.export': "The example module's bodies",
      'example.section': 'Bodies by kind (example)',
      'example.widget': 'The example module',
      'example.work': 'Example: to do',
      'example.note': 'Note',
      'example.history': 'Notes (example)',
      'example.panel': 'The example module on this body',
      'example.panel_text': '{name} is a body the example module knows.',
      'role.observer': 'observer',
      'role.observer.description': 'Reads everything in the organisation and may take notes in the example module.',
    },
  },
  routes,
  access: {
    'GET /o/:org/example': 'public',
    'GET /o/:org/example.csv': 'public',
    'GET /o/:org/example.xlsx': 'public',
    'GET /o/:org/example/:id': 'member',
    'POST /o/:org/example/:id/notes': 'staff',
    'POST /api/v1/example/:id/notes': 'staff',
  },
  accessFixtures: {
    after: ['organisations'],
    async setup({ value }) {
      return { ids: { example: { unpublished: value('body.a') } }, payloads: { 'example.notes': { note: 'En anteckning från behörighetstestet' } } };
    },
  },
  roles: [{ name: 'observer', labelKey: 'role.observer', descriptionKey: 'role.observer.description' }],
  nav: [{ path: 'example', labelKey: 'example.nav', order: 90 }],
  search: [
    {
      type: 'example',
      labelKey: 'example.nav',
      async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
        // Not a full-text query: the example answers a search for "exempelmodul" with its own page.
        if (!tsquery.startsWith('exempelmodul')) return { hits: [], total: 0 };
        void organisationId;
        const hit = { type: 'example', id: 'example', title: ctx.t('example.title'), excerpt: ctx.t('example.lead'), href: `/o/${orgSlug}/example`, rank: 1 };
        return { hits: limit > 0 ? [hit] : [], total: 1 };
      },
    },
  ],
  exports: [{ id: 'example.bodies', labelKey: 'example.export', path: 'example', formats: ['csv', 'xlsx'] }],
  reportSections: [
    {
      id: 'example.bodies-by-kind',
      titleKey: 'example.section',
      order: 900,
      async build(ctx, scope) {
        const bodies = await listBodies(ctx.db, scope.organisationId, { locale: ctx.locale });
        const counts = new Map<string, number>();
        for (const b of bodies) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
        return [
          { kind: 'heading', level: 2, text: ctx.t('example.section') },
          { kind: 'table', caption: ctx.t('example.section'), columns: [ctx.t('example.body'), '#'], rows: [...counts].map(([kind, n]) => [kind, n]), numeric: [false, true] },
        ];
      },
    },
  ],
  overview: [
    {
      id: 'example.overview',
      order: 900,
      async render(ctx, org) {
        const bodies = await listBodies(ctx.db, org.id);
        return { title: ctx.t('example.widget'), items: [{ label: ctx.t('example.body'), value: bodies.length, href: `/o/${org.slug}/example` }] };
      },
    },
  ],
  work: [
    {
      id: 'example.work',
      order: 900,
      async render(ctx, org) {
        if (!isMember(ctx.actor, org.id)) return undefined;
        return { title: ctx.t('example.work'), items: [{ label: ctx.t('example.note'), value: 1, href: `/o/${org.slug}/example` }] };
      },
    },
  ],
  // A section on the organisations module's body page, which never names this module; members only.
  panels: [
    {
      id: 'example-body-panel',
      on: 'body',
      order: 900,
      async render(ctx, org, recordId) {
        if (!isMember(ctx.actor, org.id)) return null;
        const body = await findBody(ctx.db, org.id, recordId);
        if (!body) return null;
        return (
          <Section id="example-body-panel" title={ctx.t('example.panel')}>
            <p>{ctx.t('example.panel_text', { name: body.name })}</p>
          </Section>
        );
      },
    },
  ],
  history: [
    {
      type: 'example_note',
      labelKey: 'example.history',
      href: (org, id) => `/o/${org}/example/${id}`,
      // The body the note is about is named by the organisations module's own history type.
      fields: { note: field('example.note'), bodyId: field('example.body', ref('body')) },
    },
  ],
};
