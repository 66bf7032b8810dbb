// Reads for the organisation's overview: assignments per status and source, late assignments,
// goals by their latest assessment. Anonymous visitors get the same numbers over published data.
import { todayInSweden } from '../../core/days';
import { sql } from 'kysely';
import type { Actor } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import type { Locale } from '../../core/i18n';
import {
  bodyProgress,
  currentPeriod,
  listPeriods,
  type BodyProgressRow,
  type BodyRef,
  type PeriodRow,
} from './follow-up.queries';
import { reportsReadableBy } from './follow-up.policy';
import type { Assessment } from './follow-up.tables';
import { goalsInScope } from '../goals';
import { periodsInScope } from '../organisations';
import { assignmentsInScope, FINISHED_STATUSES, leadBodyName } from '../assignments';

export interface DashboardScope {
  organisationId: string;
  year: number;
  body?: BodyRef | undefined;
  focusAreaId?: string | undefined;
  /** Published assignments and goals, approved assessments only. */
  publicOnly: boolean;
  /** Who reads: assessments are counted only where they may read them (follow-up.policy). */
  readBy?: Actor | undefined;
  /** The calendar date in the organisation's time zone, 'YYYY-MM-DD'. */
  today: string;
}

/** The assignments of the year in scope (or of every year), from the assignments module. */
const assignments = (db: Executor, s: DashboardScope, allYears = false) =>
  assignmentsInScope(db, { organisationId: s.organisationId, year: allYears ? undefined : s.year, publicOnly: s.publicOnly, body: s.body, focusAreaId: s.focusAreaId });

export interface StatusSourceCount {
  status: string;
  source_kind: string;
  n: number;
}

/** Assignments of the year counted per status and source in one pass. */
export async function assignmentCounts(db: Executor, s: DashboardScope): Promise<StatusSourceCount[]> {
  const rows = await assignments(db, s)
    .select(['a.status', 'a.source_kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['a.status', 'a.source_kind'])
    .execute();
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

export interface CollectionCount {
  source_kind: string;
  source_title: string;
  status: string;
  n: number;
  first_year: number;
  last_year: number;
}

/**
 * Assignments grouped by where they came from (a budget, a commission's recommendations …) across
 * all years: a follow-up such as the Malmö Commission's runs for years and must stay in view after
 * the year it started. A collection is shown while any of its assignments is open, or when it
 * belongs to the year in view.
 */
export async function collectionCounts(db: Executor, s: DashboardScope): Promise<CollectionCount[]> {
  const r = await sql<CollectionCount>`
    with c as ${assignments(db, s, true).select(['a.source_kind', 'a.source_title', 'a.status', 'a.year'])},
    shown as (
      select source_kind, source_title from c
      group by source_kind, source_title
      having bool_or(status not in (${sql.join(FINISHED_STATUSES)})) or bool_or(year = ${s.year})
    )
    select c.source_kind, c.source_title, c.status, count(*) as n,
           min(min(c.year)) over (partition by c.source_kind, c.source_title) as first_year,
           max(max(c.year)) over (partition by c.source_kind, c.source_title) as last_year
    from c join shown using (source_kind, source_title)
    group by c.source_kind, c.source_title, c.status`.execute(db);
  return r.rows.map((row) => ({ ...row, n: Number(row.n), first_year: Number(row.first_year), last_year: Number(row.last_year) }));
}

export interface LateAssignment {
  id: string;
  reference: string;
  title: string;
  deadline: string;
  status: string;
  lead_name: string | null;
  target: string;
}

/** Deadline passed and not finished; closed, cancelled and transferred assignments are never late. */
export async function lateAssignments(db: Executor, s: DashboardScope): Promise<LateAssignment[]> {
  const rows = await assignments(db, s)
    .select(['a.id', 'a.reference', 'a.title', 'a.deadline', 'a.status', 'a.target', (eb) => leadBodyName(eb).as('lead_name')])
    .where('a.deadline', '<', sql<string>`cast(${s.today} as date)`)
    .where('a.status', 'not in', [...FINISHED_STATUSES])
    .orderBy('a.deadline')
    .orderBy('a.reference')
    .orderBy('a.title')
    .execute();
  return rows as LateAssignment[];
}

export interface AssessmentCount {
  assessment: Assessment | 'none';
  n: number;
}

/**
 * Goals valid in the year, each counted once by its latest assessment in that year's periods. When
 * several bodies assessed a goal in the same period, the body that owns the goal speaks for it.
 * Drafts are not assessments yet; the public sees approved ones only.
 */
export async function goalsByAssessment(db: Executor, s: DashboardScope): Promise<AssessmentCount[]> {
  const r = await sql<AssessmentCount>`
    with ${latestAssessments(db, s)}
    select coalesce(l.assessment, 'none') as assessment, count(*) as n
    from scoped_goals sg left join latest l on l.goal_id = sg.id
    group by coalesce(l.assessment, 'none')`.execute(db);
  return r.rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/**
 * The CTEs `scoped_goals` (the goals of the year in scope) and `latest` (each one's latest
 * assessment, as goalsByAssessment describes): written once, so a count and the list behind it agree.
 */
function latestAssessments(db: Executor, s: DashboardScope) {
  const states = s.publicOnly ? sql`('approved')` : sql`('submitted', 'approved')`;
  return sql`scoped_goals as ${goalsInScope(db, { organisationId: s.organisationId, year: s.year, publicOnly: s.publicOnly, assessedBy: s.body, focusAreaId: s.focusAreaId }).select(['g.id', 'g.body_id', 'g.reference', 'g.title', 'g.sort_order', 'ob.name as owner_name', 'ob.kind as owner_kind'])},
    latest as (
      select distinct on (ga.goal_id) ga.goal_id, ga.id, ga.assessment, ga.body_id, p.name as period_name
      from goal_assessments ga
      join scoped_goals sg on sg.id = ga.goal_id
      join ${periodsInScope(db, { organisationId: s.organisationId, year: s.year }).select(['p.id', 'p.ends_on', 'p.name'])} p on p.id = ga.period_id
      where ga.archived_at is null
        and ga.state in ${states}
        ${s.body ? sql`and ga.body_id = ${s.body.id}` : sql``}
        ${s.readBy ? sql`and ${reportsReadableBy(s.readBy, s.organisationId, { bodyId: 'ga.body_id', state: 'ga.state' })}` : sql``}
      order by ga.goal_id, p.ends_on desc, (ga.body_id = sg.body_id) desc, ga.updated_at desc
    )`;
}

export interface GoalWithAssessment {
  id: string;
  reference: string;
  title: string;
  owner_name: string;
  assessment: Assessment | 'none';
  /** The latest assessment counted for the goal, and who made it in which period; null when there is none. */
  assessment_id: string | null;
  assessed_by: string | null;
  period_name: string | null;
}

/** The goals a count of goalsByAssessment counts (all, or those whose latest assessment is `assessment`), council goals first. */
export async function goalsWithLatestAssessment(db: Executor, s: DashboardScope, assessment?: Assessment | 'none'): Promise<GoalWithAssessment[]> {
  const r = await sql<GoalWithAssessment>`
    with ${latestAssessments(db, s)}
    select sg.id, sg.reference, sg.title, sg.owner_name, coalesce(l.assessment, 'none') as assessment,
           l.id as assessment_id, ab.name as assessed_by, l.period_name
    from scoped_goals sg
    left join latest l on l.goal_id = sg.id
    left join bodies ab on ab.id = l.body_id
    ${assessment ? sql`where coalesce(l.assessment, 'none') = ${assessment}` : sql``}
    order by (sg.owner_kind = 'council') desc, sg.sort_order, sg.reference, sg.title`.execute(db);
  return r.rows;
}

export { todayInSweden };

/** The year the overview opens on: this year if planned, else the latest year before it, else the earliest. */
export function defaultYear(years: readonly number[], today: string): number | undefined {
  const current = Number(today.slice(0, 4));
  return years.find((y) => y <= current) ?? years.at(-1);
}

export interface DashboardData {
  counts: StatusSourceCount[];
  collections: CollectionCount[];
  late: LateAssignment[];
  goals: AssessmentCount[];
  progress: { period: PeriodRow; rows: BodyProgressRow[] } | undefined;
}

/** Everything the overview shows for one year, read in one go. */
export async function dashboardData(db: Executor, s: DashboardScope, locale: Locale): Promise<DashboardData> {
  const periods = await listPeriods(db, s.organisationId, s.year);
  const period = currentPeriod(periods);
  const [counts, collections, late, goals, rows] = await Promise.all([
    assignmentCounts(db, s),
    collectionCounts(db, s),
    lateAssignments(db, s),
    goalsByAssessment(db, s),
    period ? bodyProgress(db, s.organisationId, period, { bodyId: s.body?.id, focusAreaId: s.focusAreaId, publicOnly: s.publicOnly }, locale) : Promise.resolve([]),
  ]);
  return { counts, collections, late, goals, progress: period ? { period, rows } : undefined };
}
