// Typed reads of the goals table for other modules' queries that must join it in one statement
// (follow-up's reporting page and the overview): which goals are valid in a year and who assesses them.
import { sql } from 'kysely';
import type { Executor } from '../../core/db/schema';
import { bodyCreatedOn } from '../organisations/organisations.reads';
import { assessesCouncilGoals } from './goals.rules';
import './goals.tables';

export interface GoalScope {
  organisationId: string;
  /** Goals valid in this year. */
  year: number;
  /** Published goals only. */
  publicOnly?: boolean | undefined;
  /** Goals this body assesses: its own and, for the bodies goals.rules names, the council's. */
  assessedBy?: { id: string; kind: string; archived_at: Date | string | null } | undefined;
  /**
   * With `assessedBy`: the last day of a period's reporting window (YYYY-MM-DD). A body assesses the
   * council's goals from its creation, so a body created after that day owes no assessment of them.
   */
  windowCloses?: string | undefined;
  focusAreaId?: string | undefined;
}

/**
 * The organisation's goals (not archived) valid in the year, as a Kysely select from alias `g`
 * joined to its owning body as `ob`, which the caller joins to its own tables and selects from.
 */
export function goalsInScope(db: Executor, s: GoalScope) {
  let q = db
    .selectFrom('goals as g')
    .innerJoin('bodies as ob', 'ob.id', 'g.body_id')
    .where('g.organisation_id', '=', s.organisationId)
    .where('g.archived_at', 'is', null)
    .where('g.year_from', '<=', s.year)
    .where((eb) => eb.or([eb('g.year_to', 'is', null), eb('g.year_to', '>=', s.year)]));
  if (s.publicOnly) q = q.where('g.published_at', 'is not', null);
  const body = s.assessedBy;
  const closes = s.windowCloses;
  const councilGoal = sql<boolean>`(ob.kind = 'council'${closes && body ? sql` and ${bodyCreatedOn(sql.val(body.id))} <= cast(${closes} as date)` : sql``})`;
  if (body) q = q.where((eb) => (assessesCouncilGoals(body) ? eb.or([eb('g.body_id', '=', body.id), councilGoal]) : eb('g.body_id', '=', body.id)));
  const focusAreaId = s.focusAreaId;
  if (focusAreaId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('goal_focus_areas as gf').select('gf.goal_id').whereRef('gf.goal_id', '=', 'g.id').where('gf.focus_area_id', '=', focusAreaId)));
  }
  return q;
}

/** Council goals first, as the council's goals bind every committee. */
export const councilGoalsFirst = sql<boolean>`(ob.kind = 'council')`;
