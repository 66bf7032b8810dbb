// Pages for follow-up periods: the list filtered by year and status, one period, and the new and edit forms.
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, Badge, ErrorSummary, Fact, Facts, FilterForm, Form, FormPage, DateField, Hidden, LinkButton, PageHeader, RecordHeader, Section, Select, Submit, Table, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { PeriodView, YearView } from '../organisations.presenter';
import { REOPEN_REASON_MAX } from '../organisations.schema';
import { PERIOD_KINDS, PERIOD_STATUSES } from '../organisations.tables';
import { ActionRefusal, ArchiveButton } from './shared';

export interface PeriodFilterValues {
  year?: number | undefined;
  status?: string | undefined;
}

const query = (f: PeriodFilterValues) => {
  const p = new URLSearchParams();
  if (f.year !== undefined) p.set('year', String(f.year));
  if (f.status) p.set('status', f.status);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function PeriodsPage(props: { v: View; org: OrgRef; periods: PeriodView[]; years: YearView[]; filter: PeriodFilterValues; canCreate: boolean }) {
  const { v, org, filter } = props;
  return (
    <Layout v={v} title={v.t('periods.title')}>
      <PageHeader title={v.t('periods.title')} lead={v.t('periods.lead')}>
        {props.canCreate ? <LinkButton href={`/o/${org.slug}/periods/new${filter.year !== undefined ? `?year=${filter.year}` : ''}`}>{v.t('periods.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/periods`} query={query(filter)} label={v.t('periods.title')} />
      </PageHeader>
      <FilterForm v={v} action={`/o/${org.slug}/periods`}>
        <Select
          name="year"
          label={v.t('periods.year')}
          value={filter.year !== undefined ? String(filter.year) : undefined}
          empty={v.t('list.all')}
          options={props.years.map((y) => ({ value: String(y.year), label: String(y.year) }))}
        />
        <Select
          name="status"
          label={v.t('periods.status')}
          value={filter.status}
          empty={v.t('list.all')}
          options={PERIOD_STATUSES.map((s) => ({ value: s, label: v.t(`period.status.${s}`) }))}
        />
      </FilterForm>
      {props.periods.length ? (
        <PeriodTable v={v} org={org} periods={props.periods} caption={filter.year !== undefined ? v.t('periods.caption_year', { year: filter.year }) : v.t('periods.caption')} />
      ) : (
        <p class="empty">{v.t('list.empty')}</p>
      )}
    </Layout>
  );
}

export function PeriodTable(props: { v: View; org: OrgRef; periods: PeriodView[]; caption: string }) {
  const { v, org } = props;
  return (
    <Table
      caption={props.caption}
      columns={[v.t('periods.name'), v.t('periods.year'), v.t('periods.kind'), v.t('periods.starts_on'), v.t('periods.ends_on'), v.t('periods.report_due'), v.t('periods.status')]}
    >
          {props.periods.map((p) => (
            <tr>
              <th scope="row">
                <a href={`/o/${org.slug}/periods/${p.id}`}>{p.name}</a>
              </th>
              <td>{p.year}</td>
              <td>{p.kindLabel}</td>
              <td>{p.startsOn}</td>
              <td>{p.endsOn}</td>
              <td>{p.reportDue ?? '—'}</td>
              <td>
                <Badge tone={p.status === 'open' ? 'ok' : 'muted'}>{p.statusLabel}</Badge>
              </td>
            </tr>
          ))}
    </Table>
  );
}

/** The reopen form as the admin filled it in, with what was wrong. */
export interface PeriodReopenForm {
  values: { reason: string };
  errors: FieldErrors;
}

export function PeriodPage(props: {
  v: View;
  org: OrgRef;
  period: PeriodView;
  yearId: string | undefined;
  /** The period's year is closed: the period cannot be reopened before the year is. */
  yearClosed?: boolean;
  errors?: FieldErrors;
  conflict?: boolean;
  reopen?: PeriodReopenForm;
}) {
  const { v, org, period } = props;
  return (
    <Layout v={v} title={period.name}>
      <RecordHeader v={v} title={period.name} lead={`${period.kindLabel} · ${period.year}`} edit={period.can.update && `/o/${org.slug}/periods/${period.id}/edit`} history={v.actor.kind === 'user' && `/o/${org.slug}/history/period/${period.id}`} />
      <ActionRefusal v={v} errors={props.errors} conflict={props.conflict} />
      {period.archived ? (
        <p>
          <Badge tone="warn">{v.t('periods.archived')}</Badge>
        </p>
      ) : null}
      <Facts>
        <Fact label={v.t('periods.year')}>{props.yearId ? <a href={`/o/${org.slug}/years/${props.yearId}`}>{period.year}</a> : period.year}</Fact>
        <Fact label={v.t('periods.kind')}>{period.kindLabel}</Fact>
        <Fact label={v.t('periods.starts_on')}>{period.startsOn}</Fact>
        <Fact label={v.t('periods.ends_on')}>{period.endsOn}</Fact>
        <Fact label={v.t('periods.report_due')}>{period.reportDue ?? '—'}</Fact>
        <Fact label={v.t('periods.status')}>{period.statusLabel}</Fact>
      </Facts>
      {period.can.close ? <ActionForm v={v} action={`/o/${org.slug}/periods/${period.id}/close`} version={period.version} label={v.t('periods.close')} /> : null}
      {period.can.archive ? <ArchiveButton v={v} org={org} path="periods" record={period} /> : null}
      {period.can.reopen ? <PeriodReopen v={v} org={org} period={period} yearClosed={props.yearClosed ?? false} form={props.reopen} /> : null}
    </Layout>
  );
}

export interface PeriodFormValues {
  year?: string | number;
  kind?: string;
  name?: string;
  startsOn?: string;
  endsOn?: string;
  reportDue?: string | null;
  status?: string;
  version?: number | string;
}

export function PeriodFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string;
  values: PeriodFormValues;
  years: YearView[];
  errors?: FieldErrors;
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, values, errors } = props;
  const title = props.mode === 'new' ? v.t('periods.new') : v.t('periods.edit', { name: values.name ?? '' });
  const action = props.mode === 'new' ? `/o/${org.slug}/periods` : `/o/${org.slug}/periods/${props.id}`;
  return (
    <FormPage v={v} title={title} lead={v.t('periods.form_lead')} action={action} cancel={props.id ? `/o/${org.slug}/periods/${props.id}` : `/o/${org.slug}/periods`} version={values.version} errors={errors} conflict={props.conflict}>
      <Select
        name="year"
        label={v.t('periods.year')}
        value={values.year !== undefined ? String(values.year) : undefined}
        error={errors?.year}
        required
        empty={props.years.length ? v.t('form.choose') : v.t('periods.no_years')}
        options={props.years.map((y) => ({ value: String(y.year), label: `${y.year} (${y.statusLabel})` }))}
      />
      <TextField name="name" label={v.t('periods.name')} hint={v.t('periods.name_hint')} value={values.name} error={errors?.name} required />
      <Select name="kind" label={v.t('periods.kind')} value={values.kind} error={errors?.kind} required empty={v.t('form.choose')} options={PERIOD_KINDS.map((k) => ({ value: k, label: v.t(`period.kind.${k}`) }))} />
      <DateField v={v} name="startsOn" label={v.t('periods.starts_on')} value={values.startsOn} error={errors?.startsOn} required />
      <DateField v={v} name="endsOn" label={v.t('periods.ends_on')} value={values.endsOn} error={errors?.endsOn} required />
      <DateField v={v} name="reportDue" label={v.t('periods.report_due')} hint={v.t('periods.report_due_hint')} value={values.reportDue} error={errors?.reportDue} />
      {props.mode === 'new' ? (
        <Select
          name="status"
          label={v.t('periods.status')}
          value={values.status ?? 'open'}
          error={errors?.status}
          options={PERIOD_STATUSES.map((s) => ({ value: s, label: v.t(`period.status.${s}`) }))}
        />
      ) : (
        <p class="hint">{v.t('periods.status_steps')}</p>
      )}
    </FormPage>
  );
}

/** An admin's form to reopen a closed period with a reason; while its year is closed, it says to reopen the year first. */
function PeriodReopen(props: { v: View; org: OrgRef; period: PeriodView; yearClosed: boolean; form: PeriodReopenForm | undefined }) {
  const { v, org, period, form } = props;
  return (
    <Section id="reopen-title" title={v.t('periods.reopen.title')}>
      {props.yearClosed ? (
        <p>{v.t('periods.reopen.year_closed', { year: period.year })}</p>
      ) : (
        <>
          <p>{v.t('periods.reopen.lead')}</p>
          <ErrorSummary v={v} errors={form?.errors} />
          <Form v={v} action={`/o/${org.slug}/periods/${period.id}/reopen`}>
            <Hidden name="version" value={period.version} />
            <TextArea name="reason" label={v.t('years.reopen.reason')} hint={v.t('periods.reopen.reason_hint', { max: REOPEN_REASON_MAX })} value={form?.values.reason} error={form?.errors.reason} rows={3} required />
            <Submit label={v.t('periods.reopen.button', { name: period.name })} secondary />
          </Form>
        </>
      )}
    </Section>
  );
}
