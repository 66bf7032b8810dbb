// The organisation's home page (/o/:org): the year at a glance, its CSV of status counts and the
// same numbers in the JSON API. Anonymous visitors get the numbers over published data.
import { renderWidgets } from '../../core/html/widgets';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMember } from '../../core/context';
import { exportRoutes, sendTable, type ExportColumn } from '../../core/export';
import { apiRoute } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { formInput, optionalUuid, year } from '../../core/validation';
import { organisationQuery, routeOrg } from '../../core/http/routes';
import { listBodies } from '../organisations';
import { sourceLabelKey } from '../assignments';
import { dashboardData, defaultYear, todayInSweden } from './dashboard.queries';
import { ASSIGNMENT_STATUS_ORDER, presentDashboard, SOURCE_ORDER, type DashboardFilters, type DashboardView } from './follow-up.presenter';
import { findBodyRef, listFocusAreas, listYears } from './follow-up.queries';
import { ASSESSMENTS } from './follow-up.tables';
import { DashboardPage } from './views/dashboard';

// Filters in a GET form: a value that does not parse is read as "not chosen".
const filterQuery = z.object({
  year: year().optional().catch(undefined),
  body: optionalUuid().catch(undefined),
  focusArea: optionalUuid().catch(undefined),
});

export function dashboardRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  /** The overview for the request's filters, or undefined when the organisation has no years yet. */
  async function load(req: FastifyRequest, org: OrgRef, raw: unknown): Promise<{ view: DashboardView | undefined; filters: DashboardFilters | undefined; years: number[]; publicOnly: boolean }> {
    const q = filterQuery.parse(formInput(filterQuery, raw));
    const today = todayInSweden();
    const years = await listYears(db, org.id);
    const year = q.year ?? defaultYear(years, today);
    const publicOnly = !isMember(req.actor, org.id);
    if (year === undefined) return { view: undefined, filters: undefined, years, publicOnly };
    const body = q.body ? await findBodyRef(db, org.id, q.body) : undefined;
    const filters: DashboardFilters = { year, bodyId: body?.id, focusAreaId: q.focusArea };
    const data = await dashboardData(db, { organisationId: org.id, year, body, focusAreaId: q.focusArea, publicOnly, readBy: req.actor, today }, req.locale);
    return { view: presentDashboard(org.slug, filters, data, req.ctx.t), filters, years, publicOnly };
  }

  app.get('/o/:org', async (req, reply) => {
    const org = await routeOrg(req);
    const [{ view: dashboard, filters, years, publicOnly }, bodies, focusAreas, widgets] = await Promise.all([
      load(req, org, req.query),
      listBodies(db, org.id, { locale: req.locale }),
      listFocusAreas(db, org.id),
      renderWidgets(req, org, app.catalogue.overview),
    ]);
    const v = view(req, reply, org);
    const csv = new URLSearchParams();
    if (filters) {
      csv.set('year', String(filters.year));
      if (filters.bodyId) csv.set('body', filters.bodyId);
      if (filters.focusAreaId) csv.set('focusArea', filters.focusAreaId);
    }
    return sendHtml(
      reply,
      <DashboardPage
        v={v}
        org={org}
        years={(dashboard && !years.includes(dashboard.year) ? [dashboard.year, ...years] : years).map((y) => ({ value: String(y), label: String(y) }))}
        bodies={bodies.map((b) => ({ value: b.id, label: b.name }))}
        focusAreas={focusAreas.map((f) => ({ value: f.id, label: f.name }))}
        bodyId={filters?.bodyId}
        focusAreaId={filters?.focusAreaId}
        exportQuery={`?${csv.toString()}`}
        publicOnly={publicOnly}
        dashboard={dashboard}
        widgets={widgets}
      />,
    );
  });

  exportRoutes(app, 'dashboard', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { view: d } = await load(req, org, req.query);
    const t = req.ctx.t;
    type Row = { status: string; label: string; n: number; bySource: Record<string, number> };
    const rows: Row[] = (d?.statuses ?? []).map((s) => ({
      status: s.key,
      label: s.label,
      n: s.n,
      bySource: Object.fromEntries((d?.sources ?? []).map((src) => [src.key, src.counts.find((c) => c.key === s.key)?.n ?? 0])),
    }));
    return sendTable<Row>(reply, format, `${org.slug}-assignments-by-status-${d?.year ?? ''}`, [
      { header: t('dashboard.year'), value: () => d?.year, kind: 'number' },
      { header: t('dashboard.status'), value: (r) => r.label },
      // The code is for machines; the workbook reads as the page does.
      { header: t('dashboard.status_code'), value: (r) => r.status, only: 'csv' },
      { header: t('dashboard.count'), value: (r) => r.n, kind: 'number' },
      ...SOURCE_ORDER.map((src): ExportColumn<Row> => ({ header: t(sourceLabelKey(src)), value: (r) => r.bySource[src] ?? 0, kind: 'number' })),
    ], rows, { sheetName: d ? t('dashboard.status_caption', { year: d.year }) : t('dashboard.title') });
  });

  const countsOf = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
  const statusCounts = countsOf(ASSIGNMENT_STATUS_ORDER);

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dashboard',
      operationId: 'getDashboard',
      summary: 'The state of a year: assignments per status and source, late assignments, goals by latest assessment, follow-up progress (anonymous: published data)',
      tags: ['follow-up'],
      access: 'public',
      query: organisationQuery.extend({
        year: z.coerce.number().int().min(1990).max(2100).optional(),
        body: z.uuid().optional(),
        focusArea: z.uuid().optional(),
      }),
      response: z.object({
        year: z.number().int().nullable(),
        total: z.number().int(),
        statuses: statusCounts,
        sources: z.array(z.object({ source: z.enum(SOURCE_ORDER), total: z.number().int(), statuses: statusCounts })),
        collections: z.array(z.object({ title: z.string(), source: z.string(), years: z.string(), total: z.number().int(), closed: z.number().int() })),
        late: z.number().int(),
        lateAssignments: z.array(z.object({ id: z.uuid(), reference: z.string(), title: z.string(), deadline: z.string(), status: z.string() })),
        goals: countsOf([...ASSESSMENTS, 'none'] as const),
        followUp: z
          .object({ periodId: z.uuid(), periodName: z.string(), bodies: z.number().int(), bodiesComplete: z.number().int(), bodiesApproved: z.number().int() })
          .nullable(),
      }),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const { view: d } = await load(req, org, { year: query.year, body: query.body, focusArea: query.focusArea });
      const countMap = (items: { key: string; n: number }[]) => Object.fromEntries(items.map((c) => [c.key, c.n]));
      return {
        year: d?.year ?? null,
        total: d?.total ?? 0,
        statuses: countMap(d?.statuses ?? ASSIGNMENT_STATUS_ORDER.map((key) => ({ key, n: 0 }))),
        sources: (d?.sources ?? []).map((s) => ({ source: s.key, total: s.total, statuses: countMap(s.counts) })),
        collections: (d?.collections ?? []).map((c) => ({ title: c.title, source: c.kindLabel, years: c.years, total: c.total, closed: c.closed })),
        late: d?.late.length ?? 0,
        lateAssignments: (d?.late ?? []).map((l) => ({ id: l.id, reference: l.reference, title: l.title, deadline: l.deadline, status: l.status })),
        goals: countMap(d?.goals ?? [...ASSESSMENTS, 'none'].map((key) => ({ key, n: 0 }))),
        followUp: d?.progress
          ? { periodId: d.progress.periodId, periodName: d.progress.periodName, bodies: d.progress.bodiesTotal, bodiesComplete: d.progress.bodiesComplete, bodiesApproved: d.progress.bodiesApproved }
          : null,
      };
    },
  );
}
