// Routes for budget years: the list with a form to add one, one year with its periods, its status steps, and the API.
import { formatList } from '../../../core/i18n';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../../core/export';
import { notFound, type FieldErrors } from '../../../core/errors';
import { formBody, handleForm } from '../../../core/http/forms';
import { parseFilters, routeOrg, routeOrgAndId, type ConfirmStep } from '../../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { formInput } from '../../../core/validation';
import { changeYearStatus } from '../commands/change-year-status';
import { createYear } from '../commands/create-year';
import { reopenYear } from '../commands/reopen-year';
import { canStructure } from '../organisations.policy';
import { presentPeriod, presentYear, yearJson } from '../organisations.presenter';
import { findYear, listPeriods, listYears, type YearRow } from '../organisations.queries';
import { yearInput, yearReopenInput, yearStatusInput } from '../organisations.schema';
import { YEAR_STATUSES } from '../organisations.tables';
import { YearPage, YearsPage, type ReopenForm } from '../views/years';
import { recordApi, recordListApi, recordPage } from './records';

/** The list's filter; a status it does not know shows all years. */
const yearFilter = z.object({ status: z.enum(YEAR_STATUSES).optional() });

export function yearRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const listPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, extra: { values?: { year?: string }; errors?: FieldErrors } = {}) => {
    const { status } = parseFilters(yearFilter, req.query, req.ctx.t).filters;
    const v = view(req, reply, org);
    const years = (await listYears(db, org.id, { status })).map((y) => presentYear(y, req.actor, v.t));
    return <YearsPage v={v} org={org} years={years} filter={{ status }} canCreate={canStructure(req.actor, 'create', org.id)} {...extra} />;
  };

  const yearPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean; reopen?: ReopenForm } = {}) => {
    const year = await findYear(db, org.id, id);
    if (!year) throw notFound();
    const v = view(req, reply, org);
    const periods = (await listPeriods(db, org.id, { year: year.year })).map((p) => presentPeriod(p, req.actor, v.t));
    return <YearPage v={v} org={org} year={presentYear(year, req.actor, v.t)} periods={periods} {...extra} />;
  };

  app.get('/o/:org/years', async (req, reply) => {
    const org = await routeOrg(req);
    return sendHtml(reply, await listPage(req, reply, org));
  });

  exportRoutes(app, 'years', async (req, reply, format) => {
    const org = await routeOrg(req);
    const years = await listYears(db, org.id, parseFilters(yearFilter, req.query, req.ctx.t).filters);
    const t = req.ctx.t;
    return sendTable<YearRow>(reply, format, `${org.slug}-years`, [
      { header: 'id', value: (y) => y.id, only: 'csv' },
      { header: t('years.year'), value: (y) => y.year, kind: 'number' },
      { header: t('years.status'), value: (y) => t(`year.status.${y.status}`) },
      { header: t('years.periods'), value: (y) => Number(y.period_count), kind: 'number' },
    ], years, { sheetName: t('nav.years') });
  });

  app.post('/o/:org/years', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    return handleForm(reply, () => createYear(req.ctx, org.id, formInput(yearInput, input)), {
      success: (y) => ({ to: `/o/${org.slug}/years/${y.id}`, flash: 'form.created' }),
      rerender: (errors) => listPage(req, reply, org, { values: input as { year?: string }, errors }),
    });
  });

  /**
   * Closing a year is confirmed first: the page names the periods that close with it and says that no
   * report can be written into the year afterwards. The other steps need no confirmation.
   */
  const confirmClose: ConfirmStep = async (req, org, id, input) => {
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    const year = input.status === 'closed' ? await findYear(db, org.id, id) : undefined;
    // Nothing to confirm where the command will refuse anyway: it then says why.
    if (!year || year.status !== 'active') return undefined;
    const open = await listPeriods(db, org.id, { year: year.year, status: 'open' });
    const t = req.ctx.t;
    return {
      title: t('years.confirm_close.title', { year: year.year }),
      consequences: [
        t('years.confirm_close.year', { year: year.year }),
        t('years.confirm_close.periods', { count: open.length, names: formatList(req.locale, open.map((p) => p.name)) }),
        t('years.confirm_close.reports', { year: year.year }),
        t('years.confirm_close.reopen'),
      ],
      confirmLabel: t('years.confirm_close.button', { year: year.year }),
      cancel: `/o/${org.slug}/years/${id}`,
    };
  };

  // A refused or stale step shows the year as it is now, so the user sees what someone else already did.
  recordPage(app, {
    path: 'years',
    page: yearPage,
    actions: { status: { run: (req, org, id, input) => changeYearStatus(req.ctx, org.id, id, formInput(yearStatusInput, input)), flash: (input) => (input.status === 'closed' ? 'years.closed_flash' : 'form.saved'), confirm: confirmClose } },
  });

  // Reopening (admins): the reason stays beside its field when it is missing or too long.
  app.post('/o/:org/years/:id/reopen', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const typed = formBody(req.body);
    const values = { reason: typeof typed.reason === 'string' ? typed.reason : '', reopenPeriods: typed.reopenPeriods === 'on' || typed.reopenPeriods === 'true' };
    return handleForm(reply, () => reopenYear(req.ctx, org.id, id, formInput(yearReopenInput, typed)), {
      success: () => ({ to: `/o/${org.slug}/years/${id}`, flash: 'years.reopened_flash' }),
      rerender: (errors, conflict) => yearPage(req, reply, org, id, conflict ? { conflict: true } : { reopen: { values, errors } }),
    });
  });

  // JSON API
  const yearSchema = z.object({
    id: z.uuid(),
    year: z.number().int(),
    status: z.enum(YEAR_STATUSES),
    periodCount: z.number().int(),
    version: z.number().int(),
  });

  recordListApi(app, {
    path: 'years',
    operationId: 'listYears',
    summary: 'Budget years of an organisation, newest first',
    access: 'public',
    filters: { status: z.enum(YEAR_STATUSES).optional() },
    response: yearSchema,
    json: yearJson,
    rows: (req, org, query) => listYears(db, org.id, { status: query.status }),
  });

  recordApi(app, {
    path: 'years',
    response: yearSchema,
    json: yearJson,
    get: { operationId: 'getYear', summary: 'One budget year', find: (req, organisationId, id) => findYear(db, organisationId, id) },
    create: { operationId: 'createYear', summary: 'Add a budget year (strategists and admins)', body: yearInput, run: createYear },
    actions: {
      status: {
        operationId: 'changeYearStatus',
        summary: 'Move a budget year one step: planning → active → closed; send the version you read',
        body: yearStatusInput,
        run: changeYearStatus,
      },
      reopen: {
        operationId: 'reopenYear',
        summary: 'Reopen a closed budget year (admins), with the reason kept in the change history; its periods reopen too only with reopenPeriods',
        body: yearReopenInput,
        run: reopenYear,
      },
    },
  });
}
