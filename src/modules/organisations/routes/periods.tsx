// Routes for follow-up periods: list (by year and status), one period, new and edit forms, archive, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../../core/export';
import { notFound, type FieldErrors } from '../../../core/errors';
import { formBody, handleForm } from '../../../core/http/forms';
import { parseFilters, routeOrg, routeOrgAndId, type ConfirmStep } from '../../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { formInput } from '../../../core/validation';
import { archivePeriod } from '../commands/archive-period';
import { closePeriod } from '../commands/close-period';
import { createPeriod } from '../commands/create-period';
import { reopenPeriod } from '../commands/reopen-period';
import { updatePeriod } from '../commands/update-period';
import { canStructure, periodsEditable } from '../organisations.policy';
import { periodJson, presentPeriod, presentYear } from '../organisations.presenter';
import { findPeriod, findYearByNumber, listPeriods, listYears, type PeriodRow } from '../organisations.queries';
import { archiveInput, periodCloseInput, periodInput, periodReopenInput, periodUpdate } from '../organisations.schema';
import { PERIOD_KINDS, PERIOD_STATUSES } from '../organisations.tables';
import { PeriodFormPage, PeriodPage, PeriodsPage, type PeriodFormValues, type PeriodReopenForm } from '../views/periods';
import { archiveActions, confirmArchive, recordApi, recordForms, recordListApi, recordPage } from './records';

/** The list's filters; a value that is not a year or a status shows all. */
const periodFilter = z.object({ year: z.number().int().min(0).max(9_999_999).optional(), status: z.enum(PERIOD_STATUSES).optional() });

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

  const filterOf = (req: FastifyRequest) => parseFilters(periodFilter, req.query, req.ctx.t).filters;

  app.get('/o/:org/periods', async (req, reply) => {
    const org = await routeOrg(req);
    const filter = filterOf(req);
    const v = view(req, reply, org);
    const periods = (await listPeriods(db, org.id, filter)).map((p) => presentPeriod(p, req.actor, v.t));
    const years = (await listYears(db, org.id)).map((y) => presentYear(y, req.actor, v.t));
    return sendHtml(reply, <PeriodsPage v={v} org={org} periods={periods} years={years} filter={filter} canCreate={canStructure(req.actor, 'create', org.id)} />);
  });

  exportRoutes(app, 'periods', async (req, reply, format) => {
    const org = await routeOrg(req);
    const filter = filterOf(req);
    const periods = await listPeriods(db, org.id, filter);
    const t = req.ctx.t;
    return sendTable<PeriodRow>(reply, format, `${org.slug}-periods${filter.year ? `-${filter.year}` : ''}`, [
      { header: 'id', value: (p) => p.id, only: 'csv' },
      { header: t('periods.year'), value: (p) => p.year, kind: 'number' },
      { header: t('periods.name'), value: (p) => p.name },
      { header: t('periods.kind'), value: (p) => t(`period.kind.${p.kind}`) },
      { header: t('periods.starts_on'), value: (p) => p.starts_on, kind: 'date' },
      { header: t('periods.ends_on'), value: (p) => p.ends_on, kind: 'date' },
      { header: t('periods.report_due'), value: (p) => p.report_due, kind: 'date' },
      { header: t('periods.status'), value: (p) => t(`period.status.${p.status}`) },
    ], periods, { sheetName: t('nav.periods') });
  });

  recordForms(app, {
    path: 'periods',
    find: findPeriod,
    toForm,
    labels: FIELD_LABELS,
    create: {
      schema: periodInput,
      run: createPeriod,
      initial: async (req, org) => ({ year: filterOf(req).year ?? (await listYears(db, org.id)).find((y) => periodsEditable(y.status))?.year, kind: 'tertial', status: 'open' }),
    },
    // The edit form keeps the status as it is: closing asks for a confirmation, reopening for an admin's reason.
    update: { schema: periodUpdate, run: (ctx, organisationId, id, input) => updatePeriod(ctx, organisationId, id, { ...(input as Record<string, unknown>), status: undefined }) },
    form: async (req, reply, org, mode, values, extra) => {
      const v = view(req, reply, org);
      // Only years still open for periods can be chosen; the year a period already has stays listed.
      const years = (await listYears(db, org.id)).filter((y) => periodsEditable(y.status) || String(y.year) === String(values.year)).map((y) => presentYear(y, req.actor, v.t));
      return <PeriodFormPage v={v} org={org} mode={mode} values={values} years={years} {...extra} />;
    },
  });

  const periodPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean; reopen?: PeriodReopenForm } = {}) => {
    const period = await findPeriod(db, org.id, id);
    if (!period) throw notFound();
    const v = view(req, reply, org);
    const year = await findYearByNumber(db, org.id, period.year);
    return <PeriodPage v={v} org={org} period={presentPeriod(period, req.actor, v.t)} yearId={year?.id} yearClosed={year ? !periodsEditable(year.status) : false} {...extra} />;
  };

  /** The period as the confirmation pages name it; undefined (nothing to confirm) when there is none. */
  const periodToConfirm = async (req: FastifyRequest, org: OrgRef, id: string) => {
    authorize(req.actor, canStructure(req.actor, 'update', org.id));
    return findPeriod(db, org.id, id);
  };

  const confirmClose: ConfirmStep = async (req, org, id) => {
    const period = await periodToConfirm(req, org, id);
    // A period already closed is not closed again: the command says so.
    if (!period || period.status !== 'open') return undefined;
    const t = req.ctx.t;
    return {
      title: t('periods.confirm_close.title', { name: period.name }),
      consequences: [t('periods.confirm_close.period', { name: period.name }), t('periods.confirm_close.reports'), t('periods.confirm_close.reopen')],
      confirmLabel: t('periods.confirm_close.button', { name: period.name }),
      cancel: `/o/${org.slug}/periods/${id}`,
    };
  };

  recordPage(app, {
    path: 'periods',
    page: periodPage,
    actions: {
      ...archiveActions(archiveInput, archivePeriod, confirmArchive('periods', findPeriod, (p) => p.name)),
      close: { run: (req, org, id, input) => closePeriod(req.ctx, org.id, id, formInput(periodCloseInput, input)), flash: 'periods.closed_flash', confirm: confirmClose },
    },
  });

  // Reopening (admins): the reason stays beside its field when it is missing or too long.
  app.post('/o/:org/periods/:id/reopen', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const typed = formBody(req.body);
    const values = { reason: typeof typed.reason === 'string' ? typed.reason : '' };
    return handleForm(reply, () => reopenPeriod(req.ctx, org.id, id, formInput(periodReopenInput, typed)), {
      success: () => ({ to: `/o/${org.slug}/periods/${id}`, flash: 'periods.reopened_flash' }),
      rerender: (errors, conflict) => periodPage(req, reply, org, id, conflict ? { conflict: true } : { reopen: { values, errors } }),
    });
  });

  // JSON API
  const periodSchema = z.object({
    id: z.uuid(),
    year: z.number().int(),
    kind: z.enum(PERIOD_KINDS),
    name: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    reportDue: z.iso.date().nullable(),
    status: z.enum(PERIOD_STATUSES),
    version: z.number().int(),
    archived: z.boolean(),
  });

  recordListApi(app, {
    path: 'periods',
    operationId: 'listPeriods',
    summary: 'Follow-up periods (tertial, interim and annual reports) of an organisation',
    access: 'public',
    filters: { year: z.coerce.number().int().min(1990).max(2100).optional(), status: z.enum(PERIOD_STATUSES).optional(), includeArchived: z.enum(['true', 'false']).optional() },
    response: periodSchema,
    json: periodJson,
    rows: (req, org, query) => listPeriods(db, org.id, { year: query.year, status: query.status, includeArchived: query.includeArchived === 'true' }),
  });

  recordApi(app, {
    path: 'periods',
    response: periodSchema,
    json: periodJson,
    get: { operationId: 'getPeriod', summary: 'One follow-up period', find: (req, organisationId, id) => findPeriod(db, organisationId, id) },
    create: {
      operationId: 'createPeriod',
      summary: 'Add a follow-up period to a budget year (strategists and admins); its dates must lie within the year',
      body: periodInput,
      run: createPeriod,
    },
    update: { operationId: 'updatePeriod', summary: 'Update a follow-up period; send the version you read (409 if it changed since)', body: periodUpdate, run: updatePeriod },
    actions: {
      archive: { operationId: 'archivePeriod', summary: 'Archive a follow-up period (nothing is deleted)', body: archiveInput, run: (ctx, organisationId, id, input) => archivePeriod(ctx, organisationId, id, input) },
      restore: { operationId: 'restorePeriod', summary: 'Restore an archived follow-up period', body: archiveInput, run: (ctx, organisationId, id, input) => archivePeriod(ctx, organisationId, id, input, true) },
      close: { operationId: 'closePeriod', summary: 'Close a follow-up period (strategists and admins): its reports can no longer be written or changed', body: periodCloseInput, run: closePeriod },
      reopen: { operationId: 'reopenPeriod', summary: 'Reopen a closed follow-up period (admins), with the reason kept in the change history; not while its year is closed', body: periodReopenInput, run: reopenPeriod },
    },
  });
}
