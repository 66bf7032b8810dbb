// Routes for direction texts (inriktning): HTML pages and the JSON API, both calling the same commands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../core/csv';
import { isMember } from '../../core/context';
import { ConflictError, notFound, type FieldErrors } from '../../core/errors';
import { apiRoute, list, pageQuery } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../core/http/forms';
import { idParams, organisationQuery, routeOrg, routeOrgAndId } from '../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { authorize } from '../../core/policy';
import { formInput } from '../../core/validation';
import { findBody, listBodies } from '../organisations';
import { archiveDirection } from './commands/archive-direction';
import { createDirection } from './commands/create-direction';
import { publishDirection } from './commands/publish-direction';
import { updateDirection } from './commands/update-direction';
import { canPlan, canRead } from './goals.policy';
import { directionJson, presentDirection } from './goals.presenter';
import { budgetYears, findDirection, listDirections, type DirectionRow } from './goals.queries';
import { directionFilters, directionInput, directionUpdate } from './goals.schema';
import { answer, listFilters, planButtonRoutes, planStateApiRoutes, statusLabel, visibility } from './plan.routes';
import { DirectionFormPage, DirectionPage, DirectionsPage, type DirectionFilterValues, type DirectionFormValues } from './views/directions';

const PAGE_SIZE = 100;
type Req = FastifyRequest;
type Reply = FastifyReply;

const FIELD_LABELS: Record<string, string> = { bodyId: 'directions.body', year: 'directions.year', title: 'directions.heading', body: 'directions.text' };

function formValues(input: Record<string, unknown>): DirectionFormValues {
  const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  return { bodyId: s('bodyId'), year: s('year'), title: s('title'), body: s('body'), version: s('version') } as DirectionFormValues;
}

const toForm = (d: DirectionRow): DirectionFormValues => ({ bodyId: d.body_id, year: d.year, title: d.title, body: d.body, version: d.version });

export function directionRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const readFilters = (req: Req) => listFilters(req, directionFilters);
  const queryFilters = (req: Req, org: OrgRef, f: DirectionFilterValues) => ({ year: f.year, bodyId: f.body, ...visibility(req, org, f.archived) });

  app.get('/o/:org/directions', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters, offset, errors } = readFilters(req);
    const [result, years, bodies] = await Promise.all([
      listDirections(db, org.id, { ...queryFilters(req, org, filters), limit: PAGE_SIZE, offset }),
      budgetYears(db, org.id),
      listBodies(db, org.id, { locale: req.locale }),
    ]);
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <DirectionsPage
        v={v}
        org={org}
        directions={result.items.map((d) => presentDirection(d, { actor: req.actor, t: v.t }))}
        total={result.total}
        limit={PAGE_SIZE}
        offset={offset}
        filters={filters}
        options={{ years, bodies: bodies.map((b) => ({ value: b.id, label: b.name })) }}
        canCreate={canPlan(req.actor, 'create', org.id)}
        showArchivedFilter={isMember(req.actor, org.id)}
        filterErrors={errors}
      />,
      errors ? 400 : 200,
    );
  });

  app.get('/o/:org/directions.csv', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters } = readFilters(req);
    const { items } = await listDirections(db, org.id, queryFilters(req, org, filters));
    const t = req.ctx.t;
    return sendCsv<(typeof items)[number]>(
      reply,
      `${org.slug}-directions.csv`,
      [
        { header: 'id', value: (d) => d.id },
        { header: t('directions.year'), value: (d) => d.year },
        { header: t('directions.body'), value: (d) => d.body_name },
        { header: t('directions.heading'), value: (d) => d.title },
        { header: t('goals.status'), value: (d) => statusLabel(t, d) },
        { header: t('goals.published_at'), value: (d) => d.published_at },
        { header: t('directions.text'), value: (d) => d.body },
      ],
      items,
    );
  });

  async function formPage(req: Req, reply: Reply, org: OrgRef, mode: 'new' | 'edit', values: DirectionFormValues, extra: { id?: string; current?: DirectionRow; errors?: FieldErrors; conflict?: { label: string; current: string }[] } = {}) {
    const v = view(req, reply, org);
    const [bodies, years] = await Promise.all([listBodies(db, org.id, { includeArchived: true, locale: req.locale }), budgetYears(db, org.id)]);
    const current = extra.current;
    const yearChoices = current && !years.includes(current.year) ? [...years, current.year].sort((a, b) => b - a) : years;
    return (
      <DirectionFormPage
        v={v}
        org={org}
        mode={mode}
        id={extra.id}
        values={values}
        errors={extra.errors}
        conflict={extra.conflict}
        bodies={bodies.filter((b) => b.archived_at === null || b.id === current?.body_id).map((b) => ({ value: b.id, label: b.name }))}
        years={yearChoices}
      />
    );
  }

  app.get('/o/:org/directions/new', async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canPlan(req.actor, 'create', org.id));
    return sendHtml(reply, await formPage(req, reply, org, 'new', {}));
  });

  app.post('/o/:org/directions', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    return handleForm(reply, () => createDirection(req.ctx, org.id, formInput(directionInput, input)), {
      success: (d) => ({ to: `/o/${org.slug}/directions/${d.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', formValues(input), { errors }),
    });
  });

  /** A direction the reader may see; otherwise 404 even if it exists, so drafts do not leak. */
  async function visibleDirection(req: Req, org: OrgRef, id: string): Promise<DirectionRow> {
    const direction = await findDirection(db, org.id, id);
    if (!direction || !canRead(req.actor, direction)) throw notFound();
    return direction;
  }

  async function directionPage(req: Req, reply: Reply, org: OrgRef, direction: DirectionRow, errors?: FieldErrors, status = 200) {
    const body = await findBody(db, org.id, direction.body_id);
    const v = view(req, reply, org);
    return sendHtml(reply, <DirectionPage v={v} org={org} direction={presentDirection(direction, { actor: req.actor, t: v.t, bodyName: body?.name ?? '' })} errors={errors} />, status);
  }

  app.get('/o/:org/directions/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    return directionPage(req, reply, org, await visibleDirection(req, org, id));
  });

  app.get('/o/:org/directions/:id/edit', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    authorize(req.actor, canPlan(req.actor, 'update', org.id));
    const direction = await findDirection(db, org.id, id);
    if (!direction) throw notFound();
    return sendHtml(reply, await formPage(req, reply, org, 'edit', toForm(direction), { id, current: direction }));
  });

  app.post('/o/:org/directions/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateDirection(req.ctx, org.id, id, formInput(directionUpdate, input)), {
      success: (d) => ({ to: `/o/${org.slug}/directions/${d.id}` }),
      rerender: async (errors, conflict) => {
        const current = await findDirection(db, org.id, id);
        const values = formValues(input);
        let changed: { label: string; current: string }[] | undefined;
        if (conflict) {
          const bodyName = (await findBody(db, org.id, String(conflict.current.bodyId)))?.name ?? '';
          changed = conflictFields(new ConflictError({ ...conflict.current, bodyId: bodyName }, conflict.changedFields), FIELD_LABELS, req.ctx.t);
        }
        // What the user typed stays; the notice shows what the other person saved.
        return formPage(req, reply, org, 'edit', conflict ? { ...values, version: Number(conflict.current.version) } : values, {
          id,
          ...(current ? { current } : {}),
          errors,
          ...(changed ? { conflict: changed } : {}),
        });
      },
    });
  });

  planButtonRoutes(app, 'directions', publishDirection, archiveDirection, async (req, reply, org, id, errors, status) =>
    directionPage(req, reply, org, await visibleDirection(req, org, id), errors, status),
  );

  // JSON API
  const directionSchema = z.object({
    id: z.uuid(),
    bodyId: z.uuid(),
    year: z.number().int(),
    title: z.string(),
    body: z.string().describe('Plain text; paragraphs separated by a blank line'),
    published: z.boolean(),
    publishedAt: z.string().nullable(),
    archived: z.boolean(),
    version: z.number().int(),
  });
  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/directions',
      operationId: 'listDirections',
      summary: 'Direction texts (inriktning), one per body and year; anonymous callers get published ones',
      tags: ['goals'],
      access: 'public',
      query: organisationQuery.extend({
        year: z.coerce.number().int().min(1990).max(2100).optional(),
        body: z.uuid().optional(),
        includeArchived: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: list(directionSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const internal = isMember(req.actor, org.id);
      const { items, total } = await listDirections(db, org.id, {
        year: query.year,
        bodyId: query.body,
        publishedOnly: !internal,
        includeArchived: internal && query.includeArchived === 'true',
        limit: query.limit,
        offset: query.offset,
      });
      return { items: items.map(directionJson), total };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/directions/:id', operationId: 'getDirection', summary: 'One direction text', tags: ['goals'], access: 'public', params: idParams, query: organisationQuery, response: directionSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      return directionJson(await visibleDirection(req, org, params.id));
    },
  );

  apiRoute(
    app,
    { method: 'POST', url: '/api/v1/directions', operationId: 'createDirection', summary: 'Write a body’s direction text for a year (unpublished until published)', tags: ['goals'], access: 'signed-in', query: organisationQuery, body: directionInput, response: directionSchema, status: 201 },
    async (req, { query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      return answer(req, reply, await createDirection(req.ctx, org.id, body), directionJson);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/directions/:id',
      operationId: 'updateDirection',
      summary: 'Update a direction text; send the version you read (409 with the current text if it changed since)',
      tags: ['goals'],
      access: 'signed-in',
      params: idParams,
      query: organisationQuery,
      body: directionUpdate,
      response: directionSchema,
    },
    async (req, { params, query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      return answer(req, reply, await updateDirection(req.ctx, org.id, params.id, body), directionJson);
    },
  );

  planStateApiRoutes(app, {
    path: 'directions',
    noun: 'Direction',
    summaries: {
      publish: 'Publish a direction text',
      unpublish: 'Take a direction text back from the public view',
      archive: 'Archive a direction text (nothing is deleted)',
      restore: 'Restore an archived direction text',
    },
    publish: publishDirection,
    archive: archiveDirection,
    response: directionSchema,
    json: directionJson,
  });
}
