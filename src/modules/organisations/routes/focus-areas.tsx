// Routes for focus areas: the ordered list with moves, one focus area, new and edit forms, archive, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../../core/export';
import { notFound, type FieldErrors } from '../../../core/errors';
import { apiRoute, list, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { handleForm } from '../../../core/http/forms';
import { organisationQuery, parseFilters, routeOrg } from '../../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { formInput } from '../../../core/validation';
import { archiveFocusArea } from '../commands/archive-focus-area';
import { createFocusArea } from '../commands/create-focus-area';
import { reorderFocusAreas } from '../commands/reorder-focus-areas';
import { updateFocusArea } from '../commands/update-focus-area';
import { canStructure } from '../organisations.policy';
import { focusAreaJson, presentFocusArea, presentFocusAreas } from '../organisations.presenter';
import { findFocusArea, listFocusAreas, type FocusAreaRow } from '../organisations.queries';
import { archiveInput, focusAreaInput, focusAreaOrder, focusAreaUpdate } from '../organisations.schema';
import { FOCUS_AREA_STATES, FocusAreaFormPage, FocusAreaPage, FocusAreasPage, type FocusAreaFormValues } from '../views/focus-areas';
import { archiveActions, confirmArchive, recordApi, recordForms, recordListApi, recordPage } from './records';

const FIELD_LABELS: Record<string, string> = { name: 'focus_areas.name', description: 'focus_areas.description', sort_order: 'focus_areas.sort_order' };

const toForm = (f: FocusAreaRow): FocusAreaFormValues => ({ name: f.name, description: f.description, sortOrder: f.sort_order, version: f.version });

/** Which focus areas the list shows; anything else shows the active ones. */
const stateFilter = z.object({ state: z.enum(FOCUS_AREA_STATES).default('active') });

export function focusAreaRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const stateOf = (req: FastifyRequest) => parseFilters(stateFilter, req.query, req.ctx.t).filters.state;

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
    const org = await routeOrg(req);
    return sendHtml(reply, await listPage(req, reply, org));
  });

  exportRoutes(app, 'focus-areas', async (req, reply, format) => {
    const org = await routeOrg(req);
    const rows = await rowsFor(org.id, stateOf(req), req.locale);
    const t = req.ctx.t;
    return sendTable<FocusAreaRow>(reply, format, `${org.slug}-focus-areas`, [
      { header: 'id', value: (f) => f.id, only: 'csv' },
      { header: t('focus_areas.sort_order'), value: (f) => f.sort_order, kind: 'number' },
      { header: t('focus_areas.name'), value: (f) => f.name },
      { header: t('focus_areas.description'), value: (f) => f.description },
      { header: t('focus_areas.status'), value: (f) => t(f.archived_at ? 'focus_areas.archived' : 'focus_areas.active') },
    ], rows, { sheetName: t('nav.focus_areas') });
  });

  recordForms(app, {
    path: 'focus-areas',
    find: findFocusArea,
    toForm,
    labels: FIELD_LABELS,
    create: { schema: focusAreaInput, run: createFocusArea, initial: () => ({}) },
    update: { schema: focusAreaUpdate, run: updateFocusArea },
    form: (req, reply, org, mode, values, extra) => <FocusAreaFormPage v={view(req, reply, org)} org={org} mode={mode} values={values} {...extra} />,
  });

  app.post('/o/:org/focus-areas/order', async (req, reply) => {
    const org = await routeOrg(req);
    return handleForm(reply, () => reorderFocusAreas(req.ctx, org.id, formInput(focusAreaOrder, req.body)), {
      success: () => ({ to: `/o/${org.slug}/focus-areas`, flash: 'focus_areas.reordered' }),
      rerender: (errors, conflict) => listPage(req, reply, org, { errors, conflict: conflict !== undefined }),
    });
  });

  const focusAreaPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean } = {}) => {
    const focusArea = await findFocusArea(db, org.id, id);
    if (!focusArea) throw notFound();
    return <FocusAreaPage v={view(req, reply, org)} org={org} focusArea={presentFocusArea(focusArea, req.actor)} {...extra} />;
  };

  recordPage(app, { path: 'focus-areas', page: focusAreaPage, actions: archiveActions(archiveInput, archiveFocusArea, confirmArchive('focus-areas', findFocusArea, (f) => f.name)) });

  // JSON API
  const focusAreaSchema = z.object({ id: z.uuid(), name: z.string(), description: z.string(), sortOrder: z.number().int(), version: z.number().int(), archived: z.boolean() });

  recordListApi(app, {
    path: 'focus-areas',
    operationId: 'listFocusAreas',
    summary: "Focus areas (fokusområden) of an organisation, in the organisation's order",
    access: 'public',
    filters: { includeArchived: z.enum(['true', 'false']).optional() },
    response: focusAreaSchema,
    json: focusAreaJson,
    rows: (req, org, query) => listFocusAreas(db, org.id, { includeArchived: query.includeArchived === 'true', locale: req.locale }),
  });

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/focus-areas/order',
      operationId: 'reorderFocusAreas',
      summary: 'Put the active focus areas in a new order: send all their ids, first first (409 if the set changed since you read it)',
      tags: ['organisations'],
      access: 'signed-in',
      query: organisationQuery,
      body: focusAreaOrder,
      response: list(focusAreaSchema),
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await reorderFocusAreas(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return { items: result.value.map(focusAreaJson), total: result.value.length };
    },
  );

  recordApi(app, {
    path: 'focus-areas',
    response: focusAreaSchema,
    json: focusAreaJson,
    get: { operationId: 'getFocusArea', summary: 'One focus area', find: (req, organisationId, id) => findFocusArea(db, organisationId, id) },
    create: { operationId: 'createFocusArea', summary: 'Add a focus area (strategists and admins); placed last unless sortOrder is given', body: focusAreaInput, run: createFocusArea },
    update: { operationId: 'updateFocusArea', summary: 'Update a focus area; send the version you read (409 if it changed since)', body: focusAreaUpdate, run: updateFocusArea },
    actions: {
      archive: { operationId: 'archiveFocusArea', summary: 'Archive a focus area (nothing is deleted; tags stay)', body: archiveInput, run: archiveFocusArea },
      restore: { operationId: 'restoreFocusArea', summary: 'Restore an archived focus area', body: archiveInput, run: (ctx, organisationId, id, input) => archiveFocusArea(ctx, organisationId, id, input, true) },
    },
  });
}
