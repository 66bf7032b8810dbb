// Routes for bodies: HTML pages and the JSON API, both calling the same commands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAdmin, isMember } from '../../../core/context';
import { exportRoutes, sendTable } from '../../../core/export';
import { notFound, type FieldErrors } from '../../../core/errors';
import { routeOrg } from '../../../core/http/routes';
import { renderPanels } from '../../../core/html/panels';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { archiveBody } from '../commands/archive-body';
import { createBody } from '../commands/create-body';
import { updateBody } from '../commands/update-body';
import { canStructure } from '../organisations.policy';
import { bodyJson, presentBody, presentTree } from '../organisations.presenter';
import { bodyReporters, findBody, listBodies, toTree, type BodyRow } from '../organisations.queries';
import { archiveInput, bodyInput, bodyUpdate } from '../organisations.schema';
import { BODY_KINDS } from '../organisations.tables';
import { BodiesPage, BodyFormPage, BodyPage, type BodyFormValues } from '../views/bodies';
import { archiveActions, confirmArchive, recordApi, recordForms, recordListApi, recordPage } from './records';

const BODY_FIELD_LABELS: Record<string, string> = { name: 'bodies.name', short_name: 'bodies.short_name', kind: 'bodies.kind', parent_id: 'bodies.parent', description: 'bodies.description' };

const toForm = (b: BodyRow): BodyFormValues => ({ name: b.name, shortName: b.short_name, kind: b.kind, parentId: b.parent_id ?? '', description: b.description, version: b.version });

export function bodyRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  app.get('/o/:org/bodies', async (req, reply) => {
    const org = await routeOrg(req);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    const v = view(req, reply, org);
    return sendHtml(reply, <BodiesPage v={v} org={org} tree={presentTree(toTree(bodies), req.actor, v.t)} canCreate={canStructure(req.actor, 'create', org.id)} />);
  });

  exportRoutes(app, 'bodies', async (req, reply, format) => {
    const org = await routeOrg(req);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    const byId = new Map(bodies.map((b) => [b.id, b]));
    const t = req.ctx.t;
    return sendTable<BodyRow>(reply, format, `${org.slug}-bodies`, [
      { header: 'id', value: (b) => b.id, only: 'csv' },
      { header: t('bodies.name'), value: (b) => b.name },
      { header: t('bodies.short_name'), value: (b) => b.short_name },
      { header: t('bodies.kind'), value: (b) => t(`body.kind.${b.kind}`) },
      { header: t('bodies.parent'), value: (b) => (b.parent_id ? byId.get(b.parent_id)?.name : '') },
      { header: t('bodies.description'), value: (b) => b.description },
    ], bodies, { sheetName: t('nav.bodies') });
  });

  // A hub: the body's place in the tree and its reporters, then what other modules say about it (panels).
  const bodyPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean } = {}) => {
    const body = await findBody(db, org.id, id);
    if (!body) throw notFound();
    const member = isMember(req.actor, org.id);
    const [all, reporters, panels] = await Promise.all([
      listBodies(db, org.id, { locale: req.locale }),
      member ? bodyReporters(db, org.id, body.id, req.locale) : Promise.resolve(undefined),
      renderPanels(req.ctx, org, 'body', body.id),
    ]);
    const v = view(req, reply, org);
    const parent = body.parent_id ? all.find((b) => b.id === body.parent_id) : undefined;
    return (
      <BodyPage
        v={v}
        org={org}
        body={presentBody(body, req.actor, v.t)}
        parent={parent ? presentBody(parent, req.actor, v.t) : undefined}
        children={all.filter((b) => b.parent_id === body.id).map((b) => presentBody(b, req.actor, v.t))}
        reporters={reporters?.map((r) => ({ name: r.name, roleLabel: v.t(`role.${r.role}`), href: isAdmin(req.actor, org.id) ? `/o/${org.slug}/users/${r.id}` : undefined }))}
        panels={panels}
        {...extra}
      />
    );
  };

  recordForms(app, {
    path: 'bodies',
    find: findBody,
    toForm,
    labels: BODY_FIELD_LABELS,
    create: { schema: bodyInput, run: createBody, initial: () => ({ kind: 'committee' }) },
    update: { schema: bodyUpdate, run: updateBody },
    form: async (req, reply, org, mode, values, extra) => {
      const v = view(req, reply, org);
      const bodies = (await listBodies(db, org.id, { locale: req.locale })).map((b) => presentBody(b, req.actor, v.t));
      return <BodyFormPage v={v} org={org} mode={mode} values={values} bodies={bodies} {...extra} />;
    },
  });

  recordPage(app, { path: 'bodies', page: bodyPage, actions: archiveActions(archiveInput, archiveBody, confirmArchive('bodies', findBody, (b) => b.name)) });

  // JSON API
  const bodySchema = z.object({
    id: z.uuid(),
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(BODY_KINDS),
    parentId: z.uuid().nullable(),
    description: z.string(),
    version: z.number().int(),
    archived: z.boolean(),
  });

  recordListApi(app, {
    path: 'bodies',
    operationId: 'listBodies',
    summary: 'Bodies of an organisation (council, board, committees, companies, offices, external actors)',
    access: 'public',
    filters: { kind: z.enum(BODY_KINDS).optional(), includeArchived: z.enum(['true', 'false']).optional() },
    response: bodySchema,
    json: bodyJson,
    rows: async (req, org, query) => (await listBodies(db, org.id, { includeArchived: query.includeArchived === 'true' })).filter((b) => !query.kind || b.kind === query.kind),
  });

  recordApi(app, {
    path: 'bodies',
    response: bodySchema,
    json: bodyJson,
    get: { operationId: 'getBody', summary: 'One body', find: (req, organisationId, id) => findBody(db, organisationId, id) },
    create: { operationId: 'createBody', summary: 'Create a body', body: bodyInput, run: createBody },
    update: { operationId: 'updateBody', summary: 'Update a body; send the version you read (409 if it changed since)', body: bodyUpdate, run: updateBody },
    actions: {
      archive: { operationId: 'archiveBody', summary: 'Archive a body (nothing is deleted)', body: archiveInput, run: archiveBody },
    },
  });
}
