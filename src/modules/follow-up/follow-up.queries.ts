// Reads for follow-up: periods, what a body reports on in a period, status reports and goal
// assessments with their context. The goals and assignments tables are read here directly: the
// rules for "who reports on what" belong to follow-up.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import type { Assessment, Progress, ReportState } from './follow-up.tables';

export const isUuid = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

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

const periodColumns = ['id', 'organisation_id', 'year', 'kind', 'name', 'starts_on', 'ends_on', 'report_due', 'status'] as const;

/** Newest first. */
export async function listPeriods(db: Executor, organisationId: string, year?: number): Promise<PeriodRow[]> {
  let q = db.selectFrom('periods').select(periodColumns).where('organisation_id', '=', organisationId).where('archived_at', 'is', null);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('starts_on', 'desc').orderBy('ends_on', 'desc').orderBy('name').execute();
}

export async function findPeriod(db: Executor, organisationId: string, id: string): Promise<PeriodRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('periods').select(periodColumns).where('organisation_id', '=', organisationId).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
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
  const rows = await db.selectFrom('years').select('year').where('organisation_id', '=', organisationId).where('archived_at', 'is', null).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export interface BodyRef {
  id: string;
  name: string;
  kind: string;
  archived_at: Date | null;
}

export async function findBodyRef(db: Executor, organisationId: string, id: string): Promise<BodyRef | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('bodies').select(['id', 'name', 'kind', 'archived_at']).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export interface FocusAreaRef {
  id: string;
  name: string;
}

export async function listFocusAreas(db: Executor, organisationId: string): Promise<FocusAreaRef[]> {
  return db
    .selectFrom('focus_areas')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// What a body reports on in a period

/** "All committees and companies" reaches every body of those kinds that is not archived. */
export const reachesAllTarget = (body: BodyRef): boolean => body.archived_at === null && (body.kind === 'committee' || body.kind === 'company');

/**
 * When an assignment reached its current, finished status: the latest recorded change to it, or
 * its last edit when no change was recorded (rows loaded without a lifecycle).
 */
const endedAt = sql`coalesce(
  (select max(c.changed_at) from assignment_status_changes c where c.assignment_id = a.id and c.to_status = a.status),
  a.updated_at)`;

/** The conditions under which assignment `a` is still to be reported on in `period`. */
export function reportableInPeriod(period: PeriodRow): RawBuilder<unknown> {
  return sql`a.archived_at is null
    and a.year <= ${period.year}
    and not (a.status in ('closed', 'cancelled', 'transferred') and ${endedAt} < cast(${period.starts_on} as date))`;
}

/** Is `body` responsible for assignment `a`: named in assignment_bodies, or reached by its target. */
export function responsible(body: BodyRef): RawBuilder<unknown> {
  return sql`(exists (select 1 from assignment_bodies ab where ab.assignment_id = a.id and ab.body_id = ${body.id})
    or (a.target = 'all_committees_and_companies' and ${reachesAllTarget(body)}))`;
}

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

interface AssignmentItemRow {
  id: string;
  reference: string;
  title: string;
  status: string;
  deadline: string | null;
  published: boolean;
  report_id: string | null;
  state: ReportState | null;
  progress: Progress | null;
  comment: string | null;
  return_comment: string | null;
  version: number | null;
  updated_at: Date | null;
}

/** The assignments `body` reports on in `period`, each with its status report if there is one. */
export async function reportableAssignments(db: Executor, organisationId: string, period: PeriodRow, body: BodyRef, only?: { assignmentId: string }): Promise<AssignmentItem[]> {
  const rows = await sql<AssignmentItemRow>`
    select a.id, a.reference, a.title, a.status, a.deadline, a.published_at is not null as published,
           sr.id as report_id, sr.state, sr.progress, sr.comment, sr.return_comment, sr.version, sr.updated_at
    from assignments a
    left join status_reports sr
      on sr.assignment_id = a.id and sr.period_id = ${period.id} and sr.body_id = ${body.id} and sr.archived_at is null
    where a.organisation_id = ${organisationId}
      and ${reportableInPeriod(period)}
      and ${responsible(body)}
      ${only ? sql`and a.id = ${only.assignmentId}` : sql``}
    order by a.year, a.reference, a.title`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    status: r.status,
    deadline: r.deadline,
    published: r.published,
    report: r.report_id
      ? { id: r.report_id, state: r.state!, value: r.progress!, comment: r.comment ?? '', return_comment: r.return_comment ?? '', version: r.version!, updated_at: r.updated_at! }
      : null,
  }));
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

interface GoalItemRow {
  id: string;
  reference: string;
  title: string;
  owner_id: string;
  owner_name: string;
  owner_kind: string;
  published: boolean;
  assessment_id: string | null;
  state: ReportState | null;
  assessment: Assessment | null;
  comment: string | null;
  return_comment: string | null;
  version: number | null;
  updated_at: Date | null;
}

/**
 * The goals `body` assesses in `period`: its own goals valid that year and, for committees and
 * companies, the council's goals of that year (the council's goals bind every committee).
 */
export async function assessableGoals(db: Executor, organisationId: string, period: PeriodRow, body: BodyRef, only?: { goalId: string }): Promise<GoalItem[]> {
  const rows = await sql<GoalItemRow>`
    select g.id, g.reference, g.title, g.body_id as owner_id, ob.name as owner_name, ob.kind as owner_kind,
           g.published_at is not null as published,
           ga.id as assessment_id, ga.state, ga.assessment, ga.comment, ga.return_comment, ga.version, ga.updated_at
    from goals g
    join bodies ob on ob.id = g.body_id
    left join goal_assessments ga
      on ga.goal_id = g.id and ga.period_id = ${period.id} and ga.body_id = ${body.id} and ga.archived_at is null
    where g.organisation_id = ${organisationId}
      and g.archived_at is null
      and g.year_from <= ${period.year} and ${period.year} <= coalesce(g.year_to, ${period.year})
      and (g.body_id = ${body.id} or (${reachesAllTarget(body)} and ob.kind = 'council'))
      ${only ? sql`and g.id = ${only.goalId}` : sql``}
    order by (ob.kind = 'council') desc, g.sort_order, g.reference, g.title`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    isCouncilGoal: r.owner_kind === 'council',
    published: r.published,
    assessment: r.assessment_id
      ? { id: r.assessment_id, state: r.state!, value: r.assessment!, comment: r.comment ?? '', return_comment: r.return_comment ?? '', version: r.version!, updated_at: r.updated_at! }
      : null,
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

interface Context {
  period_name: string;
  period_year: number;
  period_status: 'open' | 'closed';
  period_starts_on: string;
  body_name: string;
  submitted_by_name: string | null;
  approved_by_name: string | null;
}

export interface StatusReportDetail extends StatusReportRow, Context {
  assignment_reference: string;
  assignment_title: string;
  assignment_published: boolean;
}

export interface GoalAssessmentDetail extends GoalAssessmentRow, Context {
  goal_reference: string;
  goal_title: string;
  goal_published: boolean;
}

export const statusReportColumns = [
  'id', 'organisation_id', 'period_id', 'body_id', 'assignment_id', 'progress', 'comment', 'state', 'return_comment',
  'submitted_at', 'submitted_by', 'approved_at', 'approved_by', 'version', 'created_at', 'updated_at',
] as const;

export const goalAssessmentColumns = [
  'id', 'organisation_id', 'period_id', 'body_id', 'goal_id', 'assessment', 'comment', 'state', 'return_comment',
  'submitted_at', 'submitted_by', 'approved_at', 'approved_by', 'version', 'created_at', 'updated_at',
] as const;

export interface ItemFilters {
  periodId?: string | undefined;
  bodyId?: string | undefined;
  targetId?: string | undefined;
  state?: ReportState | undefined;
  year?: number | undefined;
  /** Only what the public may see: approved, about a published assignment or goal. */
  publicOnly: boolean;
}

function statusReportQuery(db: Executor, organisationId: string, f: ItemFilters) {
  let q = db
    .selectFrom('status_reports as sr')
    .innerJoin('periods as p', 'p.id', 'sr.period_id')
    .innerJoin('bodies as b', 'b.id', 'sr.body_id')
    .innerJoin('assignments as a', 'a.id', 'sr.assignment_id')
    .where('sr.organisation_id', '=', organisationId)
    .where('sr.archived_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .where('a.archived_at', 'is', null);
  if (f.periodId) q = q.where('sr.period_id', '=', f.periodId);
  if (f.bodyId) q = q.where('sr.body_id', '=', f.bodyId);
  if (f.targetId) q = q.where('sr.assignment_id', '=', f.targetId);
  if (f.state) q = q.where('sr.state', '=', f.state);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.publicOnly) q = q.where('sr.state', '=', 'approved').where('a.published_at', 'is not', null);
  return q;
}

function goalAssessmentQuery(db: Executor, organisationId: string, f: ItemFilters) {
  let q = db
    .selectFrom('goal_assessments as ga')
    .innerJoin('periods as p', 'p.id', 'ga.period_id')
    .innerJoin('bodies as b', 'b.id', 'ga.body_id')
    .innerJoin('goals as g', 'g.id', 'ga.goal_id')
    .where('ga.organisation_id', '=', organisationId)
    .where('ga.archived_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .where('g.archived_at', 'is', null);
  if (f.periodId) q = q.where('ga.period_id', '=', f.periodId);
  if (f.bodyId) q = q.where('ga.body_id', '=', f.bodyId);
  if (f.targetId) q = q.where('ga.goal_id', '=', f.targetId);
  if (f.state) q = q.where('ga.state', '=', f.state);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.publicOnly) q = q.where('ga.state', '=', 'approved').where('g.published_at', 'is not', null);
  return q;
}

export interface Page {
  limit: number;
  offset: number;
}

const contextColumns = [
  'p.name as period_name',
  'p.year as period_year',
  'p.status as period_status',
  'p.starts_on as period_starts_on',
  'b.name as body_name',
  'su.name as submitted_by_name',
  'au.name as approved_by_name',
] as const;

function statusReportDetails(db: Executor, organisationId: string, f: ItemFilters) {
  return statusReportQuery(db, organisationId, f)
    .leftJoin('users as su', 'su.id', 'sr.submitted_by')
    .leftJoin('users as au', 'au.id', 'sr.approved_by')
    .select(statusReportColumns.map((c) => `sr.${c}` as const))
    .select([...contextColumns, 'a.reference as assignment_reference', 'a.title as assignment_title'])
    .select(sql<boolean>`a.published_at is not null`.as('assignment_published'));
}

function goalAssessmentDetails(db: Executor, organisationId: string, f: ItemFilters) {
  return goalAssessmentQuery(db, organisationId, f)
    .leftJoin('users as su', 'su.id', 'ga.submitted_by')
    .leftJoin('users as au', 'au.id', 'ga.approved_by')
    .select(goalAssessmentColumns.map((c) => `ga.${c}` as const))
    .select([...contextColumns, 'g.reference as goal_reference', 'g.title as goal_title'])
    .select(sql<boolean>`g.published_at is not null`.as('goal_published'));
}

export async function listStatusReports(db: Executor, organisationId: string, f: ItemFilters, page: Page): Promise<{ rows: StatusReportDetail[]; total: number }> {
  const [rows, count] = await Promise.all([
    statusReportDetails(db, organisationId, f)
      .orderBy('p.starts_on', 'desc')
      .orderBy('a.reference')
      .orderBy('a.title')
      .orderBy('b.name')
      .orderBy('sr.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    statusReportQuery(db, organisationId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as StatusReportDetail[], total: Number(count.n) };
}

/** The latest approved status reports on published assignments, newest approval first: the public feed. */
export async function recentlyApprovedReports(db: Executor, organisationId: string, limit: number): Promise<StatusReportDetail[]> {
  const rows = await statusReportDetails(db, organisationId, { publicOnly: true }).orderBy('sr.approved_at', 'desc').orderBy('sr.id').limit(limit).execute();
  return rows as StatusReportDetail[];
}

export async function listGoalAssessments(db: Executor, organisationId: string, f: ItemFilters, page: Page): Promise<{ rows: GoalAssessmentDetail[]; total: number }> {
  const [rows, count] = await Promise.all([
    goalAssessmentDetails(db, organisationId, f)
      .orderBy('p.starts_on', 'desc')
      .orderBy('g.sort_order')
      .orderBy('g.reference')
      .orderBy('g.title')
      .orderBy('b.name')
      .orderBy('ga.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    goalAssessmentQuery(db, organisationId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as GoalAssessmentDetail[], total: Number(count.n) };
}

export async function findStatusReport(db: Executor, organisationId: string, id: string, publicOnly: boolean): Promise<StatusReportDetail | undefined> {
  if (!isUuid(id)) return undefined;
  return (await statusReportDetails(db, organisationId, { publicOnly }).where('sr.id', '=', id).executeTakeFirst()) as StatusReportDetail | undefined;
}

export async function findGoalAssessment(db: Executor, organisationId: string, id: string, publicOnly: boolean): Promise<GoalAssessmentDetail | undefined> {
  if (!isUuid(id)) return undefined;
  return (await goalAssessmentDetails(db, organisationId, { publicOnly }).where('ga.id', '=', id).executeTakeFirst()) as GoalAssessmentDetail | undefined;
}

/** The report a body has written on an assignment in a period, if any. */
export async function findStatusReportId(db: Executor, organisationId: string, key: { periodId: string; bodyId: string; assignmentId: string }): Promise<string | undefined> {
  if (![key.periodId, key.bodyId, key.assignmentId].every(isUuid)) return undefined;
  const row = await db
    .selectFrom('status_reports')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('period_id', '=', key.periodId)
    .where('body_id', '=', key.bodyId)
    .where('assignment_id', '=', key.assignmentId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

export async function findGoalAssessmentId(db: Executor, organisationId: string, key: { periodId: string; bodyId: string; goalId: string }): Promise<string | undefined> {
  if (![key.periodId, key.bodyId, key.goalId].every(isUuid)) return undefined;
  const row = await db
    .selectFrom('goal_assessments')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('period_id', '=', key.periodId)
    .where('body_id', '=', key.bodyId)
    .where('goal_id', '=', key.goalId)
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
 * For each body with something to report in `period`: how many reports and assessments it owes,
 * and how many of them are drafts, submitted and approved. One query for every body at once.
 */
export async function bodyProgress(db: Executor, organisationId: string, period: PeriodRow, scope: ProgressScope, locale: Locale = 'sv'): Promise<BodyProgressRow[]> {
  const visibleStates = scope.publicOnly ? sql`('approved')` : sql`('draft', 'submitted', 'approved')`;
  const rows = await sql<BodyProgressRow>`
    with reporters as (
      select b.id, b.name, b.kind, (b.kind in ('committee', 'company')) as reached_by_all
      from bodies b
      where b.organisation_id = ${organisationId} and b.archived_at is null
        ${scope.bodyId ? sql`and b.id = ${scope.bodyId}` : sql``}
    ),
    owed_assignments as (
      select r.id as body_id, a.id as target_id
      from assignments a
      join reporters r
        on exists (select 1 from assignment_bodies ab where ab.assignment_id = a.id and ab.body_id = r.id)
        or (a.target = 'all_committees_and_companies' and r.reached_by_all)
      where a.organisation_id = ${organisationId}
        and ${reportableInPeriod(period)}
        ${scope.publicOnly ? sql`and a.published_at is not null` : sql``}
        ${scope.focusAreaId ? sql`and exists (select 1 from assignment_focus_areas af where af.assignment_id = a.id and af.focus_area_id = ${scope.focusAreaId})` : sql``}
    ),
    owed_goals as (
      select r.id as body_id, g.id as target_id
      from goals g
      join bodies ob on ob.id = g.body_id
      join reporters r on g.body_id = r.id or (r.reached_by_all and ob.kind = 'council')
      where g.organisation_id = ${organisationId}
        and g.archived_at is null
        and g.year_from <= ${period.year} and ${period.year} <= coalesce(g.year_to, ${period.year})
        ${scope.publicOnly ? sql`and g.published_at is not null` : sql``}
        ${scope.focusAreaId ? sql`and exists (select 1 from goal_focus_areas gf where gf.goal_id = g.id and gf.focus_area_id = ${scope.focusAreaId})` : sql``}
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
  excerpt: string;
  rank: number;
}

const headline = (tsquery: string, column: RawBuilder<unknown>) =>
  sql<string>`ts_headline('swedish', ${column}, to_tsquery('swedish', ${tsquery}), 'StartSel="",StopSel="",MaxWords=30,MinWords=10')`;

export async function searchStatusReports(db: Executor, organisationId: string, tsquery: string, limit: number, publicOnly: boolean): Promise<SearchRow[]> {
  const r = await sql<SearchRow>`
    select sr.id, a.title, b.name as body_name, p.name as period_name,
           ${headline(tsquery, sql`sr.comment`)} as excerpt,
           ts_rank(sr.search, to_tsquery('swedish', ${tsquery})) as rank
    from status_reports sr
    join assignments a on a.id = sr.assignment_id
    join bodies b on b.id = sr.body_id
    join periods p on p.id = sr.period_id
    where sr.organisation_id = ${organisationId}
      and sr.archived_at is null and a.archived_at is null and p.archived_at is null
      and sr.search @@ to_tsquery('swedish', ${tsquery})
      ${publicOnly ? sql`and sr.state = 'approved' and a.published_at is not null` : sql``}
    order by rank desc
    limit ${limit}`.execute(db);
  return r.rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

export async function searchGoalAssessments(db: Executor, organisationId: string, tsquery: string, limit: number, publicOnly: boolean): Promise<SearchRow[]> {
  const r = await sql<SearchRow>`
    select ga.id, g.title, b.name as body_name, p.name as period_name,
           ${headline(tsquery, sql`ga.comment`)} as excerpt,
           ts_rank(ga.search, to_tsquery('swedish', ${tsquery})) as rank
    from goal_assessments ga
    join goals g on g.id = ga.goal_id
    join bodies b on b.id = ga.body_id
    join periods p on p.id = ga.period_id
    where ga.organisation_id = ${organisationId}
      and ga.archived_at is null and g.archived_at is null and p.archived_at is null
      and ga.search @@ to_tsquery('swedish', ${tsquery})
      ${publicOnly ? sql`and ga.state = 'approved' and g.published_at is not null` : sql``}
    order by rank desc
    limit ${limit}`.execute(db);
  return r.rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}
