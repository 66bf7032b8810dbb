// Reads for follow-up: periods, what a body reports on in a period, status reports and goal
// assessments with their context. Periods, years, bodies and focus areas are read through the
// organisations module; the rules for "who reports on what" come from assignments and goals.
import { sql } from 'kysely';
import { ANONYMOUS, type Actor } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import { rankedSearch, tsQuery } from '../../core/search';
import { isUuid } from '../../core/validation';
import { ALL_TARGET_BODY_KINDS, assignmentsInScope, reportingWindowCloses, responsibleFor } from '../assignments';
import { COUNCIL_GOAL_ASSESSOR_KINDS, councilGoalsFirst, goalsInScope } from '../goals';
import * as organisations from '../organisations';
import { bodiesInScope, createdOnColumn } from '../organisations';
import { STATUS_REPORT, type ItemKind } from './follow-up.kinds';
import { reportsReadableBy } from './follow-up.policy';
import type { Assessment, Progress, ReportState } from './follow-up.tables';

// ---------------------------------------------------------------------------------------------
// Periods, years, bodies, focus areas

export interface PeriodRow {
  id: string;
  organisation_id: string;
  year: number;
  kind: string;
  name: string;
  starts_on: string;
  ends_on: string;
  report_due: string | null;
  status: 'open' | 'closed';
}

/** Newest first. */
export async function listPeriods(db: Executor, organisationId: string, year?: number): Promise<PeriodRow[]> {
  const rows = await organisations.listPeriods(db, organisationId, { year });
  return rows.sort((a, b) => b.starts_on.localeCompare(a.starts_on) || b.ends_on.localeCompare(a.ends_on) || a.name.localeCompare(b.name));
}

export async function findPeriod(db: Executor, organisationId: string, id: string): Promise<PeriodRow | undefined> {
  const period = await organisations.findPeriod(db, organisationId, id);
  return period && period.archived_at === null ? period : undefined;
}

/**
 * The period being reported on now: the open period that ends first (a tertial stays open until
 * its reports are in, then the strategist closes it); when all are closed, the latest one.
 * `periods` come newest first, as listPeriods returns them.
 */
export function currentPeriod(periods: readonly PeriodRow[]): PeriodRow | undefined {
  const open = periods.filter((p) => p.status === 'open').sort((a, b) => a.ends_on.localeCompare(b.ends_on) || a.starts_on.localeCompare(b.starts_on));
  return open[0] ?? periods[0];
}

/** Newest first. */
export async function listYears(db: Executor, organisationId: string): Promise<number[]> {
  return (await organisations.listYears(db, organisationId)).map((r) => r.year);
}

export interface BodyRef {
  id: string;
  name: string;
  kind: string;
  archived_at: Date | null;
}

export const findBodyRef = (db: Executor, organisationId: string, id: string): Promise<BodyRef | undefined> => organisations.findBody(db, organisationId, id);

export interface FocusAreaRef {
  id: string;
  name: string;
}

export const listFocusAreas = (db: Executor, organisationId: string, locale?: Locale): Promise<FocusAreaRef[]> =>
  organisations.listFocusAreas(db, organisationId, locale ? { locale } : {});

// ---------------------------------------------------------------------------------------------
// What a body reports on in a period

export interface AssignmentItem {
  id: string;
  reference: string;
  title: string;
  status: string;
  deadline: string | null;
  published: boolean;
  report: ReportSummary | null;
}

export interface ReportSummary {
  id: string;
  state: ReportState;
  value: string;
  comment: string;
  return_comment: string;
  version: number;
  updated_at: Date;
}

/**
 * The assignments `body` reports on in `period`, each with its status report if there is one: those
 * it was responsible for before the period's reporting window closed (a body attached later is not
 * late for it, and is not offered it).
 */
export async function reportableAssignments(db: Executor, organisationId: string, period: PeriodRow, body: BodyRef, only?: { assignmentId: string }): Promise<AssignmentItem[]> {
  let q = assignmentsInScope(db, { organisationId, body, reportedIn: period })
    .leftJoin('status_reports as sr', (join) =>
      join.onRef('sr.assignment_id', '=', 'a.id').on('sr.period_id', '=', period.id).on('sr.body_id', '=', body.id).on('sr.archived_at', 'is', null),
    )
    .select(['a.id', 'a.reference', 'a.title', 'a.status', 'a.deadline', 'sr.id as report_id', 'sr.state', 'sr.progress', 'sr.comment', 'sr.return_comment', 'sr.version', 'sr.updated_at'])
    .select(sql<boolean>`a.published_at is not null`.as('published'));
  if (only) q = q.where('a.id', '=', only.assignmentId);
  const rows = await q.orderBy('a.year').orderBy('a.reference').orderBy('a.title').execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    status: r.status,
    deadline: r.deadline,
    published: r.published,
    report: summary(r.report_id, r, r.progress),
  }));
}

/** The body's report on a line, when the left join found one. */
function summary(
  id: string | null,
  r: { state: ReportState | null; comment: string | null; return_comment: string | null; version: number | null; updated_at: Date | null },
  value: string | null,
): ReportSummary | null {
  return id ? { id, state: r.state!, value: value!, comment: r.comment ?? '', return_comment: r.return_comment ?? '', version: r.version!, updated_at: r.updated_at! } : null;
}

export interface GoalItem {
  id: string;
  reference: string;
  title: string;
  ownerId: string;
  ownerName: string;
  isCouncilGoal: boolean;
  published: boolean;
  assessment: ReportSummary | null;
}

/**
 * The goals `body` assesses in `period`: its own goals valid that year and, for the bodies the goals
 * module names (committees, companies and the executive board), the council's goals of that year
 * when the body existed before the period's reporting window closed.
 */
export async function assessableGoals(db: Executor, organisationId: string, period: PeriodRow, body: BodyRef, only?: { goalId: string }): Promise<GoalItem[]> {
  let q = goalsInScope(db, { organisationId, year: period.year, assessedBy: body, windowCloses: reportingWindowCloses(period) })
    .leftJoin('goal_assessments as ga', (join) =>
      join.onRef('ga.goal_id', '=', 'g.id').on('ga.period_id', '=', period.id).on('ga.body_id', '=', body.id).on('ga.archived_at', 'is', null),
    )
    .select(['g.id', 'g.reference', 'g.title', 'g.body_id as owner_id', 'ob.name as owner_name', 'ob.kind as owner_kind'])
    .select(['ga.id as assessment_id', 'ga.state', 'ga.assessment', 'ga.comment', 'ga.return_comment', 'ga.version', 'ga.updated_at'])
    .select(sql<boolean>`g.published_at is not null`.as('published'));
  if (only) q = q.where('g.id', '=', only.goalId);
  const rows = await q.orderBy(councilGoalsFirst, 'desc').orderBy('g.sort_order').orderBy('g.reference').orderBy('g.title').execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    isCouncilGoal: r.owner_kind === 'council',
    published: r.published,
    assessment: summary(r.assessment_id, r, r.assessment),
  }));
}

// ---------------------------------------------------------------------------------------------
// Status reports and goal assessments with their context

interface WorkflowColumns {
  id: string;
  organisation_id: string;
  period_id: string;
  body_id: string;
  comment: string;
  state: ReportState;
  return_comment: string;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface StatusReportRow extends WorkflowColumns {
  assignment_id: string;
  progress: Progress;
}

export interface GoalAssessmentRow extends WorkflowColumns {
  goal_id: string;
  assessment: Assessment;
}

/** A status report or goal assessment with its period, body and subject, alike for both kinds. */
export interface ItemDetail extends WorkflowColumns {
  target_id: string;
  value: string;
  target_reference: string;
  target_title: string;
  target_published: boolean;
  period_name: string;
  period_year: number;
  period_status: 'open' | 'closed';
  period_starts_on: string;
  body_name: string;
  submitted_by_name: string | null;
  approved_by_name: string | null;
}
export type StatusReportDetail = ItemDetail & { value: Progress };
export type GoalAssessmentDetail = ItemDetail & { value: Assessment };

export interface ItemFilters {
  periodId?: string | undefined;
  bodyId?: string | undefined;
  targetId?: string | undefined;
  state?: ReportState | undefined;
  year?: number | undefined;
  /** Only reports approved after this moment (what changed since a person's last visit). */
  approvedAfter?: Date | undefined;
  /** Only reports of open (or closed) periods: what can still be reviewed is in an open one. */
  periodStatus?: 'open' | 'closed' | undefined;
  /** Who reads: only the reports they may read are found (follow-up.policy `mayReadReport`). */
  readBy: Actor;
}

/**
 * The kind's reports (alias i) with their period (p), body (b) and subject (t). Both tables have the
 * same workflow columns and both subjects a reference, title, published_at and archived_at, so the
 * query is typed as the status reports' and serves the goal assessments unchanged.
 */
function itemQuery(db: Executor, kind: ItemKind, organisationId: string, f: ItemFilters) {
  const targetRef = `i.${kind.targetColumn}` as 'i.assignment_id';
  let q = db
    .selectFrom(`${kind.table} as i` as 'status_reports as i')
    .innerJoin('periods as p', 'p.id', 'i.period_id')
    .innerJoin('bodies as b', 'b.id', 'i.body_id')
    .innerJoin(`${kind.targetTable} as t` as 'assignments as t', 't.id', targetRef)
    .where('i.organisation_id', '=', organisationId)
    .where('i.archived_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .where('t.archived_at', 'is', null);
  if (f.periodId) q = q.where('i.period_id', '=', f.periodId);
  if (f.bodyId) q = q.where('i.body_id', '=', f.bodyId);
  if (f.targetId) q = q.where(targetRef, '=', f.targetId);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.approvedAfter) q = q.where('i.approved_at', '>', f.approvedAfter);
  if (f.periodStatus) q = q.where('p.status', '=', f.periodStatus);
  return q.where(reportsReadableBy(f.readBy, organisationId));
}

export interface Page {
  limit: number;
  offset: number;
}

const itemColumns = [
  'i.id', 'i.organisation_id', 'i.period_id', 'i.body_id', 'i.comment', 'i.state', 'i.return_comment',
  'i.submitted_at', 'i.submitted_by', 'i.approved_at', 'i.approved_by', 'i.version', 'i.created_at', 'i.updated_at',
  'p.name as period_name', 'p.year as period_year', 'p.status as period_status', 'p.starts_on as period_starts_on',
  'b.name as body_name', 'su.name as submitted_by_name', 'au.name as approved_by_name',
  't.reference as target_reference', 't.title as target_title',
] as const;

function itemDetails(db: Executor, kind: ItemKind, organisationId: string, f: ItemFilters) {
  return itemQuery(db, kind, organisationId, f)
    .leftJoin('users as su', 'su.id', 'i.submitted_by')
    .leftJoin('users as au', 'au.id', 'i.approved_by')
    .select(itemColumns)
    .select([sql.ref<string>(`i.${kind.targetColumn}`).as('target_id'), sql.ref<string>(`i.${kind.valueColumn}`).as('value')])
    .select(sql<boolean>`t.published_at is not null`.as('target_published'));
}

export async function listItems(db: Executor, kind: ItemKind, organisationId: string, f: ItemFilters, page: Page): Promise<{ rows: ItemDetail[]; total: number }> {
  let q = itemDetails(db, kind, organisationId, f).orderBy('p.starts_on', 'desc');
  for (const c of kind.targetOrder) q = q.orderBy(sql.ref(`t.${c}`));
  const [rows, count] = await Promise.all([
    q.orderBy('b.name').orderBy('i.id').limit(page.limit).offset(page.offset).execute(),
    itemQuery(db, kind, organisationId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ItemDetail[], total: Number(count.n) };
}


/** The latest approved status reports on published assignments, newest approval first: the public feed. */
export async function recentlyApprovedReports(db: Executor, organisationId: string, limit: number): Promise<StatusReportDetail[]> {
  const rows = await itemDetails(db, STATUS_REPORT, organisationId, { readBy: ANONYMOUS }).orderBy('i.approved_at', 'desc').orderBy('i.id').limit(limit).execute();
  return rows as StatusReportDetail[];
}

/** The report, when `readBy` may read it (follow-up.policy `mayReadReport`); else undefined, as if there were none. */
export async function findItem(db: Executor, kind: ItemKind, organisationId: string, id: string, readBy: Actor): Promise<ItemDetail | undefined> {
  if (!isUuid(id)) return undefined;
  return (await itemDetails(db, kind, organisationId, { readBy }).where('i.id', '=', id).executeTakeFirst()) as ItemDetail | undefined;
}

/** The report a body has written on a target in a period, if any. */
export async function findItemId(db: Executor, kind: ItemKind, organisationId: string, key: { periodId: string; bodyId: string; targetId: string }): Promise<string | undefined> {
  if (![key.periodId, key.bodyId, key.targetId].every(isUuid)) return undefined;
  const row = await db
    .selectFrom(kind.table as 'status_reports')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('period_id', '=', key.periodId)
    .where('body_id', '=', key.bodyId)
    .where(kind.targetColumn as 'assignment_id', '=', key.targetId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

// ---------------------------------------------------------------------------------------------
// Progress per body in a period

export interface BodyProgressRow {
  body_id: string;
  body_name: string;
  expected: number;
  drafts: number;
  submitted: number;
  approved: number;
}

export interface ProgressScope {
  bodyId?: string | undefined;
  focusAreaId?: string | undefined;
  /** Count only approved reports on published assignments and goals. */
  publicOnly: boolean;
}

/**
 * For each body with something to report in `period`: how many reports and assessments it owes
 * (what it was responsible for before the period's reporting window closed, as reportableAssignments
 * and assessableGoals say), and how many of them are drafts, submitted and approved. One query for
 * every body at once.
 */
export async function bodyProgress(db: Executor, organisationId: string, period: PeriodRow, scope: ProgressScope, locale: Locale = 'sv'): Promise<BodyProgressRow[]> {
  const visibleStates = scope.publicOnly ? sql`('approved')` : sql`('draft', 'submitted', 'approved')`;
  const closes = sql`cast(${reportingWindowCloses(period)} as date)`;
  const reporter = { id: sql.ref<string>('r.id'), createdOn: sql.ref<string>('r.created_on'), reachedByAll: sql.ref<boolean>('r.reached_by_all') };
  const rows = await sql<BodyProgressRow>`
    with reporters as (
      select b.id, b.name, b.created_on, (b.kind in (${sql.join(ALL_TARGET_BODY_KINDS)})) as reached_by_all,
             (b.kind in (${sql.join(COUNCIL_GOAL_ASSESSOR_KINDS)})) as assesses_council_goals
      from ${bodiesInScope(db, { organisationId, id: scope.bodyId }).select(['b.id', 'b.name', 'b.kind', createdOnColumn.as('created_on')])} b
    ),
    owed_assignments as (
      select r.id as body_id, a.id as target_id
      from ${assignmentsInScope(db, { organisationId, reportedIn: period, publicOnly: scope.publicOnly, focusAreaId: scope.focusAreaId }).select(['a.id', 'a.target', 'a.year', 'a.decision_date'])} a
      join reporters r on ${responsibleFor(reporter, reportingWindowCloses(period))}
    ),
    owed_goals as (
      select r.id as body_id, g.id as target_id
      from ${goalsInScope(db, { organisationId, year: period.year, publicOnly: scope.publicOnly, focusAreaId: scope.focusAreaId }).select(['g.id', 'g.body_id', 'ob.kind as owner_kind'])} g
      join reporters r on g.body_id = r.id or (r.assesses_council_goals and g.owner_kind = 'council' and r.created_on <= ${closes})
    ),
    items as (
      select o.body_id, sr.state
      from owed_assignments o
      left join status_reports sr
        on sr.period_id = ${period.id} and sr.body_id = o.body_id and sr.assignment_id = o.target_id
        and sr.archived_at is null and sr.state in ${visibleStates}
      union all
      select o.body_id, ga.state
      from owed_goals o
      left join goal_assessments ga
        on ga.period_id = ${period.id} and ga.body_id = o.body_id and ga.goal_id = o.target_id
        and ga.archived_at is null and ga.state in ${visibleStates}
    )
    select r.id as body_id, r.name as body_name,
           count(*) as expected,
           count(*) filter (where i.state = 'draft') as drafts,
           count(*) filter (where i.state = 'submitted') as submitted,
           count(*) filter (where i.state = 'approved') as approved
    from items i join reporters r on r.id = i.body_id
    group by r.id, r.name`.execute(db);
  const byName = compareText(locale);
  return rows.rows
    .map((r) => ({ ...r, expected: Number(r.expected), drafts: Number(r.drafts), submitted: Number(r.submitted), approved: Number(r.approved) }))
    .sort((a, b) => byName(a.body_name, b.body_name));
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchRow {
  id: string;
  title: string;
  body_name: string;
  period_name: string;
  /** Marked by core/search: the page draws the marks, the API removes them. */
  excerpt: string;
  rank: number;
}

/** Reports of the kind `readBy` may read whose comment matches, best match first (core/search `rankedSearch`). */
export async function searchItems(db: Executor, kind: ItemKind, organisationId: string, tsquery: string, limit: number, readBy: Actor): Promise<{ rows: SearchRow[]; total: number }> {
  const query = tsQuery(tsquery);
  const matches = itemQuery(db, kind, organisationId, { readBy })
    .where(sql<boolean>`i.search @@ ${query}`)
    .select(['i.id', 't.title', 'b.name as body_name', 'p.name as period_name'])
    .select([sql<string>`i.comment`.as('doc'), sql<number>`ts_rank(i.search, ${query})`.as('rank')]);
  return rankedSearch(db, matches, tsquery, limit);
}

