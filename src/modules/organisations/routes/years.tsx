// Routes for budget years: the list with a form to add one, one year with its periods, its status steps, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../../core/csv';
import type { FieldErrors } from '../../../core/errors';
import { notFound } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { formBody, handleForm } from '../../../core/http/forms';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { changeYearStatus } from '../commands/change-year-status';
import { createYear } from '../commands/create-year';
import { canStructure } from '../organisations.policy';
import { presentPeriod, presentYear, yearJson } from '../organisations.presenter';
import { findYear, listPeriods, listYears, type YearRow } from '../organisations.queries';
import { YEAR_STATUSES, type YearStatus } from '../organisations.tables';
import { YearPage, YearsPage } from '../views/years';
import { asFormErrors, idParam, orgOf, orgQuery, pick } from './shared';

export function yearRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const listPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, extra: { values?: { year?: string }; errors?: FieldErrors } = {}) => {
    const status = pick((req.query as { status?: unknown }).status, YEAR_STATUSES);
    const v = view(req, reply, org);
    const years = (await listYears(db, org.id, { status })).map((y) => presentYear(y, req.actor, v.t));
    return <YearsPage v={v} org={org} years={years} filter={{ status }} canCreate={canStructure(req.actor, 'create', org.id)} {...extra} />;
  };

  const yearPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean } = {}) => {
    const year = await findYear(db, org.id, id);
    if (!year) throw notFound();
    const v = view(req, reply, org);
    const periods = (await listPeriods(db, org.id, { year: year.year })).map((p) => presentPeriod(p, req.actor, v.t));
    return <YearPage v={v} org={org} year={presentYear(year, req.actor, v.t)} periods={periods} {...extra} />;
  };

  app.get('/o/:org/years', async (req, reply) => {
    const org = await orgOf(db, req);
    return sendHtml(reply, await listPage(req, reply, org));
  });

  app.get('/o/:org/years.csv', async (req, reply) => {
    const org = await orgOf(db, req);
    const years = await listYears(db, org.id, { status: pick((req.query as { status?: unknown }).status, YEAR_STATUSES) });
    const t = req.ctx.t;
    return sendCsv<YearRow>(reply, `${org.slug}-years.csv`, [
      { header: 'id', value: (y) => y.id },
      { header: t('years.year'), value: (y) => y.year },
      { header: t('years.status'), value: (y) => t(`year.status.${y.status}`) },
      { header: t('years.periods'), value: (y) => Number(y.period_count) },
    ], years);
  });

  app.post('/o/:org/years', async (req, reply) => {
    const org = await orgOf(db, req);
    const input = formBody(req.body);
    return handleForm(reply, () => createYear(req.ctx, org.id, input), {
      success: (y) => ({ to: `/o/${org.slug}/years/${y.id}`, flash: 'form.created' }),
      rerender: (errors) => listPage(req, reply, org, { values: input as { year?: string }, errors }),
    });
  });

  app.get('/o/:org/years/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    return sendHtml(reply, await yearPage(req, reply, org, idParam(req)));
  });

  app.post('/o/:org/years/:id/status', async (req, reply) => {
    const org = await orgOf(db, req);
    const id = idParam(req);
    return handleForm(reply, () => changeYearStatus(req.ctx, org.id, id, formBody(req.body)), {
      success: (y) => ({ to: `/o/${org.slug}/years/${y.id}` }),
      // The page shows the year as it is now, so the user sees what someone else already did.
      rerender: (errors, conflict) => yearPage(req, reply, org, id, { errors: asFormErrors(errors), conflict: conflict !== undefined }),
    });
  });

  // JSON API
  const yearSchema = z.object({
    id: z.uuid(),
    year: z.number().int(),
    status: z.enum(YEAR_STATUSES as [YearStatus, ...YearStatus[]]),
    periodCount: z.number().int(),
    version: z.number().int(),
  });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/years',
      operationId: 'listYears',
      summary: 'Budget years of an organisation, newest first',
      tags: ['organisations'],
      access: 'public',
      query: orgQuery.extend({ status: z.enum(YEAR_STATUSES as [YearStatus, ...YearStatus[]]).optional(), ...pageQuery }),
      response: list(yearSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const all = await listYears(db, org.id, { status: query.status });
      return { items: all.slice(query.offset, query.offset + query.limit).map(yearJson), total: all.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/years/:id', operationId: 'getYear', summary: 'One budget year', tags: ['organisations'], access: 'public', params: z.object({ id: z.uuid() }), query: orgQuery, response: yearSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const year = await findYear(db, org.id, params.id);
      if (!year) throw notFound();
      return yearJson(year);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/years',
      operationId: 'createYear',
      summary: 'Add a budget year (strategists and admins)',
      tags: ['organisations'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({ year: z.number().int(), status: z.enum(YEAR_STATUSES as [YearStatus, ...YearStatus[]]).optional() }),
      response: yearSchema,
      status: 201,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createYear(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return yearJson(result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/years/:id/status',
      operationId: 'changeYearStatus',
      summary: 'Move a budget year one step: planning → active → closed; send the version you read',
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: z.object({ status: z.enum(YEAR_STATUSES as [YearStatus, ...YearStatus[]]), version: z.number().int() }),
      response: yearSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await changeYearStatus(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return yearJson(result.value);
    },
  );
}
