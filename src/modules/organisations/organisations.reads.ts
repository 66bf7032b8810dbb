// Typed reads of the organisations tables for other modules' queries that must join them in one
// statement (follow-up's progress per body and the overview's goal counts).
import type { Executor } from '../../core/db/schema';
import './organisations.tables';

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
