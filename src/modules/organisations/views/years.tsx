// Pages for budget years: the list with its filter and a form to add a year, and one year with its periods.
import type { FieldErrors } from '../../../core/errors';
import { Badge, Checkbox, ErrorSummary, Fact, Facts, FilterForm, Form, Hidden, LinkButton, num, PageHeader, RecordHeader, Section, Select, Submit, Table, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { PeriodView, YearView } from '../organisations.presenter';
import { REOPEN_REASON_MAX } from '../organisations.schema';
import { YEAR_STATUSES } from '../organisations.tables';
import { PeriodTable } from './periods';
import { ActionRefusal } from './shared';

export function YearsPage(props: {
  v: View;
  org: OrgRef;
  years: YearView[];
  filter: { status?: string | undefined };
  canCreate: boolean;
  values?: { year?: string | number };
  errors?: FieldErrors;
}) {
  const { v, org, errors } = props;
  const exportQuery = props.filter.status ? `?status=${encodeURIComponent(props.filter.status)}` : '';
  return (
    <Layout v={v} title={v.t('years.title')}>
      <PageHeader title={v.t('years.title')} lead={v.t('years.lead')}>
        <DownloadLinks v={v} href={`/o/${org.slug}/years`} query={exportQuery} label={v.t('years.title')} />
      </PageHeader>
      <ErrorSummary v={v} errors={errors} />
      <FilterForm v={v} action={`/o/${org.slug}/years`}>
        <Select
          name="status"
          label={v.t('years.status')}
          value={props.filter.status}
          empty={v.t('list.all')}
          options={YEAR_STATUSES.map((s) => ({ value: s, label: v.t(`year.status.${s}`) }))}
        />
      </FilterForm>
      {props.years.length ? (
        <Table caption={v.t('years.caption', { count: props.years.length })} columns={[v.t('years.year'), v.t('years.status'), num(v.t('years.periods')), props.canCreate && v.t('organisations.actions')]}>
              {props.years.map((y) => (
                <tr>
                  <th scope="row">
                    <a href={`/o/${org.slug}/years/${y.id}`}>{v.t('years.name', { year: y.year })}</a>
                  </th>
                  <td>
                    <Badge tone={y.statusTone}>{y.statusLabel}</Badge>
                  </td>
                  <td class="num">
                    <a href={`/o/${org.slug}/periods?year=${y.year}`}>{y.periodCount}</a>
                  </td>
                  {props.canCreate ? <td>{y.next ? <StatusForm v={v} org={org} year={y} /> : null}</td> : null}
                </tr>
              ))}
        </Table>
      ) : (
        <p class="empty">{v.t('list.empty')}</p>
      )}
      {props.canCreate ? (
        <Section id="new-year-title" title={v.t('years.new')}>
          <Form v={v} action={`/o/${org.slug}/years`}>
            <TextField name="year" label={v.t('years.year')} hint={v.t('years.year_hint')} value={props.values?.year} error={errors?.year} inputmode="numeric" size="short" required />
            <Submit label={v.t('years.create')} />
          </Form>
        </Section>
      ) : null}
    </Layout>
  );
}

function StatusForm(props: { v: View; org: OrgRef; year: YearView }) {
  const { v, org, year } = props;
  if (!year.next) return null;
  return (
    <Form v={v} action={`/o/${org.slug}/years/${year.id}/status`} class="inline-form">
      <Hidden name="status" value={year.next.status} />
      <Hidden name="version" value={year.version} />
      <button type="submit" class="button secondary">
        {year.next.label}
        <span class="visually-hidden"> ({v.t('years.name', { year: year.year })})</span>
      </button>
    </Form>
  );
}

/** The reopen form as the admin filled it in, with what was wrong. */
export interface ReopenForm {
  values: { reason: string; reopenPeriods?: boolean };
  errors: FieldErrors;
}

export function YearPage(props: { v: View; org: OrgRef; year: YearView; periods: PeriodView[]; errors?: FieldErrors; conflict?: boolean; reopen?: ReopenForm }) {
  const { v, org, year } = props;
  const title = v.t('years.name', { year: year.year });
  return (
    <Layout v={v} title={title}>
      <RecordHeader v={v} title={title} lead={v.t('years.lead')} history={v.actor.kind === 'user' && `/o/${org.slug}/history/year/${year.id}`}>
        {year.can.createPeriod ? <LinkButton href={`/o/${org.slug}/periods/new?year=${year.year}`}>{v.t('periods.new')}</LinkButton> : null}
      </RecordHeader>
      <ActionRefusal v={v} errors={props.errors} conflict={props.conflict} />
      <Facts>
        <Fact label={v.t('years.status')}>
          <Badge tone={year.statusTone}>{year.statusLabel}</Badge>
        </Fact>
      </Facts>
      {year.next ? <StatusForm v={v} org={org} year={year} /> : null}
      <h2>{v.t('periods.title')}</h2>
      {props.periods.length ? <PeriodTable v={v} org={org} periods={props.periods} caption={v.t('periods.caption_year', { year: year.year })} /> : <p class="empty">{v.t('list.empty')}</p>}
      {year.can.reopen ? <YearReopen v={v} org={org} year={year} form={props.reopen} /> : null}
    </Layout>
  );
}

/** An admin's form to reopen a closed year: the reason is required; the periods reopen only when ticked. */
function YearReopen(props: { v: View; org: OrgRef; year: YearView; form: ReopenForm | undefined }) {
  const { v, org, year, form } = props;
  return (
    <Section id="reopen-title" title={v.t('years.reopen.title')}>
      <p>{v.t('years.reopen.lead')}</p>
      <ErrorSummary v={v} errors={form?.errors} />
      <Form v={v} action={`/o/${org.slug}/years/${year.id}/reopen`}>
        <Hidden name="version" value={year.version} />
        <TextArea name="reason" label={v.t('years.reopen.reason')} hint={v.t('years.reopen.reason_hint', { max: REOPEN_REASON_MAX })} value={form?.values.reason} error={form?.errors.reason} rows={3} required />
        <Checkbox name="reopenPeriods" label={v.t('years.reopen.periods')} checked={form?.values.reopenPeriods} />
        <Submit label={v.t('years.reopen.button', { year: year.year })} secondary />
      </Form>
    </Section>
  );
}
