// The JSON API for status reports and goal assessments: lists and single records (anonymous callers
// get approved reports on published subjects only), saving drafts and the workflow steps.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, type CommandResult } from '../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { approveGoalAssessment } from './commands/approve-goal-assessment';
import { approveStatusReport } from './commands/approve-status-report';
import { returnGoalAssessment } from './commands/return-goal-assessment';
import { returnStatusReport } from './commands/return-status-report';
import { saveGoalAssessment } from './commands/save-goal-assessment';
import { saveStatusReport } from './commands/save-status-report';
import { submitGoalAssessment } from './commands/submit-goal-assessment';
import { submitStatusReport } from './commands/submit-status-report';
import { canReadInternal } from './follow-up.policy';
import { goalAssessmentJson, statusReportJson } from './follow-up.presenter';
import { findGoalAssessment, findStatusReport, listGoalAssessments, listStatusReports } from './follow-up.queries';
import { ASSESSMENTS, PROGRESS_VALUES, type Assessment, type Progress, type ReportState } from './follow-up.tables';

const STATES = ['draft', 'submitted', 'approved'] as const;

const workflowFields = {
  periodId: z.uuid(),
  periodName: z.string(),
  year: z.number().int(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  comment: z.string(),
  state: z.enum(STATES),
  returnComment: z.string().describe('Why a strategist sent it back to draft (members only)'),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
};

const statusReportSchema = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  assignmentReference: z.string(),
  assignmentTitle: z.string(),
  progress: z.enum(PROGRESS_VALUES as [Progress, ...Progress[]]),
  ...workflowFields,
});

const goalAssessmentSchema = z.object({
  id: z.uuid(),
  goalId: z.uuid(),
  goalReference: z.string(),
  goalTitle: z.string(),
  assessment: z.enum(ASSESSMENTS as [Assessment, ...Assessment[]]),
  ...workflowFields,
});

const orgQuery = z.object({ organisation: z.string().max(63).optional() });
const filterQuery = {
  period: z.uuid().optional(),
  body: z.uuid().optional(),
  state: z.enum(STATES).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  ...pageQuery,
};
const idParams = z.object({ id: z.uuid() });
const stepBody = z.object({ version: z.number().int().describe('The version you read; 409 if it changed since') });
const returnBody = stepBody.extend({ returnComment: z.string().min(1).max(2000) });

type StepFn = (ctx: FastifyRequest['ctx'], organisationId: string, id: string, input: unknown) => Promise<CommandResult<{ id: string }>>;

export function followUpApi(app: FastifyInstance): void {
  const db = app.database.db;

  // --- Status reports -------------------------------------------------------------------------

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/status-reports',
      operationId: 'listStatusReports',
      summary: 'Status reports on assignments per body and period (anonymous: approved reports on published assignments)',
      tags: ['follow-up'],
      access: 'public',
      query: orgQuery.extend({ ...filterQuery, assignment: z.uuid().optional() }),
      response: list(statusReportSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const internal = canReadInternal(req.actor, org.id);
      const { rows, total } = await listStatusReports(
        db,
        org.id,
        { periodId: query.period, bodyId: query.body, targetId: query.assignment, state: query.state as ReportState | undefined, year: query.year, publicOnly: !internal },
        { limit: query.limit, offset: query.offset },
      );
      return { items: rows.map((r) => statusReportJson(r, internal)), total };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/status-reports/:id', operationId: 'getStatusReport', summary: 'One status report', tags: ['follow-up'], access: 'public', params: idParams, query: orgQuery, response: statusReportSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const internal = canReadInternal(req.actor, org.id);
      const row = await findStatusReport(db, org.id, params.id, !internal);
      if (!row) throw notFound();
      return statusReportJson(row, internal);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/status-reports',
      operationId: 'saveStatusReport',
      summary: "Save a body's status report on an assignment for a period as a draft: creates it, or updates it when you send the version you read (409 if it changed since)",
      tags: ['follow-up'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({
        periodId: z.uuid(),
        bodyId: z.uuid(),
        assignmentId: z.uuid(),
        progress: z.enum(PROGRESS_VALUES as [Progress, ...Progress[]]),
        comment: z.string().max(10000).optional(),
        version: z.number().int().optional(),
      }),
      response: statusReportSchema,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await saveStatusReport(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return statusReportJson((await findStatusReport(db, org.id, result.value.id, false))!, true);
    },
  );

  const statusSteps: [string, string, StepFn, typeof stepBody | typeof returnBody][] = [
    ['submit', 'Submit a draft status report for approval', submitStatusReport, stepBody],
    ['approve', 'Approve a submitted status report (strategists); it becomes public if its assignment is published', approveStatusReport, stepBody],
    ['return', 'Return a submitted status report to draft with a comment (strategists)', returnStatusReport, returnBody],
  ];
  for (const [step, summary, run, body] of statusSteps) {
    apiRoute(
      app,
      { method: 'POST', url: `/api/v1/status-reports/:id/${step}`, operationId: `${step}StatusReport`, summary, tags: ['follow-up'], access: 'signed-in', params: idParams, query: orgQuery, body, response: statusReportSchema },
      async (req, { params, query }, reply) => stepped(req, reply, query.organisation, params.id, run, async (orgId, id) => statusReportJson((await findStatusReport(db, orgId, id, false))!, true)),
    );
  }

  // --- Goal assessments -----------------------------------------------------------------------

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/goal-assessments',
      operationId: 'listGoalAssessments',
      summary: 'Goal assessments per body and period (anonymous: approved assessments of published goals)',
      tags: ['follow-up'],
      access: 'public',
      query: orgQuery.extend({ ...filterQuery, goal: z.uuid().optional() }),
      response: list(goalAssessmentSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const internal = canReadInternal(req.actor, org.id);
      const { rows, total } = await listGoalAssessments(
        db,
        org.id,
        { periodId: query.period, bodyId: query.body, targetId: query.goal, state: query.state as ReportState | undefined, year: query.year, publicOnly: !internal },
        { limit: query.limit, offset: query.offset },
      );
      return { items: rows.map((r) => goalAssessmentJson(r, internal)), total };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/goal-assessments/:id', operationId: 'getGoalAssessment', summary: 'One goal assessment', tags: ['follow-up'], access: 'public', params: idParams, query: orgQuery, response: goalAssessmentSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const internal = canReadInternal(req.actor, org.id);
      const row = await findGoalAssessment(db, org.id, params.id, !internal);
      if (!row) throw notFound();
      return goalAssessmentJson(row, internal);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/goal-assessments',
      operationId: 'saveGoalAssessment',
      summary: "Save a body's assessment of a goal for a period as a draft: creates it, or updates it when you send the version you read (409 if it changed since)",
      tags: ['follow-up'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({
        periodId: z.uuid(),
        bodyId: z.uuid(),
        goalId: z.uuid(),
        assessment: z.enum(ASSESSMENTS as [Assessment, ...Assessment[]]),
        comment: z.string().max(10000).optional(),
        version: z.number().int().optional(),
      }),
      response: goalAssessmentSchema,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await saveGoalAssessment(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return goalAssessmentJson((await findGoalAssessment(db, org.id, result.value.id, false))!, true);
    },
  );

  const goalSteps: [string, string, StepFn, typeof stepBody | typeof returnBody][] = [
    ['submit', 'Submit a draft goal assessment for approval', submitGoalAssessment, stepBody],
    ['approve', 'Approve a submitted goal assessment (strategists); it becomes public if its goal is published', approveGoalAssessment, stepBody],
    ['return', 'Return a submitted goal assessment to draft with a comment (strategists)', returnGoalAssessment, returnBody],
  ];
  for (const [step, summary, run, body] of goalSteps) {
    apiRoute(
      app,
      { method: 'POST', url: `/api/v1/goal-assessments/:id/${step}`, operationId: `${step}GoalAssessment`, summary, tags: ['follow-up'], access: 'signed-in', params: idParams, query: orgQuery, body, response: goalAssessmentSchema },
      async (req, { params, query }, reply) => stepped(req, reply, query.organisation, params.id, run, async (orgId, id) => goalAssessmentJson((await findGoalAssessment(db, orgId, id, false))!, true)),
    );
  }
}

async function stepped(
  req: FastifyRequest,
  reply: FastifyReply,
  organisation: string | undefined,
  id: string,
  run: StepFn,
  answer: (organisationId: string, id: string) => Promise<unknown>,
): Promise<unknown> {
  const org = await apiOrganisation(req, organisation);
  const result = await run(req.ctx, org.id, id, req.body);
  if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
  return answer(org.id, result.value.id);
}
