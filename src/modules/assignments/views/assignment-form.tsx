// The new/edit form for an assignment. Plain fields, radios and checkboxes: it works without JavaScript.
import type { FieldErrors } from '../../../core/errors';
import { Choices, DateField, FormPage, type Option, Select, TextArea, TextField } from '../../../core/html/components';
import type { OrgRef, View } from '../../../core/html/view';
import { TARGETS } from '../assignments.tables';
import { SOURCE_KINDS } from '../assignments.tables';

export interface AssignmentFormValues {
  reference?: string;
  title?: string;
  body?: string;
  year?: string;
  issuerBodyId?: string;
  target?: string;
  leadBodyId?: string;
  coBodyIds?: string[];
  targetNote?: string;
  sourceKind?: string;
  sourceTitle?: string;
  registrationNumber?: string;
  decisionDate?: string;
  deadline?: string;
  focusAreaIds?: string[];
  goalIds?: string[];
  version?: string;
}

export interface AssignmentFormOptions {
  years: number[];
  bodies: Option[];
  /** The bodies that may issue and lead: the municipality's own, not external actors. */
  ownBodies: Option[];
  focusAreas: Option[];
  goals: Option[];
}

export function AssignmentFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string | undefined;
  values: AssignmentFormValues;
  options: AssignmentFormOptions;
  errors?: FieldErrors | undefined;
  conflict?: { label: string; current: string }[] | undefined;
}) {
  const { v, org, values, errors, options } = props;
  const { t } = v;
  const title = props.mode === 'new' ? t('assignments.new') : t('assignments.edit');
  const action = props.mode === 'new' ? `/o/${org.slug}/assignments` : `/o/${org.slug}/assignments/${props.id}`;
  return (
    <FormPage v={v} title={title} action={action} cancel={props.id ? `/o/${org.slug}/assignments/${props.id}` : `/o/${org.slug}/assignments`} version={values.version} errors={errors} conflict={props.conflict}>
      <TextField name="reference" label={t('assignments.reference')} hint={t('assignments.reference_hint')} value={values.reference} error={errors?.reference} size="short" />
      <TextField name="title" label={t('assignments.name')} value={values.title} error={errors?.title} required size="long" />
      <TextArea name="body" label={t('assignments.body')} hint={t('assignments.body_hint')} value={values.body} error={errors?.body} rows={8} />
      <Select name="year" label={t('assignments.year')} value={values.year} error={errors?.year} required empty={t('form.choose')} options={options.years.map((y) => ({ value: String(y), label: String(y) }))} />
      <Select name="issuerBodyId" label={t('assignments.issuer')} value={values.issuerBodyId} error={errors?.issuerBodyId} required empty={t('assignments.choose_body')} options={options.ownBodies} />
      <Choices
        type="radio"
        name="target"
        label={t('assignments.target')}
        hint={t('assignments.target_hint')}
        value={values.target ?? 'bodies'}
        error={errors?.target}
        required
        options={TARGETS.map((k) => ({ value: k, label: t(`assignment.target.${k}`) }))}
      />
      <Select
        name="leadBodyId"
        label={t('assignments.lead_body')}
        hint={t('assignments.lead_hint')}
        value={values.leadBodyId}
        error={errors?.leadBodyId}
        empty={t('assignments.no_lead')}
        options={options.ownBodies}
      />
      <Choices name="coBodyIds" label={t('assignments.co_bodies')} hint={t('assignments.co_hint')} value={values.coBodyIds} error={errors?.coBodyIds} options={options.bodies} />
      <TextField name="targetNote" label={t('assignments.target_note')} hint={t('assignments.target_note_hint')} value={values.targetNote} error={errors?.targetNote} size="long" />
      <Select
        name="sourceKind"
        label={t('assignments.source_kind')}
        value={values.sourceKind}
        error={errors?.sourceKind}
        required
        empty={t('form.choose')}
        options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`assignment.source.${k}`) }))}
      />
      <TextField name="sourceTitle" label={t('assignments.source_title')} hint={t('assignments.source_title_hint')} value={values.sourceTitle} error={errors?.sourceTitle} size="long" />
      <TextField
        name="registrationNumber"
        label={t('assignments.registration_number')}
        hint={t('assignments.registration_number_hint')}
        value={values.registrationNumber}
        error={errors?.registrationNumber}
        size="short"
      />
      <DateField v={v} name="decisionDate" label={t('assignments.decision_date')} value={values.decisionDate} error={errors?.decisionDate} />
      <DateField v={v} name="deadline" label={t('assignments.deadline')} value={values.deadline} error={errors?.deadline} />
      {options.focusAreas.length ? (
        <Choices name="focusAreaIds" label={t('assignments.focus_areas')} value={values.focusAreaIds} error={errors?.focusAreaIds} options={options.focusAreas} />
      ) : null}
      {options.goals.length ? <Choices name="goalIds" label={t('assignments.goals')} value={values.goalIds} error={errors?.goalIds} options={options.goals} /> : null}
    </FormPage>
  );
}
