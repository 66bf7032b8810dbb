// The assignments JSON API: the same commands and schemas as the HTML forms, described in the OpenAPI document.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, type CommandResult } from '../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors, type ApiRouteDef } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { idParams, organisationQuery } from '../../core/http/routes';
import type { OrgRef } from '../../core/html/view';
import { jobJson, jobSchema } from '../../core/jobs';
import { archiveAssignment } from './commands/archive-assignment';
import { changeAssignmentStatus } from './commands/change-assignment-status';
import { createAssignment } from './commands/create-assignment';
import { publishAssignment } from './commands/publish-assignment';
import { startBulkStatusChange } from './commands/start-bulk-status-change';
import { updateAssignment } from './commands/update-assignment';
import { canAssignment, visibilityFor } from './assignments.policy';
import { assignmentJson, statusHistoryJson } from './assignments.presenter';
import { findAssignment, listAssignments, loadRelations, statusHistory, todayInSweden, type AssignmentFilters, type AssignmentRow } from './assignments.queries';
import { archiveInput, assignmentInput, assignmentUpdate, bulkStatusInput, publishInput, statusChangeInput } from './assignments.schema';
import { ASSIGNMENT_STATUSES, RESPONSIBLE_ROLES, SOURCE_KINDS, TARGETS } from './assignments.tables';

const bodyRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  role: z.enum(RESPONSIBLE_ROLES).describe('lead and co are named in the decision; target: one of all committees and companies'),
});

const assignmentSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  body: z.string().describe('The full text as decided'),
  year: z.number().int(),
  status: z.enum(ASSIGNMENT_STATUSES),
  late: z.boolean().describe('Deadline passed and not closed, cancelled or transferred'),
  issuerBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  target: z.enum(TARGETS),
  targetNote: z.string(),
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    title: z.string(),
    registrationNumber: z.string().describe('Diarienummer, e.g. "KS 2017/0406"'),
    decisionDate: z.string().nullable(),
  }),
  deadline: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  archived: z.boolean(),
  version: z.number().int(),
  responsibleBodies: z.array(bodyRefSchema).describe('The lead and co-responsible bodies named in the decision'),
  expandedBodies: z.array(bodyRefSchema).describe('Every responsible body: the named ones and, for target all_committees_and_companies, the executive board and every committee and company'),
  focusAreas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  goals: z.array(z.object({ id: z.uuid(), reference: z.string(), title: z.string() })),
  updatedAt: z.string(),
});

const statusChangeSchema = z.object({
  from: z.enum(ASSIGNMENT_STATUSES).nullable(),
  to: z.enum(ASSIGNMENT_STATUSES),
  at: z.string(),
  comment: z.string(),
  decisionReference: z.string(),
  changedBy: z.string().optional().describe('Members of the organisation only'),
});

const assignmentDetailSchema = assignmentSchema.extend({ statusHistory: z.array(statusChangeSchema) });

export function assignmentApiRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  async function detailJson(req: FastifyRequest, org: OrgRef, row: AssignmentRow) {
    const visibility = visibilityFor(req.actor, org.id);
    const [rel, history] = await Promise.all([loadRelations(db, org.id, [row], visibility, req.locale), statusHistory(db, org.id, row.id)]);
    return { ...assignmentJson(row, rel, todayInSweden()), statusHistory: statusHistoryJson(history, visibility) };
  }

  /**
   * A write that answers with the assignment as it now is: the body is the command's own schema, so
   * the OpenAPI document shows exactly what the command accepts; refusals are 400 with field errors.
   */
  function writeRoute<B extends z.ZodType, P extends z.ZodType = z.ZodUndefined>(
    def: Pick<ApiRouteDef<typeof organisationQuery, B, P>, 'method' | 'url' | 'operationId' | 'summary' | 'params' | 'body' | 'status'>,
    run: (req: FastifyRequest, orgId: string, body: z.output<B>, params: z.output<P>) => Promise<CommandResult<AssignmentRow>>,
  ): void {
    apiRoute(
      app,
      { ...def, tags: ['assignments'], access: 'signed-in', query: organisationQuery, response: assignmentDetailSchema },
      async (req, { params, query, body }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        const result = await run(req, org.id, body as z.output<B>, params as z.output<P>);
        if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
        return detailJson(req, org, result.value);
      },
    );
  }

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assignments',
      operationId: 'listAssignments',
      summary: 'Assignments (uppdrag) with their responsible bodies; anonymous callers get published ones',
      tags: ['assignments'],
      access: 'public',
      query: organisationQuery.extend({
        year: z.coerce.number().int().min(1990).max(2100).optional(),
        status: z.enum(ASSIGNMENT_STATUSES).optional(),
        body: z.uuid().optional().describe('A body: matches lead, co-responsible, or a committee/company under the all-committees target'),
        focusArea: z.uuid().optional(),
        source: z.enum(SOURCE_KINDS).optional(),
        late: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: list(assignmentSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const visibility = visibilityFor(req.actor, org.id);
      const today = todayInSweden();
      const filters: AssignmentFilters = {
        year: query.year,
        status: query.status,
        bodyId: query.body,
        focusAreaId: query.focusArea,
        sourceKind: query.source,
        late: query.late === 'true',
        today,
      };
      const { rows, total } = await listAssignments(db, org.id, filters, visibility, { limit: query.limit, offset: query.offset });
      const rel = await loadRelations(db, org.id, rows, visibility, req.locale);
      return { items: rows.map((r) => assignmentJson(r, rel, today)), total };
    },
  );

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assignments/:id',
      operationId: 'getAssignment',
      summary: 'One assignment with its status history',
      tags: ['assignments'],
      access: 'public',
      params: idParams,
      query: organisationQuery,
      response: assignmentDetailSchema,
    },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const row = await findAssignment(db, org.id, params.id);
      if (!row || !canAssignment(req.actor, 'read', org.id, row)) throw notFound();
      return detailJson(req, org, row);
    },
  );

  writeRoute(
    {
      method: 'POST',
      url: '/api/v1/assignments',
      operationId: 'createAssignment',
      summary: 'Create an assignment (status new, unpublished)',
      body: assignmentInput,
      status: 201,
    },
    (req, orgId, body) => createAssignment(req.ctx, orgId, body),
  );

  writeRoute(
    {
      method: 'PUT',
      url: '/api/v1/assignments/:id',
      operationId: 'updateAssignment',
      summary: 'Update an assignment; send the version you read (409 if it changed since). The status changes through /status.',
      params: idParams,
      body: assignmentUpdate,
    },
    (req, orgId, body, { id }) => updateAssignment(req.ctx, orgId, id, body),
  );

  writeRoute(
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/status',
      operationId: 'changeAssignmentStatus',
      summary: 'Move an assignment along its lifecycle (new → ongoing → progress_reported → reported → closed; cancelled, transferred)',
      params: idParams,
      body: statusChangeInput,
    },
    (req, orgId, body, { id }) => changeAssignmentStatus(req.ctx, orgId, id, body),
  );

  writeRoute(
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/publish',
      operationId: 'publishAssignment',
      summary: 'Publish an assignment, or withdraw it with "published": false',
      params: idParams,
      body: publishInput,
    },
    (req, orgId, body, { id }) => publishAssignment(req.ctx, orgId, id, body, !body.published),
  );

  writeRoute(
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/archive',
      operationId: 'archiveAssignment',
      summary: 'Archive an assignment (nothing is deleted), or restore it with "archived": false',
      params: idParams,
      body: archiveInput,
    },
    (req, orgId, body, { id }) => archiveAssignment(req.ctx, orgId, id, body, !body.archived),
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments/bulk-status',
      operationId: 'changeAssignmentsStatus',
      summary:
        'Move many assignments to one status with one comment. Answers 202 with a background job; follow it at /api/v1/jobs/{id}. ' +
        'Each assignment changes on its own; one that cannot take the status (the lifecycle, or a newer version than the one sent) keeps it and is listed in the job result.',
      tags: ['assignments'],
      access: 'signed-in',
      query: organisationQuery,
      body: bulkStatusInput,
      response: jobSchema,
      status: 202,
    },
    async (req, { query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await startBulkStatusChange(req.ctx, org.id, body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return jobJson(result.value, req.ctx.t);
    },
  );
}
