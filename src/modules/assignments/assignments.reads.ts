// Typed reads of the assignments tables for other modules' queries that must join them in one
// statement (follow-up's reporting page and the overview): the rules of scope live here, once.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor, Tables } from '../../core/db/schema';
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
  /** Assignments still to be reported on in a follow-up period of this year starting on this date. */
  reportedIn?: { year: number; starts_on: string } | undefined;
}

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
  if (body) q = q.where((eb) => answersFor(eb, body));
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

/** Is `body` responsible for assignment `a`: named in assignment_bodies, or reached by its target. */
function answersFor(eb: A, body: NonNullable<AssignmentScope['body']>) {
  const named = eb.exists(eb.selectFrom('assignment_bodies as ab').select('ab.assignment_id').whereRef('ab.assignment_id', '=', 'a.id').where('ab.body_id', '=', body.id));
  return reachesAllTarget(body) ? eb.or([named, eb('a.target', '=', 'all_committees_and_companies')]) : named;
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
