// Typed reads of the organisations tables for other modules' queries that must join them in one
// statement (follow-up's progress per body and the overview's goal counts).
import { sql, type Expression } from 'kysely';
import type { Executor } from '../../core/db/schema';
import './organisations.tables';

/**
 * The day, in Sweden, a body was created: it answers for nothing before (an "all committees" assignment,
 * the council's goals). As SQL for the body whose id `id` is, or for the row `b` of bodiesInScope.
 */
export const bodyCreatedOn = (id: Expression<string>) => sql<string>`(select (cb.created_at at time zone 'Europe/Stockholm')::date from bodies cb where cb.id = ${id})`;
export const createdOnColumn = sql<string>`(b.created_at at time zone 'Europe/Stockholm')::date`;

/** The organisation's bodies that are not archived (only `id` when given), as a Kysely select from alias `b`. */
export function bodiesInScope(db: Executor, s: { organisationId: string; id?: string | undefined }) {
  let q = db.selectFrom('bodies as b').where('b.organisation_id', '=', s.organisationId).where('b.archived_at', 'is', null);
  if (s.id) q = q.where('b.id', '=', s.id);
  return q;
}

/** The organisation's follow-up periods that are not archived (of `year` when given), as a Kysely select from alias `p`. */
export function periodsInScope(db: Executor, s: { organisationId: string; year?: number | undefined }) {
  let q = db.selectFrom('periods as p').where('p.organisation_id', '=', s.organisationId).where('p.archived_at', 'is', null);
  if (s.year !== undefined) q = q.where('p.year', '=', s.year);
  return q;
}
