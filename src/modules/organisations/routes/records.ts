// What the module's record kinds (bodies, years, periods, focus areas, users) answer alike: the new and
// edit forms, and the API's get, create, update and one-step writes. Each route file describes its
// kind once; these helpers turn the description into routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor, Ctx } from '../../../core/context';
import type { Executor } from '../../../core/db/schema';
import { notFound, type CommandResult, type FieldErrors } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { archiveConfirmation } from '../../../core/html/confirm';
import { buttonActionRoutes, idParams, organisationQuery, routeId, routeOrg, type ButtonAction, type ConfirmStep } from '../../../core/http/routes';
import { sendHtml, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { formInput } from '../../../core/validation';
import { canStructure } from '../organisations.policy';

type Find<Row> = (db: Executor, organisationId: string, id: string) => Promise<Row | undefined>;
type Create<Row> = (ctx: Ctx, organisationId: string, input: unknown) => Promise<CommandResult<Row>>;
type Update<Row> = (ctx: Ctx, organisationId: string, id: string, input: unknown) => Promise<CommandResult<Row>>;

/** A one-button page's extra props after a refusal (400: the reasons) or a stale button (409: the stale notice). */
export const refusal = (errors: FieldErrors, status: number): { errors?: FieldErrors; conflict?: boolean } => (status === 409 ? { conflict: true } : { errors });

export type RecordPage = (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra?: { errors?: FieldErrors; conflict?: boolean }) => Promise<unknown>;

/**
 * GET /o/:org/<path>/:id and the record's one-button actions (POST …/:id/<action>), which answer a
 * refusal or a stale button with the record's page as it is now.
 */
export function recordPage(app: FastifyInstance, def: { path: string; page: RecordPage; actions: Record<string, ButtonAction> }): void {
  app.get(`/o/:org/${def.path}/:id`, async (req, reply) => {
    const org = await routeOrg(req);
    return sendHtml(reply, await def.page(req, reply, org, routeId(req)));
  });
  buttonActionRoutes(app, {
    path: def.path,
    actions: def.actions,
    page: async (req, reply, org, id, errors, status) => sendHtml(reply, await def.page(req, reply, org, id, refusal(errors, status)), status),
  });
}

/**
 * The archive and restore buttons of a record whose command takes (…, input, restore). Archiving is
 * confirmed first (`confirm`, usually `confirmArchive`); restoring puts things back, so it is not.
 */
export function archiveActions(
  schema: z.ZodType,
  run: (ctx: Ctx, organisationId: string, id: string, input: unknown, restore?: boolean) => Promise<CommandResult<unknown>>,
  confirm: ConfirmStep,
  archivedFlash = 'form.archived',
): Record<string, ButtonAction> {
  return {
    archive: { run: (req, org, id, input) => run(req.ctx, org.id, id, formInput(schema, input)), flash: archivedFlash, confirm },
    restore: { run: (req, org, id, input) => run(req.ctx, org.id, id, formInput(schema, input), true), flash: 'form.restored' },
  };
}

/**
 * The confirmation of archiving the record of /o/:org/<path>/:id found by `find`, named by `name`.
 * Only someone who may archive it is asked (`allowed`, staff by default); a record already archived or
 * gone has nothing to confirm, and the command then says why.
 */
export function confirmArchive<Row extends { archived_at: Date | null }>(
  path: string,
  find: Find<Row>,
  name: (row: Row) => string,
  allowed: (actor: Actor, organisationId: string) => boolean = (actor, organisationId) => canStructure(actor, 'archive', organisationId),
): ConfirmStep {
  return async (req, org, id) => {
    authorize(req.actor, allowed(req.actor, org.id));
    const row = await find(req.server.database.db, org.id, id);
    if (!row || row.archived_at !== null) return undefined;
    return archiveConfirmation(req.ctx.t, { name: name(row), cancel: `/o/${org.slug}/${path}/${id}` });
  };
}

export interface FormExtra {
  id?: string;
  errors?: FieldErrors;
  /** The fields someone else changed since the form was loaded, with what they saved. */
  conflict?: { label: string; current: string }[];
}

export interface RecordForms<Row extends { id: string }, Values> {
  /** The records' path below /o/:org, e.g. 'bodies'. */
  path: string;
  find: Find<Row>;
  toForm: (row: Row) => Values;
  /** Column → message key of its label, for the conflict notice. */
  labels: Record<string, string>;
  create: { schema: z.ZodType; run: Create<Row>; initial: (req: FastifyRequest, org: OrgRef) => Promise<Values> | Values };
  update: { schema: z.ZodType; run: Update<Row> };
  form: (req: FastifyRequest, reply: FastifyReply, org: OrgRef, mode: 'new' | 'edit', values: Values, extra: FormExtra) => Promise<unknown> | unknown;
}

/**
 * GET <path>/new, POST <path>, GET <path>/:id/edit and POST <path>/:id. A refused form comes back
 * with what the user typed and the errors beside the fields; a stale one keeps the typing too and
 * says what the other person saved.
 */
export function recordForms<Row extends { id: string }, Values>(app: FastifyInstance, def: RecordForms<Row, Values>): void {
  const db = app.database.db;
  const base = (org: OrgRef) => `/o/${org.slug}/${def.path}`;

  app.get(`/o/:org/${def.path}/new`, async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canStructure(req.actor, 'create', org.id));
    return sendHtml(reply, await def.form(req, reply, org, 'new', await def.create.initial(req, org), {}));
  });

  app.post(`/o/:org/${def.path}`, async (req, reply) => {
    const org = await routeOrg(req);
    const typed = formBody(req.body);
    return handleForm(reply, () => def.create.run(req.ctx, org.id, formInput(def.create.schema, typed)), {
      success: (row) => ({ to: `${base(org)}/${row.id}`, flash: 'form.created' }),
      rerender: (errors) => def.form(req, reply, org, 'new', typed as Values, { errors }),
    });
  });

  app.get(`/o/:org/${def.path}/:id/edit`, async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    const id = routeId(req);
    const row = await def.find(db, org.id, id);
    if (!row) throw notFound();
    return sendHtml(reply, await def.form(req, reply, org, 'edit', def.toForm(row), { id }));
  });

  app.post(`/o/:org/${def.path}/:id`, async (req, reply) => {
    const org = await routeOrg(req);
    const id = routeId(req);
    const typed = formBody(req.body);
    return handleForm(reply, () => def.update.run(req.ctx, org.id, id, formInput(def.update.schema, typed)), {
      success: (row) => ({ to: `${base(org)}/${row.id}` }),
      rerender: (errors, conflict) =>
        // What the user typed stays; the notice shows what the other person saved.
        def.form(req, reply, org, 'edit', { ...typed, ...(conflict ? { version: Number(conflict.current.version) } : {}) } as Values, {
          id,
          errors,
          ...(conflict ? { conflict: conflictFields(conflict, def.labels, req.ctx.t) } : {}),
        }),
    });
  });
}

export interface RecordApiWrite<Run> {
  operationId: string;
  summary: string;
  /** The command's own input schema: the API parses and documents exactly what the command accepts. */
  body: z.ZodType;
  run: Run;
}

export interface RecordApi<Row> {
  /** The collection's path below /api/v1, e.g. 'bodies'. */
  path: string;
  response: z.ZodType;
  json: (row: Row) => unknown;
  /** The organisation a request works in; ?organisation= (or the caller's own) unless given. */
  org?: (req: FastifyRequest, slug: string | undefined) => Promise<OrgRef>;
  get?: { operationId: string; summary: string; find: (req: FastifyRequest, organisationId: string, id: string) => Promise<Row | undefined> };
  create?: RecordApiWrite<Create<Row>>;
  update?: RecordApiWrite<Update<Row>>;
  /** POST /:id/<name>: archive, restore, a status step. */
  actions?: Record<string, RecordApiWrite<Update<Row>>>;
}

/** GET /api/v1/<path>/:id, POST /api/v1/<path>, PUT /api/v1/<path>/:id and POST /api/v1/<path>/:id/<action>. */
export function recordApi<Row>(app: FastifyInstance, def: RecordApi<Row>): void {
  const orgOf = def.org ?? apiOrganisation;
  const common = { tags: ['organisations'], query: organisationQuery, response: def.response };
  const answer = (reply: FastifyReply, req: FastifyRequest, result: CommandResult<Row>) =>
    result.ok ? def.json(result.value) : sendFieldErrors(reply, req.ctx.t, result.fieldErrors);

  if (def.get) {
    const get = def.get;
    apiRoute(app, { ...common, method: 'GET', url: `/api/v1/${def.path}/:id`, operationId: get.operationId, summary: get.summary, access: 'public', params: idParams }, async (req, { params, query }) => {
      const org = await orgOf(req, query.organisation);
      const row = await get.find(req, org.id, params.id);
      if (!row) throw notFound();
      return def.json(row);
    });
  }
  if (def.create) {
    const create = def.create;
    apiRoute(app, { ...common, method: 'POST', url: `/api/v1/${def.path}`, operationId: create.operationId, summary: create.summary, access: 'signed-in', body: create.body, status: 201 }, async (req, { query }, reply) => {
      const org = await orgOf(req, query.organisation);
      return answer(reply, req, await create.run(req.ctx, org.id, req.body));
    });
  }
  const writes: [string, 'PUT' | 'POST', RecordApiWrite<Update<Row>>][] = [
    ...(def.update ? [['', 'PUT', def.update] as [string, 'PUT', RecordApiWrite<Update<Row>>]] : []),
    ...Object.entries(def.actions ?? {}).map(([name, w]) => [`/${name}`, 'POST', w] as [string, 'POST', RecordApiWrite<Update<Row>>]),
  ];
  for (const [suffix, method, write] of writes) {
    apiRoute(app, { ...common, method, url: `/api/v1/${def.path}/:id${suffix}`, operationId: write.operationId, summary: write.summary, access: 'signed-in', params: idParams, body: write.body }, async (req, { params, query }, reply) => {
      const org = await orgOf(req, query.organisation);
      return answer(reply, req, await write.run(req.ctx, org.id, params.id, req.body));
    });
  }
}

/** GET /api/v1/<path>: a collection with its filters, paged, as { items, total }. */
export function recordListApi<Row, S extends z.ZodRawShape>(
  app: FastifyInstance,
  def: {
    path: string;
    operationId: string;
    summary: string;
    access: 'public' | 'signed-in';
    filters: S;
    response: z.ZodType;
    json: (row: Row) => unknown;
    org?: (req: FastifyRequest, slug: string | undefined) => Promise<OrgRef>;
    rows: (req: FastifyRequest, org: OrgRef, filters: z.output<z.ZodObject<S>>) => Promise<Row[]>;
  },
): void {
  const orgOf = def.org ?? apiOrganisation;
  const query = organisationQuery.extend({ ...def.filters, ...pageQuery });
  apiRoute(app, { method: 'GET', url: `/api/v1/${def.path}`, operationId: def.operationId, summary: def.summary, tags: ['organisations'], access: def.access, query, response: list(def.response) }, async (req, input) => {
    const q = input.query as z.output<z.ZodObject<S>> & { organisation?: string | undefined; limit: number; offset: number };
    const rows = await def.rows(req, await orgOf(req, q.organisation), q);
    return { items: rows.slice(q.offset, q.offset + q.limit).map(def.json), total: rows.length };
  });
}
