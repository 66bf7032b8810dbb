// Reads for the organisation's overview: assignments per status and source, late assignments,
// goals by their latest assessment. Anonymous visitors get the same numbers over published data.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../core/db/schema';
import type { Locale } from '../../core/i18n';
import {
  bodyProgress,
  latestStartedPeriod,
  listPeriods,
  reachesAllTarget,
  responsible,
  type BodyProgressRow,
  type BodyRef,
  type PeriodRow,
} from './follow-up.queries';
import type { Assessment } from './follow-up.tables';

export interface DashboardScope {
  organisationId: string;
  year: number;
  body?: BodyRef | undefined;
  focusAreaId?: string | undefined;
  /** Published assignments and goals, approved assessments only. */
  publicOnly: boolean;
  /** The calendar date in the organisation's time zone, 'YYYY-MM-DD'. */
  today: string;
}

/** The assignments of the year in scope, as conditions on alias `a`. */
function assignmentScope(s: DashboardScope): RawBuilder<unknown> {
  return sql`a.organisation_id = ${s.organisationId}
    and a.archived_at is null
    and a.year = ${s.year}
    ${s.publicOnly ? sql`and a.published_at is not null` : sql``}
    ${s.body ? sql`and ${responsible(s.body)}` : sql``}
    ${s.focusAreaId ? sql`and exists (select 1 from assignment_focus_areas af where af.assignment_id = a.id and af.focus_area_id = ${s.focusAreaId})` : sql``}`;
}

export interface StatusSourceCount {
  status: string;
  source_kind: string;
  n: number;
}

/** Assignments of the year counted per status and source in one pass. */
export async function assignmentCounts(db: Executor, s: DashboardScope): Promise<StatusSourceCount[]> {
  const r = await sql<StatusSourceCount>`
    select a.status, a.source_kind, count(*) as n
    from assignments a
    where ${assignmentScope(s)}
    group by a.status, a.source_kind`.execute(db);
  return r.rows.map((row) => ({ ...row, n: Number(row.n) }));
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
  const r = await sql<LateAssignment>`
    select a.id, a.reference, a.title, a.deadline, a.status, a.target,
           (select b.name from assignment_bodies ab join bodies b on b.id = ab.body_id
             where ab.assignment_id = a.id and ab.role = 'lead') as lead_name
    from assignments a
    where ${assignmentScope(s)}
      and a.deadline < cast(${s.today} as date)
      and a.status not in ('closed', 'cancelled', 'transferred')
    order by a.deadline, a.reference, a.title`.execute(db);
  return r.rows;
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
  const states = s.publicOnly ? sql`('approved')` : sql`('submitted', 'approved')`;
  const r = await sql<AssessmentCount>`
    with scoped_goals as (
      select g.id, g.body_id
      from goals g join bodies ob on ob.id = g.body_id
      where g.organisation_id = ${s.organisationId}
        and g.archived_at is null
        and g.year_from <= ${s.year} and ${s.year} <= coalesce(g.year_to, ${s.year})
        ${s.publicOnly ? sql`and g.published_at is not null` : sql``}
        ${s.body ? sql`and (g.body_id = ${s.body.id} or (${reachesAllTarget(s.body)} and ob.kind = 'council'))` : sql``}
        ${s.focusAreaId ? sql`and exists (select 1 from goal_focus_areas gf where gf.goal_id = g.id and gf.focus_area_id = ${s.focusAreaId})` : sql``}
    ),
    latest as (
      select distinct on (ga.goal_id) ga.goal_id, ga.assessment
      from goal_assessments ga
      join scoped_goals sg on sg.id = ga.goal_id
      join periods p on p.id = ga.period_id
      where ga.archived_at is null and p.archived_at is null and p.year = ${s.year}
        and ga.state in ${states}
        ${s.body ? sql`and ga.body_id = ${s.body.id}` : sql``}
      order by ga.goal_id, p.ends_on desc, (ga.body_id = sg.body_id) desc, ga.updated_at desc
    )
    select coalesce(l.assessment, 'none') as assessment, count(*) as n
    from scoped_goals sg left join latest l on l.goal_id = sg.id
    group by coalesce(l.assessment, 'none')`.execute(db);
  return r.rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/** Today's date in Sweden, where every deadline is set. */
export function todayInSweden(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The year the overview opens on: this year if planned, else the latest year before it, else the earliest. */
export function defaultYear(years: readonly number[], today: string): number | undefined {
  const current = Number(today.slice(0, 4));
  return years.find((y) => y <= current) ?? years.at(-1);
}

export interface DashboardData {
  counts: StatusSourceCount[];
  late: LateAssignment[];
  goals: AssessmentCount[];
  progress: { period: PeriodRow; rows: BodyProgressRow[] } | undefined;
}

/** Everything the overview shows for one year, read in one go. */
export async function dashboardData(db: Executor, s: DashboardScope, locale: Locale): Promise<DashboardData> {
  const periods = await listPeriods(db, s.organisationId, s.year);
  const period = latestStartedPeriod(periods, s.today);
  const [counts, late, goals, rows] = await Promise.all([
    assignmentCounts(db, s),
    lateAssignments(db, s),
    goalsByAssessment(db, s),
    period ? bodyProgress(db, s.organisationId, period, { bodyId: s.body?.id, focusAreaId: s.focusAreaId, publicOnly: s.publicOnly }, locale) : Promise.resolve([]),
  ]);
  return { counts, late, goals, progress: period ? { period, rows } : undefined };
}
