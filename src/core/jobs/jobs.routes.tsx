// The jobs page for staff and GET /api/v1/jobs/:id, for following a job that a form or API call started.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../errors';
import { apiRoute } from '../http/api';
import { apiOrganisation } from '../http/core-routes';
import { sendHtml, view } from '../html/view';
import { idParams, organisationQuery, routeOrg, routeOrgAndId } from '../http/routes';
import { authorize } from '../policy';
import type { JobDefinition } from './jobs';
import { findJob, listJobs } from './jobs';
import { canSeeJobs } from './jobs.policy';
import { jobJson, presentJob } from './jobs.presenter';
import { JOB_STATES } from './jobs.tables';
import { JobPage, JobsPage } from './jobs.views';

const PAGE_SIZE = 50;

const listQuery = z.object({ offset: z.coerce.number().int().min(0).max(1_000_000).catch(0) });

export function jobRoutes(app: FastifyInstance, definitions: ReadonlyMap<string, JobDefinition>): void {
  const db = app.database.db;
  app.get('/o/:org/jobs', async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canSeeJobs(req.actor, org.id));
    const q = listQuery.parse(req.query ?? {});
    const { rows, total } = await listJobs(db, org.id, { limit: PAGE_SIZE, offset: q.offset });
    const v = view(req, reply, org);
    return sendHtml(reply, <JobsPage v={v} org={org} jobs={rows.map((r) => presentJob(r, definitions, v.t, org.slug))} total={total} page={{ limit: PAGE_SIZE, offset: q.offset }} />);
  });

  app.get('/o/:org/jobs/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    authorize(req.actor, canSeeJobs(req.actor, org.id));
    const row = await findJob(db, org.id, id);
    if (!row) throw notFound();
    const v = view(req, reply, org);
    return sendHtml(reply, <JobPage v={v} org={org} job={presentJob(row, definitions, v.t, org.slug)} />);
  });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/jobs/:id',
      operationId: 'getJob',
      summary: 'A background job started by a write that answered 202: its state, progress, result or error (staff of the organisation)',
      tags: ['jobs'],
      access: 'signed-in',
      params: idParams,
      query: organisationQuery,
      response: jobSchema,
    },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      authorize(req.actor, canSeeJobs(req.actor, org.id));
      const row = await findJob(db, org.id, params.id);
      if (!row) throw notFound();
      return jobJson(row, req.ctx.t);
    },
  );
}

export const jobSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe("What the job does, e.g. 'assignments.bulk-status'"),
  state: z.enum(JOB_STATES).describe('queued → running → done or failed; a job interrupted by a restart is resumed (queued again) or failed with a reason'),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  checkpoint: z.unknown().describe('What the job has done so far, as the job kind records it'),
  result: z.unknown().describe('What the job reported when done, as the job kind defines it'),
  error: z.string().nullable().describe('Why it failed, in the caller’s language'),
  attempts: z.number().int().describe('How many times it was started; above 1 it was resumed after an interruption'),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string().nullable(),
});
