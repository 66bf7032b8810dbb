// Page parts shared by the goal and direction pages: status badges, staff actions, paragraphs, the form frame.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, Badge, FormPage, Section } from '../../../core/html/components';
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
    <Section id="plan-actions-title" title={v.t('goals.actions_title')}>
      {shown.map(([, action, label, secondary]) => (
        <ActionForm v={v} action={`${base}/${action}`} version={version} label={v.t(label)} secondary={secondary} />
      ))}
    </Section>
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
    <FormPage v={v} title={props.title} action={action} cancel={action} version={props.version} errors={errors} conflict={props.conflict} notes={props.notes}>
      {props.children}
    </FormPage>
  );
}
