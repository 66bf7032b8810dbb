// Routes for direction texts (inriktning): HTML pages and the JSON API, both calling the same commands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../core/export';
import { ConflictError, type FieldErrors } from '../../core/errors';
import { apiRoute, list } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { conflictFields } from '../../core/http/forms';
import { routeOrg } from '../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { authorize } from '../../core/policy';
import { findBody, listBodies } from '../organisations';
import { archiveDirection } from './commands/archive-direction';
import { createDirection } from './commands/create-direction';
import { publishDirection } from './commands/publish-direction';
import { updateDirection } from './commands/update-direction';
import { canPlan } from './goals.policy';
import { directionJson, presentDirection } from './goals.presenter';
import { budgetYears, findDirection, listDirections, type DirectionRow } from './goals.queries';
import { directionFilters, directionInput, directionUpdate } from './goals.schema';
import { apiListQuery, apiVisibility, listFilters, listPageProps, planRecordRoutes, publicationFields, statusLabel, visibility, type FormExtra } from './plan.routes';
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
        options={{ years, bodies: bodies.map((b) => ({ value: b.id, label: b.name })) }}
        {...listPageProps(req, org, { total: result.total, limit: PAGE_SIZE, offset, filters, errors })}
      />,
      errors ? 400 : 200,
    );
  });

  exportRoutes(app, 'directions', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { filters } = readFilters(req);
    const { items } = await listDirections(db, org.id, queryFilters(req, org, filters));
    const t = req.ctx.t;
    return sendTable<(typeof items)[number]>(
      reply,
      format,
      `${org.slug}-directions`,
      [
        { header: 'id', value: (d) => d.id, only: 'csv' },
        { header: t('directions.year'), value: (d) => d.year, kind: 'number' },
        { header: t('directions.body'), value: (d) => d.body_name },
        { header: t('directions.heading'), value: (d) => d.title },
        { header: t('goals.status'), value: (d) => statusLabel(t, d) },
        { header: t('goals.published_at'), value: (d) => d.published_at, kind: 'datetime' },
        { header: t('directions.text'), value: (d) => d.body },
      ],
      items,
      { sheetName: t('nav.directions') },
    );
  });

  async function formPage(req: Req, reply: Reply, org: OrgRef, mode: 'new' | 'edit', values: DirectionFormValues, extra: FormExtra<DirectionRow> = {}) {
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

  async function directionPage(req: Req, reply: Reply, org: OrgRef, direction: DirectionRow, errors?: FieldErrors, status = 200) {
    const body = await findBody(db, org.id, direction.body_id);
    const v = view(req, reply, org);
    return sendHtml(reply, <DirectionPage v={v} org={org} direction={presentDirection(direction, { actor: req.actor, t: v.t, bodyName: body?.name ?? '' })} errors={errors} />, status);
  }

  /** The changed fields of a stale edit, the body by its name. */
  async function conflictView(req: Req, org: OrgRef, conflict: ConflictError): Promise<{ label: string; current: string }[]> {
    const bodyName = (await findBody(db, org.id, String(conflict.current.bodyId)))?.name ?? '';
    return conflictFields(new ConflictError({ ...conflict.current, bodyId: bodyName }, conflict.changedFields), FIELD_LABELS, req.ctx.t);
  }

  // JSON API
  const directionSchema = z.object({
    id: z.uuid(),
    bodyId: z.uuid(),
    year: z.number().int(),
    title: z.string(),
    body: z.string().describe('Plain text; paragraphs separated by a blank line'),
    ...publicationFields,
  });

  planRecordRoutes(app, {
    path: 'directions',
    noun: 'Direction',
    find: findDirection,
    create: { schema: directionInput, command: createDirection, summary: 'Write a body’s direction text for a year (unpublished until published)' },
    update: { schema: directionUpdate, command: updateDirection, summary: 'Update a direction text; send the version you read (409 with the current text if it changed since)' },
    publish: publishDirection,
    archive: archiveDirection,
    page: directionPage,
    form: formPage,
    toForm,
    fromForm: formValues,
    conflict: conflictView,
    api: {
      response: directionSchema,
      json: directionJson,
      getSummary: 'One direction text',
      summaries: {
        publish: 'Publish a direction text',
        unpublish: 'Take a direction text back from the public view',
        archive: 'Archive a direction text (nothing is deleted)',
        restore: 'Restore an archived direction text',
      },
    },
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
      query: apiListQuery,
      response: list(directionSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const { items, total } = await listDirections(db, org.id, { year: query.year, bodyId: query.body, ...apiVisibility(req, org, query) });
      return { items: items.map(directionJson), total };
    },
  );
}
