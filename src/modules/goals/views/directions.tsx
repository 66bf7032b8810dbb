// Pages for direction texts (inriktning): the list with filters, one text, and the new and edit forms.
import type { FieldErrors } from '../../../core/errors';
import { Checkbox, Empty, ErrorSummary, Fact, Facts, FilterForm, LinkButton, type Option, PageHeader, Pagination, RecordHeader, Select, Table, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { DirectionView } from '../goals.presenter';
import { Paragraphs, PlanActionForms, queryString, StatusBadges, statusText, PlanFormPage } from './parts';

export interface DirectionFilterValues {
  year?: number | undefined;
  body?: string | undefined;
  archived?: boolean | undefined;
}

export function DirectionsPage(props: {
  v: View;
  org: OrgRef;
  directions: DirectionView[];
  total: number;
  limit: number;
  offset: number;
  filters: DirectionFilterValues;
  options: { years: number[]; bodies: Option[] };
  canCreate: boolean;
  showArchivedFilter: boolean;
  filterErrors?: FieldErrors | undefined;
}) {
  const { v, org, filters } = props;
  const base = `/o/${org.slug}/directions`;
  const query = { year: filters.year, body: filters.body, archived: filters.archived ? '1' : undefined };
  return (
    <Layout v={v} title={v.t('directions.title')}>
      <PageHeader title={v.t('directions.title')} lead={v.t('directions.lead')}>
        {props.canCreate ? <LinkButton href={`${base}/new`}>{v.t('directions.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/directions`} query={queryString(query)} label={v.t('directions.title')} />
      </PageHeader>
      <ErrorSummary v={v} errors={props.filterErrors} />
      <FilterForm v={v} action={base} label={v.t('directions.filters')}>
<Select name="year" label={v.t('directions.year')} value={filters.year?.toString()} empty={v.t('list.all')} options={props.options.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <Select name="body" label={v.t('directions.body')} value={filters.body} empty={v.t('list.all')} options={props.options.bodies} />
        {props.showArchivedFilter ? <Checkbox name="archived" value="1" label={v.t('goals.filter.archived')} checked={filters.archived} /> : null}
      </FilterForm>
      {props.directions.length ? (
        <Table caption={v.t('directions.count', { count: props.total })} columns={[v.t('directions.year'), v.t('directions.body'), v.t('directions.heading'), v.t('goals.status')]}>
              {props.directions.map((d) => (
                <tr>
                  <td>{d.year}</td>
                  <td>{d.bodyName}</td>
                  <th scope="row">
                    <a href={`${base}/${d.id}`}>{d.heading}</a>
                  </th>
                  <td>{statusText(v, d)}</td>
                </tr>
              ))}
        </Table>
      ) : (
        <Empty>{v.t('directions.empty')}</Empty>
      )}
      <Pagination v={v} total={props.total} limit={props.limit} offset={props.offset} href={(offset) => `${base}${queryString({ ...query, offset: offset || undefined })}`} />
    </Layout>
  );
}

export function DirectionPage(props: { v: View; org: OrgRef; direction: DirectionView; errors?: FieldErrors | undefined }) {
  const { v, org, direction: d } = props;
  const base = `/o/${org.slug}/directions/${d.id}`;
  return (
    <Layout v={v} title={d.heading}>
      <RecordHeader v={v} title={d.heading} edit={d.can.update && `${base}/edit`} history={d.can.history && `/o/${org.slug}/history/direction/${d.id}`} />
      <ErrorSummary v={v} errors={props.errors} />
      <p>
        <StatusBadges v={v} published={d.published} archived={d.archived} />
      </p>
      <Facts>
        <Fact label={v.t('directions.body')}>
          <a href={`/o/${org.slug}/bodies/${d.bodyId}`}>{d.bodyName}</a>
        </Fact>
        <Fact label={v.t('directions.year')}>{d.year}</Fact>
        <Fact label={v.t('goals.status')}>{statusText(v, d)}</Fact>
      </Facts>
      <Paragraphs paragraphs={d.paragraphs} />
      <p>
        <a href={`/o/${org.slug}/goals?year=${d.year}&body=${d.bodyId}`}>{v.t('directions.goals_link', { year: d.year })}</a>
      </p>
      <PlanActionForms v={v} base={base} can={d.can} version={d.version} />
    </Layout>
  );
}

export interface DirectionFormValues {
  bodyId?: string;
  year?: string | number;
  title?: string;
  body?: string;
  version?: string | number;
}

export function DirectionFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string | undefined;
  values: DirectionFormValues;
  errors?: FieldErrors | undefined;
  conflict?: { label: string; current: string }[] | undefined;
  bodies: Option[];
  years: number[];
}) {
  const { v, org, values, errors } = props;
  return (
    <PlanFormPage
      v={v}
      org={org}
      path="directions"
      title={props.mode === 'new' ? v.t('directions.new') : v.t('directions.edit')}
      id={props.id}
      version={values.version}
      errors={errors}
      conflict={props.conflict}
      notes={props.years.length ? null : <p class="hint">{v.t('directions.no_years')}</p>}
    >
      <Select name="bodyId" label={v.t('directions.body')} value={values.bodyId} error={errors?.bodyId} required empty={v.t('form.choose')} options={props.bodies} />
      <Select
        name="year"
        label={v.t('directions.year')}
        hint={v.t('directions.year_hint')}
        value={values.year === undefined ? undefined : String(values.year)}
        error={errors?.year}
        required
        empty={v.t('form.choose')}
        options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      <TextField name="title" label={v.t('directions.heading')} hint={v.t('directions.title_hint')} value={values.title} error={errors?.title} size="long" />
      <TextArea name="body" label={v.t('directions.text')} hint={v.t('goals.paragraph_hint')} value={values.body} error={errors?.body} rows={16} required />
    </PlanFormPage>
  );
}
