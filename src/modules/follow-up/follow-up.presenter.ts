// View-models for follow-up and the overview: labels in the reader's language, links, and the
// workflow steps the reader may take.
import { isMember, type Actor } from '../../core/context';
import type { Translate } from '../../core/i18n';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS, sourceLabelKey, statusLabelKey, targetLabelKey } from '../assignments';
import type { AssessmentCount, CollectionCount, LateAssignment, StatusSourceCount } from './dashboard.queries';
import { kindNamed, type ItemKind, type ItemKindName } from './follow-up.kinds';
import { canFollowUp, type ItemState } from './follow-up.policy';
import type { AssignmentItem, BodyProgressRow, BodyRef, GoalItem, ItemDetail, PeriodRow, ReportSummary } from './follow-up.queries';
import { ASSESSMENTS } from './follow-up.tables';

export type { ItemKindName } from './follow-up.kinds';

/** The assignments module's statuses and source kinds, in their own order: the overview's rows and columns. */
export const ASSIGNMENT_STATUS_ORDER = ASSIGNMENT_STATUSES;
export const SOURCE_ORDER = SOURCE_KINDS;

/** The badge tone of a state; the state is always written out too, never shown by colour alone. */
export const STATE_TONE: Record<ItemState, string> = { none: 'muted', draft: 'warn', submitted: 'info', approved: 'ok' };
const VALUE_TONE: Record<string, string> = {
  not_started: 'muted',
  on_track: 'ok',
  at_risk: 'warn',
  delayed: 'bad',
  completed: 'ok',
  cancelled: 'muted',
  met: 'ok',
  partly_met: 'warn',
  not_met: 'bad',
  not_assessed: 'muted',
};
export const valueTone = (value: string | null): string => (value ? (VALUE_TONE[value] ?? 'muted') : 'muted');

export const valueLabel = (kind: ItemKindName, value: string, t: Translate): string => t(`followup.${kindNamed(kind).valueColumn}.${value}`);

export const valueOptions = (kind: ItemKindName, t: Translate) => kindNamed(kind).values.map((v) => ({ value: v, label: valueLabel(kind, v, t) }));

export const itemPath = (kind: ItemKindName): string => kindNamed(kind).path;

export interface Can {
  save: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
}

function can(actor: Actor, organisationId: string, bodyId: string, state: ItemState, period: { status: 'open' | 'closed' }): Can {
  const res = { organisationId, bodyId, state, periodStatus: period.status };
  return {
    save: canFollowUp(actor, 'save', res),
    submit: canFollowUp(actor, 'submit', res),
    approve: canFollowUp(actor, 'approve', res),
    return: canFollowUp(actor, 'return', res),
  };
}

/** One line of the reporting page: an assignment or goal and the body's report on it. */
export interface ReportLineView {
  kind: ItemKindName;
  targetId: string;
  reference: string;
  title: string;
  /** The assignment's deadline and lifecycle status, or the goal's owner. */
  facts: string;
  state: ItemState;
  stateLabel: string;
  value: string | null;
  valueLabel: string;
  href: string;
  can: Can;
}

/** One line of the reporting page for `target`, an assignment or goal with the body's report on it (if any). */
export function presentLine(
  kind: ItemKind,
  orgSlug: string,
  organisationId: string,
  period: PeriodRow,
  body: BodyRef,
  target: { id: string; reference: string; title: string; facts: string; report: ReportSummary | null },
  actor: Actor,
  t: Translate,
): ReportLineView {
  const report = target.report;
  const state: ItemState = report?.state ?? 'none';
  const base = `/o/${orgSlug}/follow-up/${kind.path}`;
  return {
    kind: kind.name,
    targetId: target.id,
    reference: target.reference,
    title: target.title,
    facts: target.facts,
    state,
    stateLabel: t(`followup.state.${state}`),
    value: report?.value ?? null,
    valueLabel: report ? valueLabel(kind.name, report.value, t) : '',
    href: report ? `${base}/${report.id}` : `${base}/new?period=${period.id}&body=${body.id}&${kind.targetParam}=${target.id}`,
    can: can(actor, organisationId, body.id, state, period),
  };
}

/** An assignment's line says its lifecycle status and deadline; a goal's line says whose goal it is. */
export const assignmentFacts = (a: AssignmentItem, t: Translate): string =>
  [t(statusLabelKey(a.status)), a.deadline ? t('followup.deadline_on', { date: a.deadline }) : ''].filter(Boolean).join(' · ');
export const goalFacts = (g: GoalItem, t: Translate): string => t('followup.goal_owner', { name: g.ownerName });

/** The page of one status report or goal assessment, written or still to be written. */
export interface ItemView {
  kind: ItemKindName;
  id: string | null;
  period: { id: string; name: string; status: 'open' | 'closed' };
  body: { id: string; name: string };
  target: { id: string; reference: string; title: string; href: string };
  state: ItemState;
  stateLabel: string;
  value: string | null;
  valueLabel: string;
  comment: string;
  returnComment: string;
  submittedAt: Date | null;
  submittedBy: string | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  version: number | null;
  showHistory: boolean;
  can: Can;
}

export function presentItem(kind: ItemKind, orgSlug: string, r: ItemDetail, actor: Actor, t: Translate): ItemView {
  const internal = isMember(actor, r.organisation_id);
  return {
    kind: kind.name,
    id: r.id,
    period: { id: r.period_id, name: r.period_name, status: r.period_status },
    body: { id: r.body_id, name: r.body_name },
    target: { id: r.target_id, reference: r.target_reference, title: r.target_title, href: `/o/${orgSlug}/${kind.targetPath}/${r.target_id}` },
    state: r.state,
    stateLabel: t(`followup.state.${r.state}`),
    value: r.value,
    valueLabel: valueLabel(kind.name, r.value, t),
    comment: r.comment,
    returnComment: internal && r.state === 'draft' ? r.return_comment : '',
    submittedAt: r.submitted_at,
    submittedBy: internal ? r.submitted_by_name : null,
    approvedAt: r.approved_at,
    approvedBy: internal ? r.approved_by_name : null,
    version: r.version,
    showHistory: internal,
    can: can(actor, r.organisation_id, r.body_id, r.state, { status: r.period_status }),
  };
}

/** A report not written yet: the form to write the first one. */
export function presentNewItem(
  kind: ItemKindName,
  organisationId: string,
  period: PeriodRow,
  body: BodyRef,
  target: { id: string; reference: string; title: string; href: string },
  actor: Actor,
  t: Translate,
): ItemView {
  return {
    kind,
    id: null,
    period: { id: period.id, name: period.name, status: period.status },
    body: { id: body.id, name: body.name },
    target,
    state: 'none',
    stateLabel: t('followup.state.none'),
    value: null,
    valueLabel: '',
    comment: '',
    returnComment: '',
    submittedAt: null,
    submittedBy: null,
    approvedAt: null,
    approvedBy: null,
    version: null,
    showHistory: false,
    can: can(actor, organisationId, body.id, 'none', period),
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

/** A status report or goal assessment in the API: `assignmentId`, `assignmentReference` … or `goalId` … by kind. */
export function itemJson(kind: ItemKind, r: ItemDetail, internal: boolean) {
  return {
    id: r.id,
    periodId: r.period_id,
    periodName: r.period_name,
    year: r.period_year,
    bodyId: r.body_id,
    bodyName: r.body_name,
    [kind.targetField]: r.target_id,
    [`${kind.targetParam}Reference`]: r.target_reference,
    [`${kind.targetParam}Title`]: r.target_title,
    [kind.valueColumn]: r.value,
    comment: r.comment,
    state: r.state,
    returnComment: internal ? r.return_comment : '',
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// The overview

export interface DashboardFilters {
  year: number;
  bodyId?: string | undefined;
  focusAreaId?: string | undefined;
}

export interface CountView {
  key: string;
  label: string;
  n: number;
  href?: string;
}

export interface SourceRowView {
  key: string;
  label: string;
  counts: CountView[];
  total: number;
  href: string;
}

export interface ProgressView {
  periodId: string;
  periodName: string;
  bodies: (BodyProgressRow & { complete: boolean; fullyApproved: boolean })[];
  bodiesTotal: number;
  bodiesComplete: number;
  bodiesApproved: number;
}

export interface CollectionView {
  title: string;
  kindLabel: string;
  years: string;
  total: number;
  closed: number;
  /** The collection's closed assignments: the list behind "19 av 31 avslutade". */
  closedHref: string;
  /** Non-zero counts of the other statuses, e.g. "Lägesrapporterat 8". */
  others: { label: string; n: number; href: string }[];
  href: string;
}

export interface DashboardView {
  year: number;
  collections: CollectionView[];
  statuses: CountView[];
  total: number;
  sources: SourceRowView[];
  late: (LateAssignment & { statusLabel: string; responsible: string; href: string })[];
  lateHref: string;
  totalHref: string;
  goals: CountView[];
  goalsTotal: number;
  goalsHref: string;
  progress: ProgressView | undefined;
}

/** The assignments list, filtered to what a number on the overview counts. */
export function assignmentsListHref(orgSlug: string, f: DashboardFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ year: String(f.year), ...extra });
  if (f.bodyId) q.set('body', f.bodyId);
  if (f.focusAreaId) q.set('focusArea', f.focusAreaId);
  return `/o/${orgSlug}/assignments?${q.toString()}`;
}

/** The list's address for the overview's filters and one assessment (or none for every goal). */
export function goalListHref(orgSlug: string, f: { year: number; bodyId?: string | undefined; focusAreaId?: string | undefined }, assessment?: string): string {
  const q = new URLSearchParams({ year: String(f.year) });
  if (f.bodyId) q.set('body', f.bodyId);
  if (f.focusAreaId) q.set('focusArea', f.focusAreaId);
  if (assessment) q.set('assessment', assessment);
  return `/o/${orgSlug}/follow-up/goals?${q.toString()}`;
}

export function presentDashboard(
  orgSlug: string,
  f: DashboardFilters,
  data: { counts: StatusSourceCount[]; collections: CollectionCount[]; late: LateAssignment[]; goals: AssessmentCount[]; progress: { period: PeriodRow; rows: BodyProgressRow[] } | undefined },
  t: Translate,
): DashboardView {
  const perStatus = new Map<string, number>();
  for (const c of data.counts) perStatus.set(c.status, (perStatus.get(c.status) ?? 0) + c.n);
  const statuses = ASSIGNMENT_STATUS_ORDER.map((s) => ({ key: s, label: t(statusLabelKey(s)), n: perStatus.get(s) ?? 0, href: assignmentsListHref(orgSlug, f, { status: s }) }));
  const sources = SOURCE_ORDER.map((source) => {
    const counts = ASSIGNMENT_STATUS_ORDER.map((s) => ({
      key: s,
      label: t(statusLabelKey(s)),
      n: data.counts.filter((c) => c.source_kind === source && c.status === s).reduce((sum, c) => sum + c.n, 0),
      href: assignmentsListHref(orgSlug, f, { status: s, source }),
    }));
    return { key: source, label: t(sourceLabelKey(source)), counts, total: counts.reduce((sum, c) => sum + c.n, 0), href: assignmentsListHref(orgSlug, f, { source }) };
  }).filter((row) => row.total > 0);
  const collections = presentCollections(orgSlug, f, data.collections, t);
  const goalCount = new Map(data.goals.map((g) => [g.assessment, g.n]));
  const goals = [...ASSESSMENTS, 'none' as const].map((a) => ({ key: a, label: t(a === 'none' ? 'followup.assessment.none' : `followup.assessment.${a}`), n: goalCount.get(a) ?? 0, href: goalListHref(orgSlug, f, a) }));
  return {
    year: f.year,
    collections,
    statuses,
    total: statuses.reduce((sum, s) => sum + s.n, 0),
    totalHref: assignmentsListHref(orgSlug, f),
    sources,
    lateHref: assignmentsListHref(orgSlug, f, { late: 'true' }),
    late: data.late.map((l) => ({
      ...l,
      statusLabel: t(statusLabelKey(l.status)),
      responsible: l.target === 'all_committees_and_companies' ? t(targetLabelKey('all_committees_and_companies')) : (l.lead_name ?? ''),
      href: `/o/${orgSlug}/assignments/${l.id}`,
    })),
    goals,
    goalsTotal: goals.reduce((sum, g) => sum + g.n, 0),
    goalsHref: goalListHref(orgSlug, f),
    progress: data.progress ? presentProgress(data.progress.period, data.progress.rows) : undefined,
  };
}

export function presentProgress(period: PeriodRow, rows: BodyProgressRow[]): ProgressView {
  const bodies = rows.map((r) => ({ ...r, complete: r.submitted + r.approved >= r.expected, fullyApproved: r.approved >= r.expected }));
  return {
    periodId: period.id,
    periodName: period.name,
    bodies,
    bodiesTotal: bodies.length,
    bodiesComplete: bodies.filter((b) => b.complete).length,
    bodiesApproved: bodies.filter((b) => b.fullyApproved).length,
  };
}

function presentCollections(orgSlug: string, f: DashboardFilters, rows: CollectionCount[], t: Translate): CollectionView[] {
  const groups = new Map<string, CollectionCount[]>();
  for (const r of rows) {
    const key = `${r.source_kind}\u0000${r.source_title}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .map((g) => {
      const first = g[0]!;
      const count = (status: string) => g.filter((r) => r.status === status).reduce((sum, r) => sum + r.n, 0);
      const years = first.first_year === first.last_year ? String(first.first_year) : `${first.first_year}–${first.last_year}`;
      // The list links filter by source kind, and by year when the collection has one year.
      const listFilters: DashboardFilters = { ...f, year: first.first_year };
      const link = (extra: Record<string, string>) => {
        const href = assignmentsListHref(orgSlug, listFilters, { source: first.source_kind, ...extra });
        return first.first_year === first.last_year ? href : href.replace(/year=\d+&?/, '');
      };
      return {
        title: first.source_title || t(sourceLabelKey(first.source_kind)),
        kindLabel: t(sourceLabelKey(first.source_kind)),
        years,
        lastYear: first.last_year,
        total: g.reduce((sum, r) => sum + r.n, 0),
        closed: count('closed'),
        closedHref: link({ status: 'closed' }),
        others: ASSIGNMENT_STATUS_ORDER.filter((s) => s !== 'closed' && count(s) > 0).map((s) => ({ label: t(statusLabelKey(s)), n: count(s), href: link({ status: s }) })),
        href: link({}),
      };
    })
    .sort((a, b) => b.lastYear - a.lastYear || a.title.localeCompare(b.title, 'sv'))
    .map(({ lastYear: _l, ...c }) => c);
}
