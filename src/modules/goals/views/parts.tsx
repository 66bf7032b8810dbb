// Page parts shared by the goal and direction pages: status badges, staff actions, paragraphs, filters, the form frame.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../core/errors';
import { Badge, ConflictNotice, ErrorSummary, Form, Hidden, PageHeader, Submit } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import type { OrgRef, View } from '../../../core/html/view';
import { formatDate } from '../../../core/i18n';
import type { PlanActions } from '../goals.presenter';

/** Status in words (never colour alone): published or not, archived. */
export function StatusBadges(props: { v: View; published: boolean; archived: boolean }) {
  const { v } = props;
  return (
    <>
      {props.archived ? <Badge tone="muted">{v.t('goals.status.archived')}</Badge> : null}
      {!props.archived && !props.published ? <Badge tone="warn">{v.t('goals.status.draft')}</Badge> : null}
    </>
  );
}

export function statusText(v: View, row: { published: boolean; publishedAt: Date | null; archived: boolean }): string {
  if (row.archived) return v.t('goals.status.archived');
  if (row.published && row.publishedAt) return v.t('goals.status.published_on', { date: formatDate(v.locale, row.publishedAt) });
  return v.t('goals.status.draft');
}

/** Publish, unpublish, archive and restore as small forms: each names the version the user saw. */
export function PlanActionForms(props: { v: View; base: string; can: PlanActions; version: number }) {
  const { v, base, can, version } = props;
  const forms: [boolean, string, string, boolean][] = [
    [can.publish, 'publish', 'goals.action.publish', false],
    [can.unpublish, 'unpublish', 'goals.action.unpublish', true],
    [can.archive, 'archive', 'form.archive', true],
    [can.restore, 'restore', 'form.restore', true],
  ];
  const shown = forms.filter(([allowed]) => allowed);
  if (!shown.length) return null;
  return (
    <section class="plan-actions" aria-labelledby="plan-actions-title">
      <h2 id="plan-actions-title">{v.t('goals.actions_title')}</h2>
      {shown.map(([, action, label, secondary]) => (
        <Form v={v} action={`${base}/${action}`} class="inline-form">
          <Hidden name="version" value={version} />
          <Submit label={v.t(label)} secondary={secondary} />
        </Form>
      ))}
    </section>
  );
}

/** Text as paragraphs; single line breaks inside a paragraph are kept. Escaped like all text. */
export function Paragraphs(props: { paragraphs: string[][] }) {
  return (
    <div class="prose">
      {props.paragraphs.map((lines) => (
        <p>
          {lines.map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled select for a GET filter form; the empty choice means "all". */
export function FilterSelect(props: { v: View; name: string; label: string; value: string | undefined; options: FilterOption[] }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.v.t('list.all')}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterForm(props: { v: View; action: string; label: string; children?: Child }) {
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.label}>
      {props.children}
      <div class="form-actions">
        <button type="submit" class="button secondary">
          {props.v.t('list.filter')}
        </button>
      </div>
    </form>
  );
}

/** A query string from the filters that are set (for CSV links and paging). */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The new and edit form of a goal or a direction text around its fields: the conflict notice, the
 * errors, the version the edit is based on, save and cancel. `notes` come before the form.
 */
export function PlanFormPage(props: {
  v: View;
  org: OrgRef;
  /** 'goals' or 'directions'. */
  path: string;
  title: string;
  id?: string | undefined;
  version: string | number | undefined;
  errors?: FieldErrors | undefined;
  conflict?: { label: string; current: string }[] | undefined;
  notes?: Child;
  children?: Child;
}) {
  const { v, org, errors } = props;
  const base = `/o/${org.slug}/${props.path}`;
  const action = props.id ? `${base}/${props.id}` : base;
  return (
    <Layout v={v} title={props.title}>
      <PageHeader title={props.title} />
      {props.conflict ? <ConflictNotice v={v} changed={props.conflict} /> : null}
      <ErrorSummary v={v} errors={errors} />
      <p class="hint">{v.t('form.required_note')}</p>
      {props.notes}
      <Form v={v} action={action}>
        {props.version !== undefined ? <Hidden name="version" value={props.version} /> : null}
        {props.children}
        <div class="form-actions">
          <Submit label={v.t('form.save')} />
          <a href={action}>{v.t('form.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}
