// Routes for focus areas: the ordered list with moves, one focus area, new and edit forms, archive, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../../core/csv';
import { notFound, type FieldErrors } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { archiveFocusArea } from '../commands/archive-focus-area';
import { createFocusArea } from '../commands/create-focus-area';
import { reorderFocusAreas } from '../commands/reorder-focus-areas';
import { updateFocusArea } from '../commands/update-focus-area';
import { canStructure } from '../organisations.policy';
import { focusAreaJson, presentFocusArea, presentFocusAreas } from '../organisations.presenter';
import { findFocusArea, listFocusAreas, type FocusAreaRow } from '../organisations.queries';
import { FOCUS_AREA_STATES, FocusAreaFormPage, FocusAreaPage, FocusAreasPage, type FocusAreaFormValues } from '../views/focus-areas';
import { asFormErrors, idParam, orgOf, orgQuery, pick, versionBody } from './shared';

const FIELD_LABELS: Record<string, string> = { name: 'focus_areas.name', description: 'focus_areas.description', sort_order: 'focus_areas.sort_order' };

const toForm = (f: FocusAreaRow): FocusAreaFormValues => ({ name: f.name, description: f.description, sortOrder: f.sort_order, version: f.version });

export function focusAreaRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const stateOf = (req: FastifyRequest) => pick((req.query as { state?: unknown }).state, FOCUS_AREA_STATES) ?? 'active';

  const rowsFor = async (organisationId: string, state: (typeof FOCUS_AREA_STATES)[number], locale: 'sv' | 'en') => {
    const rows = await listFocusAreas(db, organisationId, { includeArchived: state !== 'active', locale });
    return state === 'archived' ? rows.filter((f) => f.archived_at !== null) : rows;
  };

  const listPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, extra: { errors?: FieldErrors; conflict?: boolean } = {}) => {
    const state = stateOf(req);
    const v = view(req, reply, org);
    const focusAreas = presentFocusAreas(await rowsFor(org.id, state, req.locale), req.actor);
    return <FocusAreasPage v={v} org={org} focusAreas={focusAreas} state={state} canCreate={canStructure(req.actor, 'create', org.id)} {...extra} />;
  };

  app.get('/o/:org/focus-areas', async (req, reply) => {
    const org = await orgOf(db, req);
    return sendHtml(reply, await listPage(req, reply, org));
  });

  app.get('/o/:org/focus-areas.csv', async (req, reply) => {
    const org = await orgOf(db, req);
    const rows = await rowsFor(org.id, stateOf(req), req.locale);
    const t = req.ctx.t;
    return sendCsv<FocusAreaRow>(reply, `${org.slug}-focus-areas.csv`, [
      { header: 'id', value: (f) => f.id },
      { header: t('focus_areas.sort_order'), value: (f) => f.sort_order },
      { header: t('focus_areas.name'), value: (f) => f.name },
      { header: t('focus_areas.description'), value: (f) => f.description },
      { header: t('focus_areas.status'), value: (f) => t(f.archived_at ? 'focus_areas.archived' : 'focus_areas.active') },
    ], rows);
  });

  const formPage = (req: FastifyRequest, reply: FastifyReply, org: OrgRef, mode: 'new' | 'edit', values: FocusAreaFormValues, extra: { id?: string; errors?: FieldErrors; conflict?: { label: string; current: string }[] } = {}) => (
    <FocusAreaFormPage v={view(req, reply, org)} org={org} mode={mode} values={values} {...extra} />
  );

  app.get('/o/:org/focus-areas/new', async (req, reply) => {
    const org = await orgOf(db, req);
    authorize(req.actor, canStructure(req.actor, 'create', org.id));
    return sendHtml(reply, formPage(req, reply, org, 'new', {}));
  });

  app.post('/o/:org/focus-areas', async (req, reply) => {
    const org = await orgOf(db, req);
    const input = formBody(req.body);
    return handleForm(reply, () => createFocusArea(req.ctx, org.id, input), {
      success: (f) => ({ to: `/o/${org.slug}/focus-areas/${f.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', input as FocusAreaFormValues, { errors }),
    });
  });

  app.post('/o/:org/focus-areas/order', async (req, reply) => {
    const org = await orgOf(db, req);
    return handleForm(reply, () => reorderFocusAreas(req.ctx, org.id, formBody(req.body)), {
      success: () => ({ to: `/o/${org.slug}/focus-areas`, flash: 'focus_areas.reordered' }),
      rerender: (errors, conflict) => listPage(req, reply, org, { errors, conflict: conflict !== undefined }),
    });
  });

  app.get('/o/:org/focus-areas/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    const focusArea = await findFocusArea(db, org.id, idParam(req));
    if (!focusArea) throw notFound();
    return sendHtml(reply, <FocusAreaPage v={view(req, reply, org)} org={org} focusArea={presentFocusArea(focusArea, req.actor)} />);
  });

  app.get('/o/:org/focus-areas/:id/edit', async (req, reply) => {
    const org = await orgOf(db, req);
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    const id = idParam(req);
    const focusArea = await findFocusArea(db, org.id, id);
    if (!focusArea) throw notFound();
    return sendHtml(reply, formPage(req, reply, org, 'edit', toForm(focusArea), { id }));
  });

  app.post('/o/:org/focus-areas/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    const id = idParam(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateFocusArea(req.ctx, org.id, id, input), {
      success: (f) => ({ to: `/o/${org.slug}/focus-areas/${f.id}` }),
      rerender: (errors, conflict) =>
        formPage(req, reply, org, 'edit', { ...(input as FocusAreaFormValues), ...(conflict ? { version: Number(conflict.current.version) } : {}) }, {
          id,
          errors,
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/o/:org/focus-areas/:id/${action}`, async (req, reply) => {
      const org = await orgOf(db, req);
      const id = idParam(req);
      return handleForm(reply, () => archiveFocusArea(req.ctx, org.id, id, formBody(req.body), action === 'restore'), {
        success: () => ({ to: `/o/${org.slug}/focus-areas/${id}`, flash: action === 'restore' ? 'form.restored' : 'form.archived' }),
        rerender: async (errors, conflict) => {
          const focusArea = await findFocusArea(db, org.id, id);
          if (!focusArea) throw notFound();
          return <FocusAreaPage v={view(req, reply, org)} org={org} focusArea={presentFocusArea(focusArea, req.actor)} errors={asFormErrors(errors)} conflict={conflict !== undefined} />;
        },
      });
    });
  }

  // JSON API
  const focusAreaSchema = z.object({ id: z.uuid(), name: z.string(), description: z.string(), sortOrder: z.number().int(), version: z.number().int(), archived: z.boolean() });
  const focusAreaBody = z.object({ name: z.string(), description: z.string().optional(), sortOrder: z.number().int().nullable().optional() });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/focus-areas',
      operationId: 'listFocusAreas',
      summary: "Focus areas (fokusområden) of an organisation, in the organisation's order",
      tags: ['organisations'],
      access: 'public',
      query: orgQuery.extend({ includeArchived: z.enum(['true', 'false']).optional(), ...pageQuery }),
      response: list(focusAreaSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const all = await listFocusAreas(db, org.id, { includeArchived: query.includeArchived === 'true', locale: req.locale });
      return { items: all.slice(query.offset, query.offset + query.limit).map(focusAreaJson), total: all.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/focus-areas/:id', operationId: 'getFocusArea', summary: 'One focus area', tags: ['organisations'], access: 'public', params: z.object({ id: z.uuid() }), query: orgQuery, response: focusAreaSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const focusArea = await findFocusArea(db, org.id, params.id);
      if (!focusArea) throw notFound();
      return focusAreaJson(focusArea);
    },
  );

  apiRoute(
    app,
    { method: 'POST', url: '/api/v1/focus-areas', operationId: 'createFocusArea', summary: 'Add a focus area (strategists and admins); placed last unless sortOrder is given', tags: ['organisations'], access: 'signed-in', query: orgQuery, body: focusAreaBody, response: focusAreaSchema, status: 201 },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createFocusArea(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return focusAreaJson(result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/focus-areas/order',
      operationId: 'reorderFocusAreas',
      summary: 'Put the active focus areas in a new order: send all their ids, first first (409 if the set changed since you read it)',
      tags: ['organisations'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({ ids: z.array(z.uuid()) }),
      response: list(focusAreaSchema),
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await reorderFocusAreas(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return { items: result.value.map(focusAreaJson), total: result.value.length };
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/focus-areas/:id',
      operationId: 'updateFocusArea',
      summary: 'Update a focus area; send the version you read (409 if it changed since)',
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: focusAreaBody.extend({ version: z.number().int() }),
      response: focusAreaSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await updateFocusArea(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return focusAreaJson(result.value);
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    apiRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/focus-areas/:id/${action}`,
        operationId: `${action}FocusArea`,
        summary: action === 'archive' ? 'Archive a focus area (nothing is deleted; tags stay)' : 'Restore an archived focus area',
        tags: ['organisations'],
        access: 'signed-in',
        params: z.object({ id: z.uuid() }),
        query: orgQuery,
        body: versionBody,
        response: focusAreaSchema,
      },
      async (req, { params, query }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        const result = await archiveFocusArea(req.ctx, org.id, params.id, req.body, action === 'restore');
        if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
        return focusAreaJson(result.value);
      },
    );
  }
}
