// Routes for follow-up periods: list (by year and status), one period, new and edit forms, archive, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../../core/csv';
import { notFound, type FieldErrors } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { archivePeriod } from '../commands/archive-period';
import { createPeriod } from '../commands/create-period';
import { updatePeriod } from '../commands/update-period';
import { canStructure, periodsEditable } from '../organisations.policy';
import { periodJson, presentPeriod, presentYear } from '../organisations.presenter';
import { findPeriod, findYearByNumber, listPeriods, listYears, type PeriodRow } from '../organisations.queries';
import { PERIOD_KINDS, PERIOD_STATUSES, type PeriodKind, type PeriodStatus } from '../organisations.tables';
import { PeriodFormPage, PeriodPage, PeriodsPage, type PeriodFilterValues, type PeriodFormValues } from '../views/periods';
import { asFormErrors, idParam, orgOf, orgQuery, pick, versionBody, wholeNumber } from './shared';

const FIELD_LABELS: Record<string, string> = {
  year: 'periods.year',
  kind: 'periods.kind',
  name: 'periods.name',
  starts_on: 'periods.starts_on',
  ends_on: 'periods.ends_on',
  report_due: 'periods.report_due',
  status: 'periods.status',
};

const toForm = (p: PeriodRow): PeriodFormValues => ({
  year: p.year,
  kind: p.kind,
  name: p.name,
  startsOn: p.starts_on,
  endsOn: p.ends_on,
  reportDue: p.report_due ?? '',
  status: p.status,
  version: p.version,
});

export function periodRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const filterOf = (req: FastifyRequest): PeriodFilterValues => {
    const q = req.query as { year?: unknown; status?: unknown };
    return { year: wholeNumber(q.year), status: pick(q.status, PERIOD_STATUSES) };
  };

  app.get('/o/:org/periods', async (req, reply) => {
    const org = await orgOf(db, req);
    const filter = filterOf(req);
    const v = view(req, reply, org);
    const periods = (await listPeriods(db, org.id, { year: filter.year, status: filter.status as PeriodStatus | undefined })).map((p) => presentPeriod(p, req.actor, v.t));
    const years = (await listYears(db, org.id)).map((y) => presentYear(y, req.actor, v.t));
    return sendHtml(reply, <PeriodsPage v={v} org={org} periods={periods} years={years} filter={filter} canCreate={canStructure(req.actor, 'create', org.id)} />);
  });

  app.get('/o/:org/periods.csv', async (req, reply) => {
    const org = await orgOf(db, req);
    const filter = filterOf(req);
    const periods = await listPeriods(db, org.id, { year: filter.year, status: filter.status as PeriodStatus | undefined });
    const t = req.ctx.t;
    return sendCsv<PeriodRow>(reply, `${org.slug}-periods${filter.year ? `-${filter.year}` : ''}.csv`, [
      { header: 'id', value: (p) => p.id },
      { header: t('periods.year'), value: (p) => p.year },
      { header: t('periods.name'), value: (p) => p.name },
      { header: t('periods.kind'), value: (p) => t(`period.kind.${p.kind}`) },
      { header: t('periods.starts_on'), value: (p) => p.starts_on },
      { header: t('periods.ends_on'), value: (p) => p.ends_on },
      { header: t('periods.report_due'), value: (p) => p.report_due },
      { header: t('periods.status'), value: (p) => t(`period.status.${p.status}`) },
    ], periods);
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, mode: 'new' | 'edit', values: PeriodFormValues, extra: { id?: string; errors?: FieldErrors; conflict?: { label: string; current: string }[] } = {}) => {
    const v = view(req, reply, org);
    // Only years still open for periods can be chosen; the year a period already has stays listed.
    const years = (await listYears(db, org.id)).filter((y) => periodsEditable(y.status) || String(y.year) === String(values.year)).map((y) => presentYear(y, req.actor, v.t));
    return <PeriodFormPage v={v} org={org} mode={mode} values={values} years={years} {...extra} />;
  };

  app.get('/o/:org/periods/new', async (req, reply) => {
    const org = await orgOf(db, req);
    authorize(req.actor, canStructure(req.actor, 'create', org.id));
    const year = filterOf(req).year ?? (await listYears(db, org.id)).find((y) => periodsEditable(y.status))?.year;
    return sendHtml(reply, await formPage(req, reply, org, 'new', { year, kind: 'tertial', status: 'open' }));
  });

  app.post('/o/:org/periods', async (req, reply) => {
    const org = await orgOf(db, req);
    const input = formBody(req.body);
    return handleForm(reply, () => createPeriod(req.ctx, org.id, input), {
      success: (p) => ({ to: `/o/${org.slug}/periods/${p.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', input as PeriodFormValues, { errors }),
    });
  });

  app.get('/o/:org/periods/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    const period = await findPeriod(db, org.id, idParam(req));
    if (!period) throw notFound();
    const v = view(req, reply, org);
    const year = await findYearByNumber(db, org.id, period.year);
    return sendHtml(reply, <PeriodPage v={v} org={org} period={presentPeriod(period, req.actor, v.t)} yearId={year?.id} />);
  });

  app.get('/o/:org/periods/:id/edit', async (req, reply) => {
    const org = await orgOf(db, req);
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    const id = idParam(req);
    const period = await findPeriod(db, org.id, id);
    if (!period) throw notFound();
    return sendHtml(reply, await formPage(req, reply, org, 'edit', toForm(period), { id }));
  });

  app.post('/o/:org/periods/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    const id = idParam(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updatePeriod(req.ctx, org.id, id, input), {
      success: (p) => ({ to: `/o/${org.slug}/periods/${p.id}` }),
      rerender: (errors, conflict) =>
        formPage(req, reply, org, 'edit', { ...(input as PeriodFormValues), ...(conflict ? { version: Number(conflict.current.version) } : {}) }, {
          id,
          errors,
          // What the user typed stays; the notice shows what the other person saved.
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/o/:org/periods/:id/${action}`, async (req, reply) => {
      const org = await orgOf(db, req);
      const id = idParam(req);
      return handleForm(reply, () => archivePeriod(req.ctx, org.id, id, formBody(req.body), action === 'restore'), {
        success: () => ({ to: `/o/${org.slug}/periods/${id}`, flash: action === 'restore' ? 'form.restored' : 'form.archived' }),
        rerender: async (errors, conflict) => {
          const period = await findPeriod(db, org.id, id);
          if (!period) throw notFound();
          const v = view(req, reply, org);
          const year = await findYearByNumber(db, org.id, period.year);
          // A stale archive button: the page as it is now says what changed.
          return <PeriodPage v={v} org={org} period={presentPeriod(period, req.actor, v.t)} yearId={year?.id} errors={asFormErrors(errors)} conflict={conflict !== undefined} />;
        },
      });
    });
  }

  // JSON API
  const kinds = PERIOD_KINDS as [PeriodKind, ...PeriodKind[]];
  const statuses = PERIOD_STATUSES as [PeriodStatus, ...PeriodStatus[]];
  const periodSchema = z.object({
    id: z.uuid(),
    year: z.number().int(),
    kind: z.enum(kinds),
    name: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    reportDue: z.iso.date().nullable(),
    status: z.enum(statuses),
    version: z.number().int(),
    archived: z.boolean(),
  });
  const periodBody = z.object({
    year: z.number().int(),
    kind: z.enum(kinds),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    reportDue: z.string().nullable().optional(),
    status: z.enum(statuses).optional(),
  });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/periods',
      operationId: 'listPeriods',
      summary: 'Follow-up periods (tertial, interim and annual reports) of an organisation',
      tags: ['organisations'],
      access: 'public',
      query: orgQuery.extend({
        year: z.coerce.number().int().min(1990).max(2100).optional(),
        status: z.enum(statuses).optional(),
        includeArchived: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: list(periodSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const all = await listPeriods(db, org.id, { year: query.year, status: query.status, includeArchived: query.includeArchived === 'true' });
      return { items: all.slice(query.offset, query.offset + query.limit).map(periodJson), total: all.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/periods/:id', operationId: 'getPeriod', summary: 'One follow-up period', tags: ['organisations'], access: 'public', params: z.object({ id: z.uuid() }), query: orgQuery, response: periodSchema },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const period = await findPeriod(db, org.id, params.id);
      if (!period) throw notFound();
      return periodJson(period);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/periods',
      operationId: 'createPeriod',
      summary: 'Add a follow-up period to a budget year (strategists and admins); its dates must lie within the year',
      tags: ['organisations'],
      access: 'signed-in',
      query: orgQuery,
      body: periodBody,
      response: periodSchema,
      status: 201,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createPeriod(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return periodJson(result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/periods/:id',
      operationId: 'updatePeriod',
      summary: 'Update a follow-up period; send the version you read (409 if it changed since)',
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: periodBody.extend({ version: z.number().int() }),
      response: periodSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await updatePeriod(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return periodJson(result.value);
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    apiRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/periods/:id/${action}`,
        operationId: `${action}Period`,
        summary: action === 'archive' ? 'Archive a follow-up period (nothing is deleted)' : 'Restore an archived follow-up period',
        tags: ['organisations'],
        access: 'signed-in',
        params: z.object({ id: z.uuid() }),
        query: orgQuery,
        body: versionBody,
        response: periodSchema,
      },
      async (req, { params, query }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        const result = await archivePeriod(req.ctx, org.id, params.id, req.body, action === 'restore');
        if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
        return periodJson(result.value);
      },
    );
  }
}
