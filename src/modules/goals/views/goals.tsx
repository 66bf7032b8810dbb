// Pages for goals: the goal tree with filters, a goal's details, and the new and edit forms.
import type { FieldErrors } from '../../../core/errors';
import { Checkbox, Choices, Empty, ErrorSummary, Fact, Facts, FilterForm, LinkButton, ListOrEmpty, type Option, PageHeader, Pagination, RecordHeader, Section, Select, TextArea, TextField } from '../../../core/html/components';
import type { Child } from 'hono/jsx';
import { Layout } from '../../../core/html/layout';
import { Panels } from '../../../core/html/panels';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import { paragraphs, type GoalTreeView, type GoalView, type SdgLinkView } from '../goals.presenter';
import type { SdgGoal } from '../sdg';
import { Paragraphs, PlanActionForms, queryString, StatusBadges, statusText, PlanFormPage } from './parts';

export interface GoalFilterValues {
  year?: number | undefined;
  body?: string | undefined;
  focusArea?: string | undefined;
  sdg?: string | undefined;
  archived?: boolean | undefined;
}

export function GoalsPage(props: {
  v: View;
  org: OrgRef;
  tree: GoalTreeView[];
  total: number;
  limit: number;
  offset: number;
  filters: GoalFilterValues;
  options: { years: number[]; bodies: Option[]; focusAreas: Option[]; sdg: Option[] };
  canCreate: boolean;
  showArchivedFilter: boolean;
  filterErrors?: FieldErrors | undefined;
}) {
  const { v, org, filters } = props;
  const base = `/o/${org.slug}/goals`;
  const query = { year: filters.year, body: filters.body, focusArea: filters.focusArea, sdg: filters.sdg, archived: filters.archived ? '1' : undefined };
  return (
    <Layout v={v} title={v.t('goals.title')}>
      <PageHeader title={v.t('goals.title')} lead={v.t('goals.lead')}>
        {props.canCreate ? <LinkButton href={`${base}/new`}>{v.t('goals.new')}</LinkButton> : null}
        <DownloadLinks v={v} href={`/o/${org.slug}/goals`} query={queryString(query)} label={v.t('goals.title')} />
      </PageHeader>
      <ErrorSummary v={v} errors={props.filterErrors} />
      <FilterForm v={v} action={base} label={v.t('goals.filters')}>
<Select name="year" label={v.t('goals.filter.year')} value={filters.year?.toString()} empty={v.t('list.all')} options={props.options.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <Select name="body" label={v.t('goals.filter.body')} value={filters.body} empty={v.t('list.all')} options={props.options.bodies} />
        <Select name="focusArea" label={v.t('goals.filter.focus_area')} value={filters.focusArea} empty={v.t('list.all')} options={props.options.focusAreas} />
        <Select name="sdg" label={v.t('goals.filter.sdg')} value={filters.sdg} empty={v.t('list.all')} options={props.options.sdg} />
        {props.showArchivedFilter ? <Checkbox name="archived" value="1" label={v.t('goals.filter.archived')} checked={filters.archived} /> : null}
      </FilterForm>
      <Section id="goals-list-title" title={v.t('goals.count', { count: props.total })}>
        {props.tree.length ? <GoalTree v={v} org={org} nodes={props.tree} /> : <Empty>{v.t('goals.empty')}</Empty>}
        <Pagination v={v} total={props.total} limit={props.limit} offset={props.offset} href={(offset) => `${base}${queryString({ ...query, offset: offset || undefined })}`} />
      </Section>
    </Layout>
  );
}

function GoalTree(props: { v: View; org: OrgRef; nodes: GoalTreeView[] }) {
  const { v, org } = props;
  return (
    <ul class="tree goal-tree">
      {props.nodes.map((g) => (
        <li>
          <a href={`/o/${org.slug}/goals/${g.id}`}>{g.label}</a> <span class="muted">· {g.bodyName} · {g.years}</span>{' '}
          <StatusBadges v={v} published={g.published} archived={g.archived} />
          {g.parentOutside ? <span class="muted"> · {v.t('goals.is_sub_goal')}</span> : null}
          {g.children.length ? <GoalTree v={v} org={org} nodes={g.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** One Agenda 2030 link: code, goal name and the text; English text where no Swedish exists, marked so. */
export function SdgText(props: { v: View; link: SdgLinkView }) {
  const { v, link } = props;
  return (
    <>
      <strong>{v.t(link.kind === 'goal' ? 'goals.sdg.goal' : 'goals.sdg.target', { code: link.code })}</strong>
      {link.goalShort ? ` (${link.goalShort})` : ''}
      {link.text ? ': ' : ''}
      {link.text ? <span lang={link.lang}>{link.text}</span> : null}
      {link.fallback ? ` ${v.t('goals.sdg.english_text')}` : null}
    </>
  );
}

export function GoalPage(props: {
  v: View;
  org: OrgRef;
  goal: GoalView;
  parent: GoalView | undefined;
  subGoals: GoalView[];
  /** The adopting body's direction texts in the goal's years. */
  directions: { id: string; label: string }[];
  /** What other modules link to the goal: its assignments, its assessments. */
  panels?: Child[];
  errors?: FieldErrors | undefined;
}) {
  const { v, org, goal } = props;
  const base = `/o/${org.slug}/goals/${goal.id}`;
  return (
    <Layout v={v} title={goal.label}>
      <RecordHeader v={v} title={goal.title} lead={goal.reference || undefined} edit={goal.can.update && `${base}/edit`} history={goal.can.history && `/o/${org.slug}/history/goal/${goal.id}`}>
        {goal.can.update ? (
          <LinkButton secondary href={`/o/${org.slug}/goals/new?parentId=${goal.id}`}>
            {v.t('goals.new_sub_goal')}
          </LinkButton>
        ) : null}
      </RecordHeader>
      <ErrorSummary v={v} errors={props.errors} />
      <Facts>
        {goal.reference ? <Fact label={v.t('goals.reference')}>{goal.reference}</Fact> : null}
        <Fact label={v.t('goals.body')}>
          <a href={`/o/${org.slug}/bodies/${goal.bodyId}`}>{goal.bodyName}</a>
        </Fact>
        <Fact label={v.t('goals.years')}>{goal.years}</Fact>
        <Fact label={v.t('goals.status')}>{statusText(v, goal)}</Fact>
        <Fact label={v.t('goals.parent')}>{props.parent ? <a href={`/o/${org.slug}/goals/${props.parent.id}`}>{props.parent.label}</a> : '—'}</Fact>
      </Facts>
      {goal.description ? (
        <Section id="goal-description" title={v.t('goals.description')}>
          <Paragraphs paragraphs={paragraphs(goal.description)} />
        </Section>
      ) : null}
      <Section id="goal-children" title={v.t('goals.sub_goals')}>
        <ListOrEmpty
          items={props.subGoals}
          empty={v.t('goals.no_sub_goals')}
          item={(c) => (
            <>
              <a href={`/o/${org.slug}/goals/${c.id}`}>{c.label}</a> <span class="muted">· {c.bodyName} · {c.years}</span> <StatusBadges v={v} published={c.published} archived={c.archived} />
            </>
          )}
        />
      </Section>
      <Section id="goal-directions" title={v.t('goals.directions_title')}>
        <ListOrEmpty items={props.directions} empty={v.t('goals.directions_none', { body: goal.bodyName })} item={(d) => <a href={`/o/${org.slug}/directions/${d.id}`}>{d.label}</a>} />
      </Section>
      <Panels panels={props.panels} />
      <Section id="goal-focus-areas" title={v.t('goals.focus_areas')}>
        <ListOrEmpty items={goal.focusAreas} empty={v.t('goals.no_focus_areas')} item={(f) => f.name} />
      </Section>
      <Section id="goal-sdg" title={v.t('goals.sdg')}>
        <ListOrEmpty items={goal.sdg} empty={v.t('goals.no_sdg')} class="sdg-links" item={(link) => <SdgText v={v} link={link} />} />
      </Section>
      <PlanActionForms v={v} base={base} can={goal.can} version={goal.version} />
    </Layout>
  );
}

export interface GoalFormValues {
  bodyId?: string;
  parentId?: string;
  reference?: string;
  title?: string;
  description?: string;
  yearFrom?: string | number;
  yearTo?: string | number;
  sortOrder?: string | number;
  focusAreaIds?: string[];
  sdgCodes?: string[];
  version?: string | number;
}

export function GoalFormPage(props: {
  v: View;
  org: OrgRef;
  mode: 'new' | 'edit';
  id?: string | undefined;
  values: GoalFormValues;
  errors?: FieldErrors | undefined;
  conflict?: { label: string; current: string }[] | undefined;
  bodies: Option[];
  parents: Option[];
  focusAreas: Option[];
  sdg: SdgGoal[];
}) {
  const { v, org, values, errors } = props;
  return (
    <PlanFormPage v={v} org={org} path="goals" title={props.mode === 'new' ? v.t('goals.new') : v.t('goals.edit')} id={props.id} version={values.version} errors={errors} conflict={props.conflict}>
      <Select name="bodyId" label={v.t('goals.body')} hint={v.t('goals.body_hint')} value={values.bodyId} error={errors?.bodyId} required empty={v.t('form.choose')} options={props.bodies} />
      <Select name="parentId" label={v.t('goals.parent')} hint={v.t('goals.parent_hint')} value={values.parentId} error={errors?.parentId} empty={v.t('goals.no_parent')} options={props.parents} />
      <TextField name="reference" label={v.t('goals.reference')} hint={v.t('goals.reference_hint')} value={values.reference} error={errors?.reference} size="short" />
      <TextArea name="title" label={v.t('goals.title_field')} value={values.title} error={errors?.title} rows={3} required />
      <TextArea name="description" label={v.t('goals.description')} hint={v.t('goals.paragraph_hint')} value={values.description} error={errors?.description} />
      <TextField name="yearFrom" label={v.t('goals.year_from')} value={values.yearFrom} error={errors?.yearFrom} inputmode="numeric" size="short" required />
      <TextField name="yearTo" label={v.t('goals.year_to')} hint={v.t('goals.year_to_hint')} value={values.yearTo} error={errors?.yearTo} inputmode="numeric" size="short" />
      <TextField name="sortOrder" label={v.t('goals.sort_order')} hint={v.t('goals.sort_order_hint')} value={values.sortOrder} error={errors?.sortOrder} inputmode="numeric" size="short" />
      {props.focusAreas.length ? (
        <Choices name="focusAreaIds" label={v.t('goals.focus_areas')} value={values.focusAreaIds} error={errors?.focusAreaIds} options={props.focusAreas} />
      ) : (
        <p class="hint">{v.t('goals.no_focus_areas_defined')}</p>
      )}
      <SdgChoices v={v} goals={props.sdg} value={values.sdgCodes ?? []} error={errors?.sdgCodes} />
    </PlanFormPage>
  );
}

/**
 * Agenda 2030 goals and targets as checkboxes, one disclosure per goal (works without JavaScript;
 * a goal with chosen codes starts open). Target texts without a Swedish version are shown in
 * English, marked as such and with lang="en" so screen readers pronounce them right.
 */
function SdgChoices(props: { v: View; goals: SdgGoal[]; value: string[]; error?: string | undefined }) {
  const { v } = props;
  const chosen = new Set(props.value);
  const sv = v.locale === 'sv';
  return (
    <fieldset class={props.error ? 'field choices sdg-choices has-error' : 'field choices sdg-choices'} id="f-sdgCodes" aria-describedby={props.error ? 'f-sdgCodes-hint f-sdgCodes-error' : 'f-sdgCodes-hint'}>
      <legend>{v.t('goals.sdg')}</legend>
      <p class="hint" id="f-sdgCodes-hint">
        {v.t('goals.sdg_hint')}
      </p>
      {props.error ? (
        <p class="field-error" id="f-sdgCodes-error">
          {props.error}
        </p>
      ) : null}
      {props.goals.map((g) => {
        const codes = [g.code, ...g.targets.map((t) => t.code)];
        const count = codes.filter((c) => chosen.has(c)).length;
        const short = sv ? g.shortSv : g.shortEn;
        return (
          <details open={count > 0}>
            <summary>
              {v.t('goals.sdg.goal', { code: g.code })}: {short}
              {count ? ` (${v.t('goals.sdg.chosen', { count })})` : ''}
            </summary>
            <fieldset class="choices">
              <legend class="visually-hidden">
                {v.t('goals.sdg.goal', { code: g.code })}: {short}
              </legend>
              <div class="choice">
                <input type="checkbox" id={`f-sdg-${g.code}`} name="sdgCodes" value={g.code} checked={chosen.has(g.code)} />
                <label for={`f-sdg-${g.code}`}>
                  {v.t('goals.sdg.whole_goal', { code: g.code })}: {sv ? g.titleSv : g.titleEn}
                </label>
              </div>
              {g.targets.map((t) => {
                const id = `f-sdg-${t.code.replace('.', '-')}`;
                const text = sv && t.textSv ? t.textSv : t.textEn;
                const fallback = sv && !t.textSv;
                return (
                  <div class="choice">
                    <input type="checkbox" id={id} name="sdgCodes" value={t.code} checked={chosen.has(t.code)} />
                    <label for={id}>
                      {t.code} <span lang={fallback ? 'en' : v.locale}>{text}</span>
                      {fallback ? ` ${v.t('goals.sdg.english_text')}` : ''}
                    </label>
                  </div>
                );
              })}
            </fieldset>
          </details>
        );
      })}
    </fieldset>
  );
}
