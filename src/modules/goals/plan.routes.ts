// Route pieces goals and direction texts share: list filters, the status column of the CSV exports,
// and every route of one record (its page, its form, its buttons and its API calls), which behave
// alike for both and are driven by a table of what differs (PlanRecordRoutes).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMember, type Ctx } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { notFound, type CommandResult, type ConflictError, type FieldErrors } from '../../core/errors';
import { apiRoute, pageQuery, sendFieldErrors } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { formBody, handleForm } from '../../core/http/forms';
import { buttonActionRoutes, idParams, organisationQuery, parseFilters, routeOrg, routeOrgAndId, type ButtonActions, type ConfirmStep } from '../../core/http/routes';
import { archiveConfirmation } from '../../core/html/confirm';
import { sendHtml, type OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import { authorize } from '../../core/policy';
import { formInput } from '../../core/validation';
import { canPlan, canRead, type Publishable } from './goals.policy';
import { versionInput } from './goals.schema';

/** A publish or archive command; `undo` unpublishes or restores. */
type StateCommand<R> = (ctx: Ctx, organisationId: string, id: string, input: unknown, undo?: boolean) => Promise<CommandResult<R>>;

/** A list page's filters and page offset; a filter that does not parse is dropped and reported. */
export function listFilters<S extends z.ZodObject<{ offset: z.ZodDefault<z.ZodNumber> }>>(req: FastifyRequest, schema: S) {
  const { filters, errors } = parseFilters(schema, req.query, req.ctx.t);
  const { offset, ...rest } = filters as z.output<S> & { offset: number };
  return { filters: rest as Omit<z.output<S>, 'offset'>, offset, errors };
}

/** What a reader is shown of a list: members see drafts, and archived records when they ask. */
export function visibility(req: FastifyRequest, org: OrgRef, archived: boolean | undefined) {
  const internal = isMember(req.actor, org.id);
  return { publishedOnly: !internal, includeArchived: internal && archived === true, locale: req.locale };
}

/** What the list pages of both show besides their rows: paging, filters and their errors, what the reader may do. */
export function listPageProps<F>(req: FastifyRequest, org: OrgRef, list: { total: number; limit: number; offset: number; filters: F; errors: FieldErrors | undefined }) {
  return {
    total: list.total,
    limit: list.limit,
    offset: list.offset,
    filters: list.filters,
    canCreate: canPlan(req.actor, 'create', org.id),
    showArchivedFilter: isMember(req.actor, org.id),
    filterErrors: list.errors,
  };
}

/** The API's list query both share: the organisation, year, body, archived ones too, a page. */
export const apiListQuery = organisationQuery.extend({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  body: z.uuid().optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

/** What an API caller is given of a list: members see drafts, and archived records when they ask. */
export function apiVisibility(req: FastifyRequest, org: OrgRef, query: { includeArchived?: 'true' | 'false' | undefined; limit: number; offset: number }) {
  const internal = isMember(req.actor, org.id);
  return { publishedOnly: !internal, includeArchived: internal && query.includeArchived === 'true', limit: query.limit, offset: query.offset };
}

/** The end of both API shapes: where the record stands, and the version to send back with a change. */
export const publicationFields = { published: z.boolean(), publishedAt: z.string().nullable(), archived: z.boolean(), version: z.number().int() };

/** The status column of the CSV exports. */
export const statusLabel = (t: Translate, row: { archived_at: Date | null; published_at: Date | null }): string =>
  t(row.archived_at ? 'goals.status.archived' : row.published_at ? 'goals.status.published' : 'goals.status.draft');

/** POST /o/:org/<path>/:id/{publish,unpublish,archive,restore}: the buttons on a record's page. */
function planButtonRoutes(app: FastifyInstance, path: string, publish: StateCommand<unknown>, archive: StateCommand<unknown>, page: ButtonActions['page'], confirmArchive: ConfirmStep): void {
  const run = (command: StateCommand<unknown>, undo: boolean) => (req: FastifyRequest, org: OrgRef, id: string, input: Record<string, unknown>) =>
    command(req.ctx, org.id, id, formInput(versionInput, input), undo);
  buttonActionRoutes(app, {
    path,
    actions: {
      publish: { run: run(publish, false), flash: 'goals.flash.published' },
      unpublish: { run: run(publish, true), flash: 'goals.flash.unpublished' },
      archive: { run: run(archive, false), flash: 'form.archived', confirm: confirmArchive },
      restore: { run: run(archive, true), flash: 'form.restored' },
    },
    page,
  });
}

interface PlanStateApi<R> {
  /** 'goals' or 'directions'. */
  path: string;
  /** 'Goal' or 'Direction', for the operation ids. */
  noun: string;
  /** Summaries of publish, unpublish, archive and restore. */
  summaries: { publish: string; unpublish: string; archive: string; restore: string };
  publish: StateCommand<R>;
  archive: StateCommand<R>;
  response: z.ZodType;
  json: (record: R) => unknown;
}

/** POST /api/v1/<path>/:id/{publish,unpublish,archive,restore}, each with the version the caller read. */
function planStateApiRoutes<R>(app: FastifyInstance, def: PlanStateApi<R>): void {
  const steps = [
    ['publish', def.publish, false],
    ['unpublish', def.publish, true],
    ['archive', def.archive, false],
    ['restore', def.archive, true],
  ] as const;
  for (const [name, command, undo] of steps) {
    apiRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/${def.path}/:id/${name}`,
        operationId: `${name}${def.noun}`,
        summary: `${def.summaries[name]}; send the version you read`,
        tags: ['goals'],
        access: 'signed-in',
        params: idParams,
        query: organisationQuery,
        body: versionInput,
        response: def.response,
      },
      async (req, { params, query, body }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        return answer(req, reply, await command(req.ctx, org.id, params.id, body, undo), def.json);
      },
    );
  }
}

/** A command's result as the API answers it: the record, or 400 with field errors. */
function answer<R>(req: FastifyRequest, reply: FastifyReply, result: CommandResult<R>, json: (record: R) => unknown): unknown {
  return result.ok ? json(result.value) : sendFieldErrors(reply, req.ctx.t, result.fieldErrors as FieldErrors);
}

type Conflict = { label: string; current: string }[];

/** What the form page of a record is told besides the values: which record, its errors, a conflict. */
export interface FormExtra<R> {
  id?: string;
  current?: R;
  errors?: FieldErrors;
  conflict?: Conflict;
}

/** What differs between goals and direction texts in the routes of one record. */
export interface PlanRecordRoutes<R extends Publishable & { id: string; title: string }, V extends { version?: string | number | undefined }> {
  /** 'goals' or 'directions': /o/:org/<path> and /api/v1/<path>. */
  path: string;
  /** 'Goal' or 'Direction', for the API's operation ids. */
  noun: string;
  find: (db: Executor, organisationId: string, id: string) => Promise<R | undefined>;
  create: { schema: z.ZodType; command: (ctx: Ctx, organisationId: string, input: unknown) => Promise<CommandResult<R>>; summary: string };
  update: { schema: z.ZodType; command: (ctx: Ctx, organisationId: string, id: string, input: unknown) => Promise<CommandResult<R>>; summary: string };
  publish: StateCommand<R>;
  archive: StateCommand<R>;
  /** The record's page, with errors at the top and a status when a button was refused. */
  page: (req: FastifyRequest, reply: FastifyReply, org: OrgRef, record: R, errors?: FieldErrors, status?: number) => Promise<unknown>;
  /** The form page (not yet sent). */
  form: (req: FastifyRequest, reply: FastifyReply, org: OrgRef, mode: 'new' | 'edit', values: V, extra?: FormExtra<R>) => Promise<unknown>;
  /** A record's values as its form shows them, and what a browser sent as the form shows it again. */
  toForm: (record: R) => V;
  fromForm: (input: Record<string, unknown>) => V;
  /** The fields a stale edit changed, with what the other person saved, in words. */
  conflict: (req: FastifyRequest, org: OrgRef, err: ConflictError) => Promise<Conflict>;
  api: { response: z.ZodType; json: (record: R) => unknown; getSummary: string; summaries: PlanStateApi<R>['summaries'] };
}

/**
 * The routes of one goal or direction text: its page, the create and edit forms, the publish,
 * unpublish, archive and restore buttons, and the API's get, create, update and state calls.
 */
export function planRecordRoutes<R extends Publishable & { id: string; title: string }, V extends { version?: string | number | undefined }>(app: FastifyInstance, def: PlanRecordRoutes<R, V>): void {
  const { path } = def;
  const db = app.database.db;
  /** A record the reader may see; otherwise 404 even if it exists, so drafts do not leak. */
  const visible = async (req: FastifyRequest, org: OrgRef, id: string): Promise<R> => {
    const record = await def.find(db, org.id, id);
    if (!record || !canRead(req.actor, record)) throw notFound();
    return record;
  };

  app.post(`/o/:org/${path}`, async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    return handleForm(reply, () => def.create.command(req.ctx, org.id, formInput(def.create.schema, input)), {
      success: (r) => ({ to: `/o/${org.slug}/${path}/${r.id}`, flash: 'form.created' }),
      rerender: (errors) => def.form(req, reply, org, 'new', def.fromForm(input), { errors }),
    });
  });

  app.get(`/o/:org/${path}/:id`, async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    return def.page(req, reply, org, await visible(req, org, id));
  });

  app.get(`/o/:org/${path}/:id/edit`, async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    authorize(req.actor, canPlan(req.actor, 'update', org.id));
    const record = await def.find(db, org.id, id);
    if (!record) throw notFound();
    return sendHtml(reply, await def.form(req, reply, org, 'edit', def.toForm(record), { id, current: record }));
  });

  app.post(`/o/:org/${path}/:id`, async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const input = formBody(req.body);
    return handleForm(reply, () => def.update.command(req.ctx, org.id, id, formInput(def.update.schema, input)), {
      success: (r) => ({ to: `/o/${org.slug}/${path}/${r.id}` }),
      rerender: async (errors, conflict) => {
        const current = await def.find(db, org.id, id);
        const values = def.fromForm(input);
        // What the user typed stays; the notice shows what the other person saved.
        return def.form(req, reply, org, 'edit', conflict ? { ...values, version: Number(conflict.current.version) } : values, {
          id,
          ...(current ? { current } : {}),
          errors,
          ...(conflict ? { conflict: await def.conflict(req, org, conflict) } : {}),
        });
      },
    });
  });

  /** Archiving asks first, naming the goal or direction text; one already archived has nothing to confirm. */
  const confirmArchive: ConfirmStep = async (req, org, id) => {
    authorize(req.actor, canPlan(req.actor, 'archive', org.id));
    const record = await def.find(db, org.id, id);
    if (!record || record.archived_at !== null) return undefined;
    return archiveConfirmation(req.ctx.t, { name: record.title, cancel: `/o/${org.slug}/${path}/${id}` });
  };

  planButtonRoutes(app, path, def.publish, def.archive, async (req, reply, org, id, errors, status) => def.page(req, reply, org, await visible(req, org, id), errors, status), confirmArchive);

  const { response, json } = def.api;
  apiRoute(
    app,
    { method: 'GET', url: `/api/v1/${path}/:id`, operationId: `get${def.noun}`, summary: def.api.getSummary, tags: ['goals'], access: 'public', params: idParams, query: organisationQuery, response },
    async (req, { params, query }) => json(await visible(req, await apiOrganisation(req, query.organisation), params.id)),
  );

  apiRoute(
    app,
    { method: 'POST', url: `/api/v1/${path}`, operationId: `create${def.noun}`, summary: def.create.summary, tags: ['goals'], access: 'signed-in', query: organisationQuery, body: def.create.schema, response, status: 201 },
    async (req, { query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      return answer(req, reply, await def.create.command(req.ctx, org.id, body), json);
    },
  );

  apiRoute(
    app,
    { method: 'PUT', url: `/api/v1/${path}/:id`, operationId: `update${def.noun}`, summary: def.update.summary, tags: ['goals'], access: 'signed-in', params: idParams, query: organisationQuery, body: def.update.schema, response },
    async (req, { params, query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      return answer(req, reply, await def.update.command(req.ctx, org.id, params.id, body), json);
    },
  );

  planStateApiRoutes(app, { path, noun: def.noun, summaries: def.api.summaries, publish: def.publish, archive: def.archive, response, json });
}
