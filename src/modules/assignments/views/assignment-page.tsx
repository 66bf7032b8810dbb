// One assignment: its facts, who answers for it, what it links to, the status history and, for staff, its actions.
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, ConflictNotice, ErrorSummary, Fact, Facts, Form, Hidden, ListOrEmpty, RecordHeader, Section, Select, Submit, Table, TextArea, TextField } from '../../../core/html/components';
import type { Child } from 'hono/jsx';
import { Layout } from '../../../core/html/layout';
import { Panels } from '../../../core/html/panels';
import type { OrgRef, View } from '../../../core/html/view';
import { formatDate, formatList } from '../../../core/i18n';
import type { AssignmentView, StatusChangeView } from '../assignments.presenter';
import { ALL_TARGET_BODY_KINDS } from '../assignments.policy';
import { StatusBadges } from './parts';

/** Which kinds of body "samtliga nämnder och bolag" covers, as a sentence: "kommunstyrelsen, alla nämnder och alla bolag". */
const coveredKinds = (v: View): string => formatList(v.locale, ALL_TARGET_BODY_KINDS.map((k) => v.t(`assignments.covers.${k}`)));

export interface StatusFormValues {
  status?: string;
  comment?: string;
  decisionReference?: string;
}

export function AssignmentPage(props: {
  v: View;
  org: OrgRef;
  a: AssignmentView;
  history: StatusChangeView[];
  member: boolean;
  /** What other modules show about the assignment: its status reports per period. */
  panels?: Child[];
  /** Why a button (publish, archive …) did nothing, shown at the top. */
  errors?: FieldErrors | undefined;
  statusForm?: { values: StatusFormValues; errors?: FieldErrors; conflict?: { label: string; current: string }[] };
}) {
  const { v, org, a } = props;
  const { t } = v;
  const base = `/o/${org.slug}/assignments/${a.id}`;
  const dash = '—';
  return (
    <Layout v={v} title={a.title}>
      <RecordHeader
        v={v}
        title={a.title}
        lead={[a.reference, String(a.year)].filter(Boolean).join(' · ')}
        edit={a.can.update && `${base}/edit`}
        history={a.can.history && `/o/${org.slug}/history/assignment/${a.id}`}
      />
      <ErrorSummary v={v} errors={props.errors} />
      <p>
        <StatusBadges v={v} a={a} member={props.member} />
      </p>
      <Facts>
        <Fact label={t('assignments.status')}>
          {a.statusLabel}
          {a.late ? ` (${t('assignments.late')})` : ''}
        </Fact>
        <Fact label={t('assignments.year')}>{a.year}</Fact>
        <Fact label={t('assignments.issuer')}>{a.issuer ? <a href={`/o/${org.slug}/bodies/${a.issuer.id}`}>{a.issuer.name}</a> : dash}</Fact>
        <Fact label={t('assignments.target')}>
          {a.targetLabel}
          {a.targetNote ? ` – ${a.targetNote}` : ''}
        </Fact>
        {a.target === 'all_committees_and_companies' ? <Fact label={t('assignments.covers')}>{coveredKinds(v)}</Fact> : null}
        <Fact label={t('assignments.source')}>{[a.sourceKindLabel, a.sourceTitle].filter(Boolean).join(': ')}</Fact>
        <Fact label={t('assignments.registration_number')}>
          {a.registrationNumber ? (
            <>
              {a.registrationNumber}{' '}
              <a href={`/o/${org.slug}/search?${new URLSearchParams({ q: a.registrationNumber, type: 'assignment' }).toString()}`}>
                ({t('assignments.decision_same')})
              </a>
            </>
          ) : (
            dash
          )}
        </Fact>
        <Fact label={t('assignments.decision_date')}>{a.decisionDate ?? dash}</Fact>
        <Fact label={t('assignments.deadline')}>{a.deadline ?? dash}</Fact>
        {props.member ? <Fact label={t('assignments.published_at')}>{a.publishedAt ? formatDate(v.locale, a.publishedAt) : t('assignments.not_published')}</Fact> : null}
      </Facts>

      {a.body ? (
        <>
          <h2>{t('assignments.body')}</h2>
          <p class="prose">{a.body}</p>
        </>
      ) : null}

      <h2 id="responsible-title">{t('assignments.responsible')}</h2>
      {a.target === 'all_committees_and_companies' ? <p>{t('assignments.expanded', { count: a.bodies.filter((b) => b.role === 'target').length })}</p> : null}
      {a.bodies.length ? (
        <Table caption={t('assignments.responsible_caption')} hiddenCaption columns={[t('assignments.body_col'), t('assignments.role')]}>
              {a.bodies.map((b) => (
                <tr>
                  <th scope="row">
                    <a href={`/o/${org.slug}/bodies/${b.id}`}>{b.name}</a>
                    {b.archived ? ` (${t('assignments.archived').toLowerCase()})` : ''}
                  </th>
                  <td>{b.roleLabel}</td>
                </tr>
              ))}
        </Table>
      ) : (
        <p>{t('assignments.none')}</p>
      )}

      <Section id="focus-areas-title" title={t('assignments.focus_areas')}>
        <ListOrEmpty items={a.focusAreas} empty={t('assignments.none')} item={(f) => f.name} />
      </Section>

      <Section id="goals-title" title={t('assignments.goals')}>
        <ListOrEmpty
          items={a.goals}
          empty={t('assignments.none')}
          item={(g) => (
            <>
              <a href={`/o/${org.slug}/goals/${g.id}`}>{[g.reference, g.title].filter(Boolean).join(' ')}</a>
              {g.published ? '' : ` ${t('assignments.goal_unpublished')}`}
            </>
          )}
        />
      </Section>

      <Panels panels={props.panels} />

      <h2>{t('assignments.status_history')}</h2>
      <Table
        caption={t('assignments.status_history_caption')}
        hiddenCaption
        columns={[
          t('assignments.history.when'),
          t('assignments.history.from'),
          t('assignments.history.to'),
          props.member && t('assignments.history.by'),
          t('assignments.history.comment'),
          t('assignments.history.decision'),
        ]}
      >
            {props.history.map((h) => (
              <tr>
                <td>{formatDate(v.locale, h.at)}</td>
                <td>{h.from}</td>
                <td>{h.to}</td>
                {props.member ? <td>{h.by}</td> : null}
                <td>{h.comment}</td>
                <td>{h.decisionReference}</td>
              </tr>
            ))}
      </Table>

      {a.can.changeStatus ? <StatusForm v={v} base={base} a={a} form={props.statusForm} /> : null}

      {a.can.publish || a.can.unpublish || a.can.archive || a.can.restore ? (
        <Section id="manage-title" title={t('assignments.manage')}>
          <div class="form-actions">
            {a.can.publish ? <ActionForm v={v} action={`${base}/publish`} version={a.version} label={t('assignments.publish')} /> : null}
            {a.can.unpublish ? <ActionForm v={v} action={`${base}/unpublish`} version={a.version} secondary label={t('assignments.unpublish')} /> : null}
            {a.can.archive || a.can.restore ? (
              <ActionForm v={v} action={`${base}/${a.can.restore ? 'restore' : 'archive'}`} version={a.version} secondary label={t(a.can.restore ? 'form.restore' : 'form.archive')} />
            ) : null}
          </div>
        </Section>
      ) : null}
    </Layout>
  );
}

function StatusForm(props: { v: View; base: string; a: AssignmentView; form: { values: StatusFormValues; errors?: FieldErrors; conflict?: { label: string; current: string }[] } | undefined }) {
  const { v, a } = props;
  const { t } = v;
  const values = props.form?.values ?? {};
  const errors = props.form?.errors;
  return (
    <Section id="status-title" title={t('assignments.change_status')}>
      {props.form?.conflict ? <ConflictNotice v={v} changed={props.form.conflict} /> : null}
      <ErrorSummary v={v} errors={errors} />
      {a.nextStatuses.length ? (
        <Form v={v} action={`${props.base}/status`}>
          <Hidden name="version" value={a.version} />
          <Select
            name="status"
            label={t('assignments.new_status')}
            value={values.status}
            error={errors?.status}
            required
            options={a.nextStatuses.map((s) => ({ value: s.value, label: s.label }))}
          />
          <TextArea name="comment" label={t('assignments.comment')} hint={t('assignments.comment_hint')} value={values.comment} error={errors?.comment} rows={3} />
          <TextField
            name="decisionReference"
            label={t('assignments.decision_reference')}
            hint={t('assignments.decision_reference_hint')}
            value={values.decisionReference}
            error={errors?.decisionReference}
          />
          <Submit label={t('assignments.change_status')} />
        </Form>
      ) : (
        <p>{t('assignments.no_transitions')}</p>
      )}
    </Section>
  );
}
