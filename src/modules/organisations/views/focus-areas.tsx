// Pages for focus areas: the ordered list (with moves up and down), one focus area, and the new and edit forms.
import type { FieldErrors } from '../../../core/errors';
import { Badge, ErrorSummary, FilterForm, Form, FormPage, Hidden, LinkButton, num, PageHeader, RecordHeader, Select, Table, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { FocusAreaView } from '../organisations.presenter';
import { ActionRefusal, ArchiveButton, StaleNotice } from './shared';

export const FOCUS_AREA_STATES = ['active', 'archived', 'all'] as const;

export function FocusAreasPage(props: { v: View; org: OrgRef; focusAreas: FocusAreaView[]; state: string; canCreate: boolean; errors?: FieldErrors; conflict?: boolean }) {
  const { v, org } = props;
  return (
    <Layout v={v} title={v.t('focus_areas.title')}>
      <PageHeader title={v.t('focus_areas.title')} lead={v.t('focus_areas.lead')}>
        {props.canCreate ? <LinkButton href={`/o/${org.slug}/focus-areas/new`}>{v.t('focus_areas.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/focus-areas`} query={`?state=${props.state}`} label={v.t('focus_areas.title')} />
      </PageHeader>
      {props.conflict ? <StaleNotice v={v} message={v.t('focus_areas.order_conflict')} /> : null}
      <ErrorSummary v={v} errors={props.errors} />
      <FilterForm v={v} action={`/o/${org.slug}/focus-areas`}>
        <Select name="state" label={v.t('focus_areas.state')} value={props.state} options={FOCUS_AREA_STATES.map((s) => ({ value: s, label: v.t(`focus_areas.state.${s}`) }))} />
      </FilterForm>
      {props.focusAreas.length ? (
        <Table
          caption={v.t('focus_areas.caption', { count: props.focusAreas.length })}
          columns={[num(v.t('focus_areas.position')), v.t('focus_areas.name'), v.t('focus_areas.status'), props.canCreate && v.t('focus_areas.reorder')]}
        >
              {props.focusAreas.map((f, i) => (
                <tr>
                  <td class="num">{f.archived ? '—' : i + 1}</td>
                  <th scope="row">
                    <a href={`/o/${org.slug}/focus-areas/${f.id}`}>{f.name}</a>
                  </th>
                  <td>{f.archived ? <Badge tone="warn">{v.t('focus_areas.archived')}</Badge> : <Badge tone="ok">{v.t('focus_areas.active')}</Badge>}</td>
                  {props.canCreate ? (
                    <td>
                      {f.moveUp ? <MoveForm v={v} org={org} ids={f.moveUp} label={v.t('focus_areas.move_up')} name={f.name} /> : null}
                      {f.moveDown ? <MoveForm v={v} org={org} ids={f.moveDown} label={v.t('focus_areas.move_down')} name={f.name} /> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
        </Table>
      ) : (
        <p class="empty">{v.t('list.empty')}</p>
      )}
    </Layout>
  );
}

/** A move is the whole new order, so a list changed by someone else meanwhile is refused, not scrambled. */
function MoveForm(props: { v: View; org: OrgRef; ids: string[]; label: string; name: string }) {
  return (
    <Form v={props.v} action={`/o/${props.org.slug}/focus-areas/order`} class="inline-form">
      {props.ids.map((id) => (
        <Hidden name="ids" value={id} />
      ))}
      <button type="submit" class="button secondary">
        {props.label}
        <span class="visually-hidden"> {props.name}</span>
      </button>
    </Form>
  );
}

export function FocusAreaPage(props: { v: View; org: OrgRef; focusArea: FocusAreaView; errors?: FieldErrors; conflict?: boolean }) {
  const { v, org, focusArea: f } = props;
  return (
    <Layout v={v} title={f.name}>
      <RecordHeader v={v} title={f.name} lead={v.t('focus_areas.one')} edit={f.can.update && `/o/${org.slug}/focus-areas/${f.id}/edit`} history={v.actor.kind === 'user' && `/o/${org.slug}/history/focus_area/${f.id}`} />
      <ActionRefusal v={v} errors={props.errors} conflict={props.conflict} />
      {f.archived ? (
        <p>
          <Badge tone="warn">{v.t('focus_areas.archived')}</Badge>
        </p>
      ) : null}
      {f.description ? <p class="prose">{f.description}</p> : null}
      {f.can.archive ? <ArchiveButton v={v} org={org} path="focus-areas" record={f} /> : null}
      <p>
        <a href={`/o/${org.slug}/focus-areas`}>{v.t('focus_areas.back')}</a>
      </p>
    </Layout>
  );
}

export interface FocusAreaFormValues {
  name?: string;
  description?: string;
  sortOrder?: string | number;
  version?: number | string;
}

export function FocusAreaFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string;
  values: FocusAreaFormValues;
  errors?: FieldErrors;
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, values, errors } = props;
  const title = props.mode === 'new' ? v.t('focus_areas.new') : v.t('focus_areas.edit', { name: values.name ?? '' });
  const action = props.mode === 'new' ? `/o/${org.slug}/focus-areas` : `/o/${org.slug}/focus-areas/${props.id}`;
  return (
    <FormPage v={v} title={title} action={action} cancel={props.id ? `/o/${org.slug}/focus-areas/${props.id}` : `/o/${org.slug}/focus-areas`} version={values.version} errors={errors} conflict={props.conflict}>
      <TextField name="name" label={v.t('focus_areas.name')} value={values.name} error={errors?.name} required />
      <TextArea name="description" label={v.t('focus_areas.description')} value={values.description} error={errors?.description} />
      <TextField
        name="sortOrder"
        type="number"
        inputmode="numeric"
        size="short"
        label={v.t('focus_areas.sort_order')}
        hint={v.t(props.mode === 'new' ? 'focus_areas.sort_order_hint_new' : 'focus_areas.sort_order_hint')}
        value={values.sortOrder}
        error={errors?.sortOrder}
      />
    </FormPage>
  );
}
