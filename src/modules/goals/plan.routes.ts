// Route pieces goals and direction texts share: their list filters, the status column of their CSV
// exports, and the publish/unpublish/archive/restore buttons and API calls, which behave alike for both.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../core/context';
import { isMember } from '../../core/context';
import type { CommandResult, FieldErrors } from '../../core/errors';
import { apiRoute, sendFieldErrors } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { buttonActionRoutes, idParams, organisationQuery, parseFilters, type ButtonActions } from '../../core/http/routes';
import type { OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import { formInput } from '../../core/validation';
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

/** The status column of the CSV exports. */
export const statusLabel = (t: Translate, row: { archived_at: Date | null; published_at: Date | null }): string =>
  t(row.archived_at ? 'goals.status.archived' : row.published_at ? 'goals.status.published' : 'goals.status.draft');

/** POST /o/:org/<path>/:id/{publish,unpublish,archive,restore}: the buttons on a record's page. */
export function planButtonRoutes(app: FastifyInstance, path: string, publish: StateCommand<unknown>, archive: StateCommand<unknown>, page: ButtonActions['page']): void {
  const run = (command: StateCommand<unknown>, undo: boolean) => (req: FastifyRequest, org: OrgRef, id: string, input: Record<string, unknown>) =>
    command(req.ctx, org.id, id, formInput(versionInput, input), undo);
  buttonActionRoutes(app, {
    path,
    actions: {
      publish: { run: run(publish, false), flash: 'goals.flash.published' },
      unpublish: { run: run(publish, true), flash: 'goals.flash.unpublished' },
      archive: { run: run(archive, false), flash: 'form.archived' },
      restore: { run: run(archive, true), flash: 'form.restored' },
    },
    page,
  });
}

export interface PlanStateApi<R> {
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
export function planStateApiRoutes<R>(app: FastifyInstance, def: PlanStateApi<R>): void {
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
export function answer<R>(req: FastifyRequest, reply: FastifyReply, result: CommandResult<R>, json: (record: R) => unknown): unknown {
  return result.ok ? json(result.value) : sendFieldErrors(reply, req.ctx.t, result.fieldErrors as FieldErrors);
}
