// Routes for bodies: HTML pages and the JSON API, both calling the same commands.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../../core/csv';
import { AppError, notFound } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { sendHtml, view } from '../../../core/html/view';
import { requireOrg } from '../../../core/orgs';
import { authorize } from '../../../core/policy';
import { archiveBody } from '../commands/archive-body';
import { createBody } from '../commands/create-body';
import { updateBody } from '../commands/update-body';
import { canStructure } from '../organisations.policy';
import { bodyJson, presentBody, presentTree } from '../organisations.presenter';
import { findBody, listBodies, toTree, type BodyRow } from '../organisations.queries';
import { BODY_KINDS } from '../organisations.tables';
import { BodiesPage, BodyFormPage, BodyPage, type BodyFormValues } from '../views/bodies';
import { orgQuery } from './shared';

export function bodyRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  app.get('/o/:org/bodies', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    const v = view(req, reply, org);
    return sendHtml(reply, <BodiesPage v={v} org={org} tree={presentTree(toTree(bodies), req.actor, v.t)} canCreate={canStructure(req.actor, 'create', org.id)} />);
  });

  app.get('/o/:org/bodies.csv', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    const bodies = await listBodies(db, org.id, { locale: req.locale });
    const byId = new Map(bodies.map((b) => [b.id, b]));
    const t = req.ctx.t;
    return sendCsv<BodyRow>(reply, `${org.slug}-bodies.csv`, [
      { header: 'id', value: (b) => b.id },
      { header: t('bodies.name'), value: (b) => b.name },
      { header: t('bodies.short_name'), value: (b) => b.short_name },
      { header: t('bodies.kind'), value: (b) => t(`body.kind.${b.kind}`) },
      { header: t('bodies.parent'), value: (b) => (b.parent_id ? byId.get(b.parent_id)?.name : '') },
      { header: t('bodies.description'), value: (b) => b.description },
    ], bodies);
  });

  const formPage = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, org: { id: string; slug: string; name: string }, mode: 'new' | 'edit', values: BodyFormValues, extra: { id?: string; errors?: Record<string, string>; conflict?: { label: string; current: string }[] } = {}) => {
    const v = view(req, reply, org);
    const bodies = (await listBodies(db, org.id, { locale: req.locale })).map((b) => presentBody(b, req.actor, v.t));
    return <BodyFormPage v={v} org={org} mode={mode} values={values} bodies={bodies} {...extra} />;
  };

  app.get('/o/:org/bodies/new', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    authorize(req.actor, canStructure(req.actor, 'create', org.id));
    return sendHtml(reply, await formPage(req, reply, org, 'new', { kind: 'committee' }));
  });

  app.post('/o/:org/bodies', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    const input = formBody(req.body);
    return handleForm(reply, () => createBody(req.ctx, org.id, input), {
      success: (b) => ({ to: `/o/${org.slug}/bodies/${b.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', input as BodyFormValues, { errors }),
    });
  });

  app.get('/o/:org/bodies/:id', async (req, reply) => {
    const { org: slug, id } = req.params as { org: string; id: string };
    const org = await requireOrg(db, slug);
    const body = await findBody(db, org.id, id);
    if (!body) throw notFound();
    const v = view(req, reply, org);
    const all = await listBodies(db, org.id, { locale: req.locale });
    const parent = body.parent_id ? all.find((b) => b.id === body.parent_id) : undefined;
    return sendHtml(
      reply,
      <BodyPage
        v={v}
        org={org}
        body={presentBody(body, req.actor, v.t)}
        parent={parent ? presentBody(parent, req.actor, v.t) : undefined}
        children={all.filter((b) => b.parent_id === body.id).map((b) => presentBody(b, req.actor, v.t))}
      />,
    );
  });

  app.get('/o/:org/bodies/:id/edit', async (req, reply) => {
    const { org: slug, id } = req.params as { org: string; id: string };
    const org = await requireOrg(db, slug);
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    const body = await findBody(db, org.id, id);
    if (!body) throw notFound();
    return sendHtml(reply, await formPage(req, reply, org, 'edit', toForm(body), { id }));
  });

  app.post('/o/:org/bodies/:id', async (req, reply) => {
    const { org: slug, id } = req.params as { org: string; id: string };
    const org = await requireOrg(db, slug);
    const input = formBody(req.body);
    return handleForm(reply, () => updateBody(req.ctx, org.id, id, input), {
      success: (b) => ({ to: `/o/${org.slug}/bodies/${b.id}` }),
      rerender: (errors, conflict) =>
        formPage(req, reply, org, 'edit', { ...(input as BodyFormValues), ...(conflict ? { version: Number(conflict.current.version) } : {}) }, {
          id,
          errors,
          // What the user typed stays; the notice shows what the other person saved.
          ...(conflict ? { conflict: conflictFields(conflict, BODY_FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/o/:org/bodies/:id/${action}`, async (req, reply) => {
      const { org: slug, id } = req.params as { org: string; id: string };
      const org = await requireOrg(db, slug);
      const result = await archiveBody(req.ctx, org.id, id, formBody(req.body), action === 'restore');
      if (!result.ok) throw new AppError('validation', Object.values(result.fieldErrors)[0] ?? 'error.validation');
      return reply.redirect(`/o/${org.slug}/bodies/${id}`, 303);
    });
  }

  // JSON API
  const bodySchema = z.object({
    id: z.uuid(),
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(BODY_KINDS as [string, ...string[]]),
    parentId: z.uuid().nullable(),
    description: z.string(),
    version: z.number().int(),
    archived: z.boolean(),
  });
  const bodyBody = z.object({
    name: z.string(),
    shortName: z.string().optional(),
    kind: z.enum(BODY_KINDS as [string, ...string[]]),
    parentId: z.uuid().nullable().optional(),
    description: z.string().optional(),
  });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/bodies',
      operationId: 'listBodies',
      summary: 'Bodies of an organisation (council, board, committees, companies, offices, external actors)',
      tags: ['organisations'],
      access: 'public',
      query: orgQuery.extend({ kind: z.enum(BODY_KINDS as [string, ...string[]]).optional(), includeArchived: z.enum(['true', 'false']).optional(), ...pageQuery }),
      response: list(bodySchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const all = (await listBodies(db, org.id, { includeArchived: query.includeArchived === 'true' })).filter((b) => !query.kind || b.kind === query.kind);
      return { items: all.slice(query.offset, query.offset + query.limit).map(bodyJson), total: all.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/bodies/:id', operationId: 'getBody', summary: 'One body', tags: ['organisations'], access: 'public', params: z.object({ id: z.uuid() }), query: orgQuery, response: bodySchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const body = await findBody(db, org.id, params.id);
      if (!body) throw notFound();
      return bodyJson(body);
    },
  );

  apiRoute(
    app,
    { method: 'POST', url: '/api/v1/bodies', operationId: 'createBody', summary: 'Create a body', tags: ['organisations'], access: 'signed-in', query: orgQuery, body: bodyBody, response: bodySchema, status: 201 },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createBody(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return bodyJson(result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/bodies/:id',
      operationId: 'updateBody',
      summary: 'Update a body; send the version you read (409 if it changed since)',
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: bodyBody.extend({ version: z.number().int() }),
      response: bodySchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await updateBody(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return bodyJson(result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/bodies/:id/archive',
      operationId: 'archiveBody',
      summary: 'Archive a body (nothing is deleted)',
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: z.object({ version: z.number().int() }),
      response: bodySchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await archiveBody(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return bodyJson(result.value);
    },
  );
}

const BODY_FIELD_LABELS: Record<string, string> = { name: 'bodies.name', short_name: 'bodies.short_name', kind: 'bodies.kind', parent_id: 'bodies.parent', description: 'bodies.description' };

function toForm(b: BodyRow): BodyFormValues {
  return { name: b.name, shortName: b.short_name, kind: b.kind, parentId: b.parent_id ?? '', description: b.description, version: b.version };
}
