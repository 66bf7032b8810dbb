// The page of one status report or goal assessment: its facts, the draft form while it may be
// edited, and the workflow steps (submit, approve, return) the reader may take.
import type { FieldErrors } from '../../../core/errors';
import { Badge, ConflictNotice, ErrorSummary, Form, Hidden, PageHeader, Select, Submit, TextArea } from '../../../core/html/components';
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
      <PageHeader title={title} lead={v.t('followup.item_lead', { body: item.body.name, period: item.period.name })}>
        <a href={`${base}?period=${item.period.id}&body=${item.body.id}`}>{v.t('followup.back')}</a>
        {item.showHistory && item.id ? <a href={`/o/${org.slug}/history/${item.kind}/${item.id}`}>{v.t('history.link')}</a> : null}
      </PageHeader>
      {props.conflict ? <ConflictNotice v={v} changed={props.conflict} /> : null}
      <ErrorSummary v={v} errors={errors} />
      <dl class="facts">
        <dt>{v.t(isReport ? 'followup.assignment' : 'followup.goal')}</dt>
        <dd>
          <a href={item.target.href}>
            {item.target.reference ? `${item.target.reference} ` : ''}
            {item.target.title}
          </a>
        </dd>
        <dt>{v.t('followup.body')}</dt>
        <dd>{item.body.name}</dd>
        <dt>{v.t('followup.period')}</dt>
        <dd>
          {item.period.name}
          {item.period.status === 'closed' ? ` (${v.t('followup.period_closed')})` : ''}
        </dd>
        <dt>{v.t('followup.state')}</dt>
        <dd>
          <Badge tone={STATE_TONE[item.state]}>{item.stateLabel}</Badge>
        </dd>
        {item.value ? (
          <>
            <dt>{v.t(isReport ? 'followup.progress' : 'followup.assessment')}</dt>
            <dd>
              <Badge tone={valueTone(item.value)}>{item.valueLabel}</Badge>
            </dd>
          </>
        ) : null}
        {item.submittedAt ? (
          <>
            <dt>{v.t('followup.submitted')}</dt>
            <dd>
              {formatDate(v.locale, item.submittedAt)}
              {item.submittedBy ? ` · ${item.submittedBy}` : ''}
            </dd>
          </>
        ) : null}
        {item.approvedAt ? (
          <>
            <dt>{v.t('followup.approved')}</dt>
            <dd>
              {formatDate(v.locale, item.approvedAt)}
              {item.approvedBy ? ` · ${item.approvedBy}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {item.returnComment ? (
        <div class="conflict" role="note">
          <h2>{v.t('followup.returned_title')}</h2>
          <p class="prose">{item.returnComment}</p>
        </div>
      ) : null}
      {item.can.save ? (
        <section aria-labelledby="draft-title">
          <h2 id="draft-title">{v.t(item.id ? 'followup.edit_draft' : 'followup.write_draft')}</h2>
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
              empty={v.t('followup.choose')}
              required
            />
            <TextArea name="comment" label={v.t('followup.comment')} hint={v.t(isReport ? 'followup.comment_hint_report' : 'followup.comment_hint_goal')} value={values.comment ?? item.comment} error={errors?.comment} rows={8} />
            <div class="form-actions">
              <Submit label={v.t('followup.save_draft')} />
            </div>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="comment-title">
          <h2 id="comment-title">{v.t('followup.comment')}</h2>
          {item.comment ? <p class="prose">{item.comment}</p> : <p class="muted">{v.t('followup.no_comment')}</p>}
        </section>
      )}
      {item.id && (item.can.submit || item.can.approve || item.can.return) ? (
        <section aria-labelledby="workflow-title">
          <h2 id="workflow-title">{v.t('followup.workflow')}</h2>
          {item.can.submit ? (
            <Form v={v} action={`${path}/${item.id}/submit`} class="inline-form">
              <Hidden name="version" value={item.version ?? ''} />
              <p class="hint">{v.t('followup.submit_hint')}</p>
              <Submit label={v.t('followup.submit')} />
            </Form>
          ) : null}
          {item.can.approve ? (
            <Form v={v} action={`${path}/${item.id}/approve`} class="inline-form">
              <Hidden name="version" value={item.version ?? ''} />
              <Submit label={v.t('followup.approve')} />
            </Form>
          ) : null}
          {item.can.return ? (
            <Form v={v} action={`${path}/${item.id}/return`}>
              <Hidden name="version" value={item.version ?? ''} />
              <TextArea name="returnComment" label={v.t('followup.return_comment')} hint={v.t('followup.return_hint')} value={values.returnComment} error={errors?.returnComment} rows={4} required />
              <Submit secondary label={v.t('followup.return')} />
            </Form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
