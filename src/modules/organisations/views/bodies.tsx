// Pages for the body tree: list, details, new and edit forms.
import type { FieldErrors } from '../../../core/errors';
import type { Child } from 'hono/jsx';
import { Badge, Fact, Facts, FormPage, LinkButton, ListOrEmpty, PageHeader, RecordHeader, Section, Select, TextArea, TextField } from '../../../core/html/components';
import { Panels } from '../../../core/html/panels';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { BodyTreeView, BodyView } from '../organisations.presenter';
import { BODY_KINDS } from '../organisations.tables';
import { ActionRefusal, ArchiveButton } from './shared';

export function BodiesPage(props: { v: View; org: OrgRef; tree: BodyTreeView[]; canCreate: boolean }) {
  const { v, org } = props;
  return (
    <Layout v={v} title={v.t('bodies.title')}>
      <PageHeader title={v.t('bodies.title')} lead={v.t('bodies.lead')}>
        {props.canCreate ? <LinkButton href={`/o/${org.slug}/bodies/new`}>{v.t('bodies.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/bodies`} label={v.t('bodies.title')} />
      </PageHeader>
      {props.tree.length ? <Tree v={v} org={org} nodes={props.tree} /> : <p class="empty">{v.t('list.empty')}</p>}
    </Layout>
  );
}

function Tree(props: { v: View; org: OrgRef; nodes: BodyTreeView[] }) {
  return (
    <ul class="tree">
      {props.nodes.map((n) => (
        <li>
          <a href={`/o/${props.org.slug}/bodies/${n.id}`}>{n.name}</a> <Badge tone="muted">{n.kindLabel}</Badge>
          {n.children.length ? <Tree v={props.v} org={props.org} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export interface ReporterView {
  name: string;
  roleLabel: string;
  /** The user's page, for admins. */
  href: string | undefined;
}

export function BodyPage(props: {
  v: View;
  org: OrgRef;
  body: BodyView;
  parent: BodyView | undefined;
  children: BodyView[];
  /** Who reports for the body; undefined when the reader may not see people (the public). */
  reporters?: ReporterView[] | undefined;
  /** What other modules show about the body: its assignments, goals and follow-up. */
  panels?: Child[];
  errors?: FieldErrors;
  conflict?: boolean;
}) {
  const { v, org, body } = props;
  return (
    <Layout v={v} title={body.name}>
      <RecordHeader v={v} title={body.name} lead={body.kindLabel} edit={body.can.update && `/o/${org.slug}/bodies/${body.id}/edit`} history={v.actor.kind === 'user' && `/o/${org.slug}/history/body/${body.id}`} />
      <ActionRefusal v={v} errors={props.errors} conflict={props.conflict} />
      {body.archived ? <p><Badge tone="warn">{v.t('bodies.archived')}</Badge></p> : null}
      <Facts>
        {body.shortName ? <Fact label={v.t('bodies.short_name')}>{body.shortName}</Fact> : null}
        <Fact label={v.t('bodies.parent')}>{props.parent ? <a href={`/o/${org.slug}/bodies/${props.parent.id}`}>{props.parent.name}</a> : '—'}</Fact>
      </Facts>
      {body.description ? <p class="prose">{body.description}</p> : null}
      {props.children.length ? (
        <Section id="body-children" title={v.t('bodies.children')}>
          <ul>
            {props.children.map((c) => (
              <li>
                <a href={`/o/${org.slug}/bodies/${c.id}`}>{c.name}</a> <Badge tone="muted">{c.kindLabel}</Badge>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {props.reporters ? (
        <Section id="body-reporters" title={v.t('bodies.reporters')}>
          <ListOrEmpty
            items={props.reporters}
            empty={v.t('bodies.no_reporters')}
            item={(r) => (
              <>
                {r.href ? <a href={r.href}>{r.name}</a> : r.name} <span class="muted">· {r.roleLabel}</span>
              </>
            )}
          />
        </Section>
      ) : null}
      <Panels panels={props.panels} />
      {body.can.archive ? <ArchiveButton v={v} org={org} path="bodies" record={body} /> : null}
    </Layout>
  );
}

export interface BodyFormValues {
  name?: string;
  shortName?: string;
  kind?: string;
  parentId?: string;
  description?: string;
  version?: number | string;
}

export function BodyFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string;
  values: BodyFormValues;
  errors?: FieldErrors;
  bodies: BodyView[];
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, values, errors } = props;
  const title = props.mode === 'new' ? v.t('bodies.new') : v.t('bodies.edit', { name: values.name ?? '' });
  const action = props.mode === 'new' ? `/o/${org.slug}/bodies` : `/o/${org.slug}/bodies/${props.id}`;
  return (
    <FormPage v={v} title={title} action={action} cancel={props.id ? `/o/${org.slug}/bodies/${props.id}` : `/o/${org.slug}/bodies`} version={values.version} errors={errors} conflict={props.conflict}>
      <TextField name="name" label={v.t('bodies.name')} value={values.name} error={errors?.name} required />
      <TextField name="shortName" label={v.t('bodies.short_name')} hint={v.t('bodies.short_name_hint')} value={values.shortName} error={errors?.shortName} size="short" />
      <Select
        name="kind"
        label={v.t('bodies.kind')}
        value={values.kind}
        error={errors?.kind}
        required
        empty={v.t('form.choose')}
        options={BODY_KINDS.map((k) => ({ value: k, label: v.t(`body.kind.${k}`) }))}
      />
      <Select
        name="parentId"
        label={v.t('bodies.parent')}
        value={values.parentId}
        error={errors?.parentId}
        empty={v.t('bodies.no_parent')}
        options={props.bodies.filter((b) => b.id !== props.id).map((b) => ({ value: b.id, label: b.name }))}
      />
      <TextArea name="description" label={v.t('bodies.description')} value={values.description} error={errors?.description} />
    </FormPage>
  );
}
