// Routes for follow-up periods: list (by year and status), one period, new and edit forms, archive, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../../core/export';
import { notFound, type FieldErrors } from '../../../core/errors';
import { parseFilters, routeOrg } from '../../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { archivePeriod } from '../commands/archive-period';
import { createPeriod } from '../commands/create-period';
import { updatePeriod } from '../commands/update-period';
import { canStructure, periodsEditable } from '../organisations.policy';
import { periodJson, presentPeriod, presentYear } from '../organisations.presenter';
import { findPeriod, findYearByNumber, listPeriods, listYears, type PeriodRow } from '../organisations.queries';
import { archiveInput, periodInput, periodUpdate } from '../organisations.schema';
import { PERIOD_KINDS, PERIOD_STATUSES } from '../organisations.tables';
import { PeriodFormPage, PeriodPage, PeriodsPage, type PeriodFormValues } from '../views/periods';
import { archiveActions, recordApi, recordForms, recordListApi, recordPage } from './records';

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
      { header: 'id', value: (p) => p.id },
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
    update: { schema: periodUpdate, run: updatePeriod },
    form: async (req, reply, org, mode, values, extra) => {
      const v = view(req, reply, org);
      // Only years still open for periods can be chosen; the year a period already has stays listed.
      const years = (await listYears(db, org.id)).filter((y) => periodsEditable(y.status) || String(y.year) === String(values.year)).map((y) => presentYear(y, req.actor, v.t));
      return <PeriodFormPage v={v} org={org} mode={mode} values={values} years={years} {...extra} />;
    },
  });

  const periodPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { errors?: FieldErrors; conflict?: boolean } = {}) => {
    const period = await findPeriod(db, org.id, id);
    if (!period) throw notFound();
    const v = view(req, reply, org);
    const year = await findYearByNumber(db, org.id, period.year);
    return <PeriodPage v={v} org={org} period={presentPeriod(period, req.actor, v.t)} yearId={year?.id} {...extra} />;
  };

  recordPage(app, { path: 'periods', page: periodPage, actions: archiveActions(archiveInput, archivePeriod) });

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
    },
  });
}
