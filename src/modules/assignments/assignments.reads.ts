// Typed reads of the assignments tables for other modules' queries that must join them in one
// statement (follow-up's reporting page and the overview): the rules of scope live here, once.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor, Tables } from '../../core/db/schema';
import { bodyCreatedOn } from '../organisations/organisations.reads';
import { FINISHED_STATUSES, reachesAllTarget } from './assignments.policy';
import './assignments.tables';

export interface AssignmentScope {
  organisationId: string;
  /** Assignments of this year only. */
  year?: number | undefined;
  /** Published assignments only. */
  publicOnly?: boolean | undefined;
  /** Assignments this body answers for: named in them, or reached by "all committees and companies". */
  body?: { id: string; kind: string; archived_at: Date | string | null } | undefined;
  focusAreaId?: string | undefined;
  /**
   * Assignments still to be reported on in this follow-up period; with `body`, only those the body
   * was responsible for before the period's reporting window closed (reportingWindowCloses).
   */
  reportedIn?: { year: number; starts_on: string; ends_on: string; report_due: string | null } | undefined;
}

/** The last day reports for a period can be on time: its report date, or its last day when it has none. */
export const reportingWindowCloses = (period: { ends_on: string; report_due: string | null }): string => period.report_due ?? period.ends_on;

type A = ExpressionBuilder<Tables & { a: Tables['assignments'] }, 'a'>;

/**
 * The organisation's assignments (not archived) in scope, as a Kysely select from alias `a` that the
 * caller joins to its own tables and selects from.
 */
export function assignmentsInScope(db: Executor, s: AssignmentScope) {
  let q = db.selectFrom('assignments as a').where('a.organisation_id', '=', s.organisationId).where('a.archived_at', 'is', null);
  if (s.year !== undefined) q = q.where('a.year', '=', s.year);
  if (s.publicOnly) q = q.where('a.published_at', 'is not', null);
  const body = s.body;
  const by = s.reportedIn ? reportingWindowCloses(s.reportedIn) : undefined;
  if (body) q = q.where(responsibleFor({ id: sql.val(body.id), createdOn: bodyCreatedOn(sql.val(body.id)), reachedByAll: reachesAllTarget(body) }, by));
  const focusAreaId = s.focusAreaId;
  if (focusAreaId) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('assignment_focus_areas as af').select('af.assignment_id').whereRef('af.assignment_id', '=', 'a.id').where('af.focus_area_id', '=', focusAreaId)),
    );
  }
  const period = s.reportedIn;
  if (period) q = q.where('a.year', '<=', period.year).where((eb) => eb.not(finishedBefore(eb, period.starts_on)));
  return q;
}

/** The day assignment `a` began: its decision, or the first day of its year when no decision date is recorded. */
const assignmentStart = sql<string>`coalesce(a.decision_date, make_date(a.year, 1, 1))`;

/** A body as responsibleFor reads it: its id, the day it was created, and whether "all committees and companies" reaches it. */
export interface ResponsibleBodyRef {
  id: Expression<string>;
  createdOn: Expression<string>;
  reachedByAll: Expression<boolean> | boolean;
}

/**
 * Is the body responsible for assignment `a` (alias `a`, with its target, year and decision date)
 * on or before `by` (YYYY-MM-DD; any time when not given): named in it since `responsible_from`
 * (null: named when the assignment was made, so from its start), or reached by "all committees and
 * companies" since the later of the assignment's start and the body's creation. One SQL condition,
 * so a query asks it of every assignment and body at once.
 */
export function responsibleFor(body: ResponsibleBodyRef, by?: string): RawBuilder<SqlBool> {
  const day = by === undefined ? undefined : sql`cast(${by} as date)`;
  const named = sql<SqlBool>`exists (
    select 1 from assignment_bodies ab
    where ab.assignment_id = a.id and ab.body_id = ${body.id}
    ${day ? sql`and coalesce(ab.responsible_from, ${assignmentStart}) <= ${day}` : sql``})`;
  if (body.reachedByAll === false) return named;
  const reached = typeof body.reachedByAll === 'boolean' ? sql`` : sql`${body.reachedByAll} and `;
  return sql<SqlBool>`(${named} or (${reached}a.target = 'all_committees_and_companies'
    ${day ? sql`and greatest(${assignmentStart}, ${body.createdOn}) <= ${day}` : sql``}))`;
}

/**
 * Finished before `date`: when an assignment reached its current, finished status is the latest
 * recorded change to it, or its last edit when no change was recorded (rows loaded without a lifecycle).
 */
function finishedBefore(eb: A, date: string) {
  const endedAt = eb.fn.coalesce(
    eb.selectFrom('assignment_status_changes as c').select((c) => c.fn.max('c.changed_at').as('at')).whereRef('c.assignment_id', '=', 'a.id').whereRef('c.to_status', '=', 'a.status'),
    eb.ref('a.updated_at'),
  );
  return eb.and([eb('a.status', 'in', [...FINISHED_STATUSES]), eb(endedAt, '<', sql<Date>`cast(${date} as date)`)]);
}

/** The name of the body leading assignment `a`, as a column. */
export const leadBodyName = (eb: A) =>
  eb.selectFrom('assignment_bodies as ab').innerJoin('bodies as lb', 'lb.id', 'ab.body_id').select('lb.name').whereRef('ab.assignment_id', '=', 'a.id').where('ab.role', '=', 'lead');

/** Which bodies are named in which of the organisation's assignments, as a Kysely select from alias `ab`. */
export const namedBodies = (db: Executor, organisationId: string) =>
  db.selectFrom('assignment_bodies as ab').select(['ab.assignment_id', 'ab.body_id', 'ab.role']).where('ab.organisation_id', '=', organisationId);
