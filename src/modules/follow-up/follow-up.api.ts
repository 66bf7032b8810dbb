// The JSON API for status reports and goal assessments: lists and single records (each caller gets what
// follow-up.policy lets them read: anonymous callers approved reports on published subjects, reporters
// other bodies' reports once approved), saving drafts and the workflow steps. One set of routes per
// kind, driven by its descriptor; bodies are the commands' own schemas.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isMember, type Actor } from '../../core/context';
import { notFound } from '../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { idParams, organisationQuery } from '../../core/http/routes';
import { ITEM_KINDS, type ItemKind } from './follow-up.kinds';
import { itemJson } from './follow-up.presenter';
import { findItem, listItems } from './follow-up.queries';
import { returnInput, stepInput } from './follow-up.schema';
import { REPORT_STATES } from './follow-up.tables';
import { saveItem, stepItem, type Step } from './follow-up.workflow';

const workflowFields = {
  periodId: z.uuid(),
  periodName: z.string(),
  year: z.number().int(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  comment: z.string(),
  state: z.enum(REPORT_STATES),
  returnComment: z.string().describe('Why a strategist sent it back to draft (members only)'),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
};

/** A record of the kind as the API answers it. */
const recordSchema = (kind: ItemKind) =>
  z.object({
    id: z.uuid(),
    [kind.targetField]: z.uuid(),
    [`${kind.targetParam}Reference`]: z.string(),
    [`${kind.targetParam}Title`]: z.string(),
    [kind.valueColumn]: z.enum(kind.values),
    ...workflowFields,
  });

const filterQuery = organisationQuery.extend({
  period: z.uuid().optional(),
  body: z.uuid().optional(),
  state: z.enum(REPORT_STATES).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  ...pageQuery,
});

/** Whoever just wrote a report may read it back, whatever its state. */
const SYSTEM_READER: Actor = { kind: 'system', label: 'follow-up api' };

const STEPS: Record<Step, typeof stepInput | typeof returnInput> = { submit: stepInput, approve: stepInput, return: returnInput };

export function followUpApi(app: FastifyInstance): void {
  const db = app.database.db;
  for (const kind of ITEM_KINDS) {
    const record = recordSchema(kind);
    const url = `/api/v1/${kind.path}`;
    /** The record as a member reads it, after a write. */
    const written = async (organisationId: string, id: string) => itemJson(kind, (await findItem(db, kind, organisationId, id, SYSTEM_READER))!, true);

    apiRoute(
      app,
      {
        method: 'GET',
        url,
        operationId: `list${kind.api.many}`,
        summary: kind.api.list,
        tags: ['follow-up'],
        access: 'public',
        query: filterQuery.extend({ [kind.targetParam]: z.uuid().optional() }),
        response: list(record),
      },
      async (req, { query }) => {
        const org = await apiOrganisation(req, query.organisation);
        const internal = isMember(req.actor, org.id);
        // The schema has the kind's own target filter (?assignment= or ?goal=) besides the shared ones.
        const q = query as z.output<typeof filterQuery> & Partial<Record<string, string>>;
        const { rows, total } = await listItems(
          db,
          kind,
          org.id,
          { periodId: q.period, bodyId: q.body, targetId: q[kind.targetParam], state: q.state, year: q.year, readBy: req.actor },
          { limit: q.limit, offset: q.offset },
        );
        return { items: rows.map((r) => itemJson(kind, r, internal)), total };
      },
    );

    apiRoute(
      app,
      { method: 'GET', url: `${url}/:id`, operationId: `get${kind.api.one}`, summary: `One ${kind.name.replace('_', ' ')}`, tags: ['follow-up'], access: 'public', params: idParams, query: organisationQuery, response: record },
      async (req, { params, query }) => {
        const org = await apiOrganisation(req, query.organisation);
        const internal = isMember(req.actor, org.id);
        const row = await findItem(db, kind, org.id, params.id, req.actor);
        if (!row) throw notFound();
        return itemJson(kind, row, internal);
      },
    );

    apiRoute(
      app,
      { method: 'POST', url, operationId: `save${kind.api.one}`, summary: kind.api.save, tags: ['follow-up'], access: 'signed-in', query: organisationQuery, body: kind.schema, response: record },
      async (req, { query, body }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        const result = await saveItem(req.ctx, kind, org.id, body);
        if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
        return written(org.id, result.value.id);
      },
    );

    for (const [step, body] of Object.entries(STEPS) as [Step, typeof stepInput][]) {
      apiRoute(
        app,
        { method: 'POST', url: `${url}/:id/${step}`, operationId: `${step}${kind.api.one}`, summary: kind.api[step], tags: ['follow-up'], access: 'signed-in', params: idParams, query: organisationQuery, body, response: record },
        async (req, { params, query, body: input }, reply) => {
          const org = await apiOrganisation(req, query.organisation);
          const result = await stepItem(req.ctx, kind, step, org.id, params.id, input);
          if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
          return written(org.id, result.value.id);
        },
      );
    }
  }
}
