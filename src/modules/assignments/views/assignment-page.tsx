// One assignment: its facts, who answers for it, what it links to, the status history and, for staff, its actions.
import type { FieldErrors } from '../../../core/errors';
import { ConflictNotice, ErrorSummary, Form, Hidden, LinkButton, PageHeader, Select, Submit, TextArea, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import type { OrgRef, View } from '../../../core/html/view';
import { formatDate } from '../../../core/i18n';
import type { AssignmentView, StatusChangeView } from '../assignments.presenter';
import { StatusBadges } from './parts';

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
      <PageHeader title={a.title} lead={[a.reference, String(a.year)].filter(Boolean).join(' · ')}>
        {a.can.update ? <LinkButton href={`${base}/edit`}>{t('form.edit')}</LinkButton> : null}
        {a.can.history ? <a href={`/o/${org.slug}/history/assignment/${a.id}`}>{t('history.link')}</a> : null}
      </PageHeader>
      <ErrorSummary v={v} errors={props.errors} />
      <p>
        <StatusBadges v={v} a={a} member={props.member} />
      </p>
      <dl class="facts">
        <dt>{t('assignments.status')}</dt>
        <dd>
          {a.statusLabel}
          {a.late ? ` (${t('assignments.late')})` : ''}
        </dd>
        <dt>{t('assignments.year')}</dt>
        <dd>{a.year}</dd>
        <dt>{t('assignments.issuer')}</dt>
        <dd>{a.issuer ? <a href={`/o/${org.slug}/bodies/${a.issuer.id}`}>{a.issuer.name}</a> : dash}</dd>
        <dt>{t('assignments.target')}</dt>
        <dd>
          {a.targetLabel}
          {a.targetNote ? ` – ${a.targetNote}` : ''}
        </dd>
        <dt>{t('assignments.source')}</dt>
        <dd>{[a.sourceKindLabel, a.sourceTitle].filter(Boolean).join(': ')}</dd>
        <dt>{t('assignments.registration_number')}</dt>
        <dd>{a.registrationNumber || dash}</dd>
        <dt>{t('assignments.decision_date')}</dt>
        <dd>{a.decisionDate ?? dash}</dd>
        <dt>{t('assignments.deadline')}</dt>
        <dd>{a.deadline ?? dash}</dd>
        {props.member ? (
          <>
            <dt>{t('assignments.published_at')}</dt>
            <dd>{a.publishedAt ? formatDate(v.locale, a.publishedAt) : t('assignments.not_published')}</dd>
          </>
        ) : null}
      </dl>

      {a.body ? (
        <>
          <h2>{t('assignments.body')}</h2>
          <p class="prose">{a.body}</p>
        </>
      ) : null}

      <h2 id="responsible-title">{t('assignments.responsible')}</h2>
      {a.target === 'all_committees_and_companies' ? <p>{t('assignments.expanded', { count: a.bodies.filter((b) => b.role === 'target').length })}</p> : null}
      {a.bodies.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('assignments.responsible_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assignments.body_col')}</th>
                <th scope="col">{t('assignments.role')}</th>
              </tr>
            </thead>
            <tbody>
              {a.bodies.map((b) => (
                <tr>
                  <th scope="row">
                    <a href={`/o/${org.slug}/bodies/${b.id}`}>{b.name}</a>
                    {b.archived ? ` (${t('assignments.archived').toLowerCase()})` : ''}
                  </th>
                  <td>{b.roleLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('assignments.none')}</p>
      )}

      <h2>{t('assignments.focus_areas')}</h2>
      {a.focusAreas.length ? (
        <ul>
          {a.focusAreas.map((f) => (
            <li>{f.name}</li>
          ))}
        </ul>
      ) : (
        <p>{t('assignments.none')}</p>
      )}

      <h2>{t('assignments.goals')}</h2>
      {a.goals.length ? (
        <ul>
          {a.goals.map((g) => (
            <li>
              {[g.reference, g.title].filter(Boolean).join(' ')}
              {g.published ? '' : ` ${t('assignments.goal_unpublished')}`}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('assignments.none')}</p>
      )}

      <h2>{t('assignments.status_history')}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('assignments.status_history_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assignments.history.when')}</th>
              <th scope="col">{t('assignments.history.from')}</th>
              <th scope="col">{t('assignments.history.to')}</th>
              {props.member ? <th scope="col">{t('assignments.history.by')}</th> : null}
              <th scope="col">{t('assignments.history.comment')}</th>
              <th scope="col">{t('assignments.history.decision')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>

      {a.can.changeStatus ? <StatusForm v={v} base={base} a={a} form={props.statusForm} /> : null}

      {a.can.publish || a.can.unpublish || a.can.archive || a.can.restore ? (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">{t('assignments.manage')}</h2>
          <div class="form-actions">
            {a.can.publish ? (
              <Form v={v} action={`${base}/publish`} class="inline-form">
                <Hidden name="version" value={a.version} />
                <Submit label={t('assignments.publish')} />
              </Form>
            ) : null}
            {a.can.unpublish ? (
              <Form v={v} action={`${base}/unpublish`} class="inline-form">
                <Hidden name="version" value={a.version} />
                <Submit secondary label={t('assignments.unpublish')} />
              </Form>
            ) : null}
            {a.can.archive || a.can.restore ? (
              <Form v={v} action={`${base}/${a.can.restore ? 'restore' : 'archive'}`} class="inline-form">
                <Hidden name="version" value={a.version} />
                <Submit secondary label={t(a.can.restore ? 'form.restore' : 'form.archive')} />
              </Form>
            ) : null}
          </div>
        </section>
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
    <section aria-labelledby="status-title">
      <h2 id="status-title">{t('assignments.change_status')}</h2>
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
    </section>
  );
}
