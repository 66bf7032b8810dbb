// The assignment list: filters, status counts for the selection, the table, paging and CSV export;
// for staff, ticking assignments in the table to change their status together.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../core/errors';
import { Checkbox, ErrorSummary, FilterForm, Form, Hidden, LinkButton, type Option, PageHeader, Pagination, Section, Select, Submit, Table, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
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

/** The bulk status form as the user filled it in, when it comes back with errors. */
export interface BulkFormValues {
  /** Ids of the ticked assignments. */
  selected: string[];
  status?: string;
  comment?: string;
  decisionReference?: string;
}

export function AssignmentsPage(props: {
  v: View;
  org: OrgRef;
  filters: ListFilterValues;
  /** Filters in the address that did not parse: left out of the selection, and said so. */
  filterErrors?: FieldErrors | undefined;
  options: { years: number[]; bodies: Option[]; focusAreas: Option[] };
  rows: AssignmentView[];
  total: number;
  counts: StatusCounts;
  lateCount: number;
  page: { limit: number; offset: number };
  href: (overrides: Record<string, string | number | undefined>) => string;
  /** The list's filters as a query string ('' or ?…) for its downloads. */
  exportQuery: string;
  canCreate: boolean;
  member: boolean;
  /** Staff tick assignments and change their status together; `query` brings them back to this selection. */
  bulk?: { query: string; values?: BulkFormValues; errors?: FieldErrors };
}) {
  const { v, org, filters, options, counts, bulk } = props;
  const { t } = v;
  const selected = new Set(bulk?.values?.selected ?? []);
  const table = (
    // The error "tick at least one" links here.
    <Table
      id={bulk ? 'f-assignments' : undefined}
      caption={t('assignments.caption', { count: props.total })}
      columns={[
        bulk && t('assignments.bulk.select_col'),
        t('assignments.reference'),
        t('assignments.assignment'),
        t('assignments.year'),
        t('assignments.responsible'),
        t('assignments.deadline'),
        t('assignments.status'),
      ]}
    >
          {props.rows.map((a) => (
            <tr>
              {bulk ? (
                <td>
                  <input type="checkbox" id={`bulk-${a.id}`} name="assignments" value={`${a.id}:${a.version}`} checked={selected.has(a.id)} />
                  <label for={`bulk-${a.id}`} class="visually-hidden">
                    {t('assignments.bulk.select', { title: [a.reference, a.title].filter(Boolean).join(' ') })}
                  </label>
                </td>
              ) : null}
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
    </Table>
  );
  return (
    <Layout v={v} title={t('assignments.title')} wide>
      <PageHeader title={t('assignments.title')} lead={t('assignments.lead')}>
        {props.canCreate ? <LinkButton href={`/o/${org.slug}/assignments/new`}>{t('assignments.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/assignments`} query={props.exportQuery} label={t('assignments.title')} />
        <a href={`/api/v1/feeds/assignments.atom?organisation=${org.slug}`} type="application/atom+xml">
          {t('list.subscribe_feed')}
        </a>
      </PageHeader>
      <ErrorSummary v={v} errors={props.filterErrors} />

      <FilterForm v={v} action={`/o/${org.slug}/assignments`} label={t('assignments.filter_title')}>
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
        <Checkbox name="late" value="true" label={t('assignments.filter.late')} checked={!!filters.late} />
        {props.member ? <Checkbox name="archived" value="true" label={t('assignments.filter.archived')} checked={!!filters.archived} /> : null}
      </FilterForm>

      <Section id="summary-title" title={t('assignments.summary_title')}>
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
      </Section>

      {props.rows.length ? (bulk ? <BulkStatusForm v={v} org={org} bulk={bulk}>{table}</BulkStatusForm> : table) : <p class="empty">{t('list.empty')}</p>}
      <Pagination v={v} total={props.total} limit={props.page.limit} offset={props.page.offset} href={(offset) => props.href({ offset: offset || undefined })} />
    </Layout>
  );
}

/** The table inside a form, with the new status and comment below it: works without JavaScript. */
function BulkStatusForm(props: { v: View; org: OrgRef; bulk: { query: string; values?: BulkFormValues; errors?: FieldErrors }; children?: Child }) {
  const { v, org, bulk } = props;
  const { t } = v;
  const values = bulk.values;
  const errors = bulk.errors;
  return (
    <Form v={v} action={`/o/${org.slug}/assignments/bulk-status`} class="form bulk-status">
      <Hidden name="query" value={bulk.query} />
      <ErrorSummary v={v} errors={errors} />
      {props.children}
      <fieldset aria-describedby="bulk-status-lead">
        <legend>{t('assignments.bulk.title')}</legend>
        <p class="hint" id="bulk-status-lead">
          {t('assignments.bulk.lead')}
        </p>
        {/* Not "status": the filter form above has a field of that name, and ids come from names. */}
        <Select
          name="newStatus"
          label={t('assignments.new_status')}
          value={values?.status}
          error={errors?.newStatus}
          required
          empty={t('assignments.bulk.choose_status')}
          options={ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: t(`assignment.status.${s}`) }))}
        />
        <TextArea name="comment" label={t('assignments.comment')} hint={t('assignments.comment_hint')} value={values?.comment} error={errors?.comment} rows={3} />
        <TextField name="decisionReference" label={t('assignments.decision_reference')} hint={t('assignments.decision_reference_hint')} value={values?.decisionReference} error={errors?.decisionReference} />
        <Submit label={t('assignments.bulk.submit')} />
      </fieldset>
    </Form>
  );
}
