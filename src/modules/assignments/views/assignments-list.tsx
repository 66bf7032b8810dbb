// The assignment list: filters, status counts for the selection, the table, paging and CSV export.
import { LinkButton, PageHeader, Pagination, Select, type Option } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import type { OrgRef, View } from '../../../core/html/view';
import type { AssignmentView } from '../assignments.presenter';
import type { StatusCounts } from '../assignments.queries';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS } from '../assignments.tables';
import { ResponsibleSummary, StatusBadges } from './parts';

export interface ListFilterValues {
  year?: string;
  status?: string;
  body?: string;
  focusArea?: string;
  source?: string;
  late?: boolean;
  archived?: boolean;
}

export function AssignmentsPage(props: {
  v: View;
  org: OrgRef;
  filters: ListFilterValues;
  options: { years: number[]; bodies: Option[]; focusAreas: Option[] };
  rows: AssignmentView[];
  total: number;
  counts: StatusCounts;
  lateCount: number;
  page: { limit: number; offset: number };
  href: (overrides: Record<string, string | number | undefined>) => string;
  csvHref: string;
  canCreate: boolean;
  member: boolean;
}) {
  const { v, org, filters, options, counts } = props;
  const { t } = v;
  return (
    <Layout v={v} title={t('assignments.title')} wide>
      <PageHeader title={t('assignments.title')} lead={t('assignments.lead')}>
        {props.canCreate ? <LinkButton href={`/o/${org.slug}/assignments/new`}>{t('assignments.new')}</LinkButton> : null}
        <a href={props.csvHref}>{t('list.export_csv')}</a>
        <a href={`/api/v1/feeds/assignments.atom?organisation=${org.slug}`} type="application/atom+xml">
          {t('list.subscribe_feed')}
        </a>
      </PageHeader>

      <form method="get" action={`/o/${org.slug}/assignments`} class="filters" aria-label={t('assignments.filter_title')}>
        <Select name="year" label={t('assignments.year')} value={filters.year} empty={t('list.all')} options={options.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <Select
          name="status"
          label={t('assignments.status')}
          value={filters.status}
          empty={t('list.all')}
          options={ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: t(`assignment.status.${s}`) }))}
        />
        <Select name="body" label={t('assignments.body_col')} value={filters.body} empty={t('list.all')} options={options.bodies} />
        <Select name="focusArea" label={t('assignments.focus_areas')} value={filters.focusArea} empty={t('list.all')} options={options.focusAreas} />
        <Select
          name="source"
          label={t('assignments.source')}
          value={filters.source}
          empty={t('list.all')}
          options={SOURCE_KINDS.map((s) => ({ value: s, label: t(`assignment.source.${s}`) }))}
        />
        <div class="field choice">
          <input type="checkbox" id="f-late" name="late" value="true" checked={!!filters.late} />
          <label for="f-late">{t('assignments.filter.late')}</label>
        </div>
        {props.member ? (
          <div class="field choice">
            <input type="checkbox" id="f-archived" name="archived" value="true" checked={!!filters.archived} />
            <label for="f-archived">{t('assignments.filter.archived')}</label>
          </div>
        ) : null}
        <button type="submit" class="button">
          {t('list.filter')}
        </button>
      </form>

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('assignments.summary_title')}</h2>
        <p class="lead">
          <strong>{t('assignments.summary', { closed: counts.byStatus.closed, total: counts.total })}</strong>
          {props.lateCount ? <> · {t('assignments.summary_late', { late: props.lateCount })}</> : null}
        </p>
        <ul class="stats">
          {ASSIGNMENT_STATUSES.filter((s) => counts.byStatus[s] > 0 || !['cancelled', 'transferred'].includes(s)).map((s) => (
            <li class="stat">
              <a href={props.href({ status: s, offset: undefined })} aria-current={filters.status === s ? 'true' : undefined}>
                <span class="n">{counts.byStatus[s]}</span> <span class="label">{t(`assignment.status.${s}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      {props.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t('assignments.caption', { count: props.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assignments.reference')}</th>
                <th scope="col">{t('assignments.assignment')}</th>
                <th scope="col">{t('assignments.year')}</th>
                <th scope="col">{t('assignments.responsible')}</th>
                <th scope="col">{t('assignments.deadline')}</th>
                <th scope="col">{t('assignments.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((a) => (
                <tr>
                  <td>{a.reference}</td>
                  <td>
                    <a href={`/o/${org.slug}/assignments/${a.id}`}>{a.title}</a>
                  </td>
                  <td>{a.year}</td>
                  <td>
                    <ResponsibleSummary v={v} a={a} />
                  </td>
                  <td>{a.deadline ?? '—'}</td>
                  <td>
                    <StatusBadges v={v} a={a} member={props.member} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t('list.empty')}</p>
      )}
      <Pagination v={v} total={props.total} limit={props.page.limit} offset={props.page.offset} href={(offset) => props.href({ offset: offset || undefined })} />
    </Layout>
  );
}
