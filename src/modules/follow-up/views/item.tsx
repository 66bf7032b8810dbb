// The page of one status report or goal assessment: its facts, the draft form while it may be
// edited, and the workflow steps (submit, approve, return) the reader may take.
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, Badge, ConflictNotice, ErrorSummary, Fact, Facts, Form, FormActions, Hidden, RecordHeader, Section, Select, TextArea } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import type { OrgRef, View } from '../../../core/html/view';
import { formatDate } from '../../../core/i18n';
import { itemPath, STATE_TONE, valueOptions, valueTone, type ItemView } from '../follow-up.presenter';

export interface ItemFormValues {
  value?: string | undefined;
  comment?: string | undefined;
  returnComment?: string | undefined;
}

export function ItemPage(props: {
  v: View;
  org: OrgRef;
  item: ItemView;
  values?: ItemFormValues;
  errors?: FieldErrors;
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, item } = props;
  const isReport = item.kind === 'status_report';
  const title = v.t(isReport ? 'followup.status_report_title' : 'followup.goal_assessment_title', { title: item.target.title });
  const base = `/o/${org.slug}/follow-up`;
  const path = `${base}/${itemPath(item.kind)}`;
  const valueName = isReport ? 'progress' : 'assessment';
  const values = props.values ?? {};
  const errors = props.errors;
  return (
    <Layout v={v} title={title}>
      <RecordHeader v={v} title={title} lead={v.t('followup.item_lead', { body: item.body.name, period: item.period.name })} history={item.showHistory && item.id ? `/o/${org.slug}/history/${item.kind}/${item.id}` : false}>
        <a href={`${base}?period=${item.period.id}&body=${item.body.id}`}>{v.t('followup.back')}</a>
      </RecordHeader>
      {props.conflict ? <ConflictNotice v={v} changed={props.conflict} /> : null}
      <ErrorSummary v={v} errors={errors} />
      <Facts>
        <Fact label={v.t(isReport ? 'followup.assignment' : 'followup.goal')}>
          <a href={item.target.href}>
            {item.target.reference ? `${item.target.reference} ` : ''}
            {item.target.title}
          </a>
        </Fact>
        <Fact label={v.t('followup.body')}>{item.body.name}</Fact>
        <Fact label={v.t('followup.period')}>
          {item.period.name}
          {item.period.status === 'closed' ? ` (${v.t('period.status.closed').toLocaleLowerCase(v.locale)})` : ''}
        </Fact>
        <Fact label={v.t('followup.state')}>
          <Badge tone={STATE_TONE[item.state]}>{item.stateLabel}</Badge>
        </Fact>
        {item.value ? (
          <Fact label={v.t(isReport ? 'followup.progress' : 'followup.assessment')}>
            <Badge tone={valueTone(item.value)}>{item.valueLabel}</Badge>
          </Fact>
        ) : null}
        {item.submittedAt ? <Fact label={v.t('followup.state.submitted')}>{signed(v, item.submittedAt, item.submittedBy)}</Fact> : null}
        {item.approvedAt ? <Fact label={v.t('followup.state.approved')}>{signed(v, item.approvedAt, item.approvedBy)}</Fact> : null}
      </Facts>
      {item.returnComment ? (
        <div class="conflict" role="note">
          <h2>{v.t('followup.returned_title')}</h2>
          <p class="prose">{item.returnComment}</p>
        </div>
      ) : null}
      {item.can.save ? (
        <Section id="draft-title" title={v.t(item.id ? 'followup.edit_draft' : 'followup.write_draft')}>
          <p class="hint">{v.t('form.required_note')}</p>
          <Form v={v} action={path}>
            <Hidden name="periodId" value={item.period.id} />
            <Hidden name="bodyId" value={item.body.id} />
            <Hidden name={isReport ? 'assignmentId' : 'goalId'} value={item.target.id} />
            {item.version !== null ? <Hidden name="version" value={item.version} /> : null}
            <Select
              name={valueName}
              label={v.t(isReport ? 'followup.progress' : 'followup.assessment')}
              options={valueOptions(item.kind, v.t)}
              value={values.value ?? item.value}
              error={errors?.[valueName]}
              empty={v.t('form.choose')}
              required
            />
            <TextArea name="comment" label={v.t('followup.comment')} hint={v.t(isReport ? 'followup.comment_hint_report' : 'followup.comment_hint_goal')} value={values.comment ?? item.comment} error={errors?.comment} rows={8} />
            <FormActions v={v} label={v.t('followup.save_draft')} />
          </Form>
        </Section>
      ) : (
        <Section id="comment-title" title={v.t('followup.comment')}>
          {item.comment ? <p class="prose">{item.comment}</p> : <p class="muted">{v.t('followup.no_comment')}</p>}
        </Section>
      )}
      {item.id && (item.can.submit || item.can.approve || item.can.return) ? (
        <Section id="workflow-title" title={v.t('followup.workflow')}>
          {item.can.submit ? <ActionForm v={v} action={`${path}/${item.id}/submit`} version={item.version} hint={v.t('followup.submit_hint')} label={v.t('followup.submit')} /> : null}
          {item.can.approve ? <ActionForm v={v} action={`${path}/${item.id}/approve`} version={item.version} label={v.t('followup.approve')} /> : null}
          {item.can.return ? (
            <ActionForm v={v} action={`${path}/${item.id}/return`} version={item.version} secondary label={v.t('followup.return')}>
              <TextArea name="returnComment" label={v.t('followup.return_comment')} hint={v.t('followup.return_hint')} value={values.returnComment} error={errors?.returnComment} rows={4} required />
            </ActionForm>
          ) : null}
        </Section>
      ) : null}
    </Layout>
  );
}

/** When a step was taken and, where known, by whom. */
function signed(v: View, at: Date, by: string | null | undefined): string {
  return `${formatDate(v.locale, at)}${by ? ` · ${by}` : ''}`;
}
