// The list of status reports and goal assessments behind every count of them (on the overview, the
// follow-up table and the work page): filtered by kind, state, period and body, each row a link to
// the report. Reporters find other bodies' reports only once approved (follow-up.policy).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMember } from '../../core/context';
import { AppError } from '../../core/errors';
import { Badge, Empty, ErrorSummary, FilterForm, type Option, PageHeader, Pagination, Select, Table } from '../../core/html/components';
import { Layout } from '../../core/html/layout';
import { DownloadLinks } from '../../core/html/downloads';
import { exportRoutes, sendTable } from '../../core/export';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { parseFilters, routeOrg } from '../../core/http/routes';
import { formatDate, type Messages } from '../../core/i18n';
import { wholeNumber } from '../../core/validation';
import { listBodies } from '../organisations';
import { ITEM_KINDS, type ItemKindName } from './follow-up.kinds';
import { STATE_TONE, valueLabel, valueTone } from './follow-up.presenter';
import { listItems, listPeriods, type ItemDetail } from './follow-up.queries';
import { REPORT_STATES } from './follow-up.tables';

export const reportListFilters = z.object({
  kind: z.enum(['status_report', 'goal_assessment']).optional(),
  state: z.enum(REPORT_STATES).optional(),
  period: z.uuid().optional(),
  body: z.uuid().optional(),
  /** Open periods only: what can still be written, reviewed or returned. */
  periodStatus: z.enum(['open', 'closed']).optional(),
  offset: wholeNumber(0, 1_000_000).default(0),
});
export type ReportListFilters = z.output<typeof reportListFilters>;

const LIMIT = 50;
/** A download takes the whole selection. */
const ALL = { limit: 100_000, offset: 0 };

/** The list's address for `filters`, e.g. behind a count of submitted reports. */
export function reportListHref(orgSlug: string, filters: Partial<Record<'kind' | 'state' | 'period' | 'body' | 'periodStatus' | 'offset', string | undefined>>): string {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  const query = q.toString();
  return `/o/${orgSlug}/follow-up/reports${query ? `?${query}` : ''}`;
}

export function followUpListRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  /** The reports the filters select that the person asking may read: one kind after the other, `page` of them, and how many in all. */
  async function load(req: FastifyRequest, org: OrgRef, f: ReportListFilters, page: { limit: number; offset: number }) {
    if (!isMember(req.actor, org.id)) throw new AppError(req.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
    const kinds = ITEM_KINDS.filter((k) => !f.kind || k.name === f.kind);
    const scope = { periodId: f.period, bodyId: f.body, state: f.state, periodStatus: f.periodStatus, readBy: req.actor };
    // A page that starts in the first kind's rows takes the rest from the second.
    const totals = await Promise.all(kinds.map((kind) => listItems(db, kind, org.id, scope, { limit: 0, offset: 0 }).then((r) => r.total)));
    const rows: (ItemDetail & { kind: ItemKindName; path: string })[] = [];
    let skip = page.offset;
    for (const [i, kind] of kinds.entries()) {
      const total = totals[i]!;
      const room = page.limit - rows.length;
      if (skip >= total) {
        skip -= total;
        continue;
      }
      if (room <= 0) break;
      const found = await listItems(db, kind, org.id, scope, { limit: room, offset: skip });
      rows.push(...found.rows.map((r) => ({ ...r, kind: kind.name, path: kind.path })));
      skip = 0;
    }
    return { rows, total: totals.reduce((sum, n) => sum + n, 0) };
  }

  app.get('/o/:org/follow-up/reports', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters: f, errors } = parseFilters(reportListFilters, req.query, req.ctx.t);
    const { rows, total } = await load(req, org, f, { limit: LIMIT, offset: f.offset });
    const [periods, bodies] = await Promise.all([listPeriods(db, org.id), listBodies(db, org.id, { locale: req.locale })]);
    const v = view(req, reply, org);
    const t = v.t;
    const selection = { kind: f.kind, state: f.state, period: f.period, body: f.body, periodStatus: f.periodStatus };
    const href = (offset: number) => reportListHref(org.slug, { ...selection, offset: offset ? String(offset) : undefined });
    const option = (value: string, label: string): Option => ({ value, label });
    return sendHtml(
      reply,
      <Layout v={v} title={t('followup.reports.title')} wide>
        <PageHeader title={t('followup.reports.title')} lead={t('followup.reports.lead')}>
          <a href={`/o/${org.slug}/follow-up`}>{t('followup.reports.to_follow_up')}</a>
        </PageHeader>
        <ErrorSummary v={v} errors={errors} />
        <p>
          <DownloadLinks v={v} href={`/o/${org.slug}/follow-up/reports`} query={reportListHref(org.slug, selection).split('?')[1] ?? ''} label={t('followup.reports.title')} />
        </p>
        <FilterForm v={v} action={`/o/${org.slug}/follow-up/reports`}>
          <Select name="kind" label={t('followup.csv.kind')} value={f.kind} empty={t('list.all')} options={ITEM_KINDS.map((k) => option(k.name, t(`followup.kind.${k.name}`)))} />
          <Select name="state" label={t('followup.state')} value={f.state} empty={t('list.all')} options={REPORT_STATES.map((s) => option(s, t(`followup.state.${s}`)))} />
          <Select name="period" label={t('followup.period')} value={f.period} empty={t('list.all')} options={periods.map((p) => option(p.id, p.name))} />
          <Select name="body" label={t('followup.body')} value={f.body} empty={t('list.all')} options={bodies.map((b) => option(b.id, b.name))} />
          <Select name="periodStatus" label={t('followup.reports.period_status')} value={f.periodStatus} empty={t('list.all')} options={(['open', 'closed'] as const).map((s) => option(s, t(`period.status.${s}`)))} />
        </FilterForm>
        {rows.length ? (
          <Table
            caption={t('followup.reports.caption', { count: total })}
            columns={[t('followup.reports.subject'), t('followup.csv.kind'), t('followup.body'), t('followup.period'), t('followup.csv.value'), t('followup.state'), t('followup.reports.changed')]}
          >
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/o/${org.slug}/follow-up/${r.path}/${r.id}`}>{[r.target_reference, r.target_title].filter(Boolean).join(' ')}</a>
                </th>
                <td>{t(`followup.kind.${r.kind}`)}</td>
                <td>{r.body_name}</td>
                <td>{r.period_name}</td>
                <td>
                  <Badge tone={valueTone(r.value)}>{valueLabel(r.kind, r.value, t)}</Badge>
                </td>
                <td>
                  <Badge tone={STATE_TONE[r.state]}>{t(`followup.state.${r.state}`)}</Badge>
                </td>
                <td>{formatDate(v.locale, r.updated_at)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <Empty>{t('followup.reports.empty')}</Empty>
        )}
        <Pagination v={v} total={total} limit={LIMIT} offset={f.offset} href={href} />
      </Layout>,
    );
  });

  exportRoutes(app, 'follow-up/reports', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { filters: f } = parseFilters(reportListFilters, req.query, req.ctx.t);
    const { rows } = await load(req, org, f, ALL);
    const t = req.ctx.t;
    type Row = (typeof rows)[number];
    return sendTable<Row>(reply, format, `${org.slug}-reports`, [
      { header: t('followup.csv.kind'), value: (r) => t(`followup.kind.${r.kind}`) },
      { header: t('followup.csv.reference'), value: (r) => r.target_reference },
      { header: t('followup.csv.title'), value: (r) => r.target_title },
      { header: t('followup.body'), value: (r) => r.body_name },
      { header: t('followup.period'), value: (r) => r.period_name },
      { header: t('followup.csv.value'), value: (r) => valueLabel(r.kind, r.value, t) },
      { header: t('followup.state'), value: (r) => t(`followup.state.${r.state}`) },
      { header: t('followup.comment'), value: (r) => r.comment },
      { header: t('followup.state.submitted'), value: (r) => r.submitted_at, kind: 'datetime' },
      { header: t('followup.state.approved'), value: (r) => r.approved_at, kind: 'datetime' },
      { header: t('followup.reports.changed'), value: (r) => r.updated_at, kind: 'datetime' },
    ], rows, { sheetName: t('followup.reports.title') });
  });
}

export const followUpListMessages: Messages = {
  sv: {
    'followup.reports.title': 'Lägesrapporter och målbedömningar',
    'followup.reports.lead': 'Rapporterna från organen, per period och status. Välj en rad för att läsa, granska eller fortsätta skriva.',
    'followup.reports.to_follow_up': 'Till uppföljningen per organ',
    'followup.reports.caption': { zero: 'Inga rapporter', one: '1 rapport', other: '{count} rapporter' },
    'followup.reports.subject': 'Avser',
    'followup.reports.changed': 'Senast ändrad',
    'followup.reports.period_status': 'Periodens status',
    'followup.reports.empty': 'Inga rapporter matchar urvalet.',
  },
  en: {
    'followup.reports.title': 'Status reports and goal assessments',
    'followup.reports.lead': "The bodies' reports, by period and state. Choose a row to read, review or go on writing.",
    'followup.reports.to_follow_up': 'To the follow-up by body',
    'followup.reports.caption': { zero: 'No reports', one: '1 report', other: '{count} reports' },
    'followup.reports.subject': 'Concerns',
    'followup.reports.changed': 'Last changed',
    'followup.reports.period_status': 'Period status',
    'followup.reports.empty': 'No reports match the selection.',
  },
};
