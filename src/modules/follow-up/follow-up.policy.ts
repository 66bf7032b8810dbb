// Who may read and write follow-up, and when: reporters only for their own bodies, staff for all,
// and only while the period is open and the report is in a state that allows the step.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isMember, isStaff, reportsFor, type Actor } from '../../core/context';
import { AppError } from '../../core/errors';
import type { ReportState } from './follow-up.tables';

export type FollowUpAction = 'save' | 'submit' | 'approve' | 'return';
/** 'none' is a report or assessment not yet written. */
export type ItemState = 'none' | ReportState;
export type PeriodStatus = 'open' | 'closed';

export interface FollowUpResource {
  organisationId: string;
  bodyId: string;
  state: ItemState;
  periodStatus: PeriodStatus;
}

/**
 * The role rule alone: a reporter writes only for the bodies they are attached to; approving and
 * returning is the strategists' (and admins') work. Checked before anything else is revealed.
 */
export function mayActFor(actor: Actor, action: FollowUpAction, organisationId: string, bodyId: string): boolean {
  if (action === 'approve' || action === 'return') return isStaff(actor, organisationId);
  return isStaff(actor, organisationId) || reportsFor(actor, organisationId, bodyId);
}

/**
 * The phase and state gate, as the i18n key of the reason for refusing, or undefined when the step
 * is allowed. A closed period is final: what the council received must not change afterwards.
 */
export function gateRefusal(action: FollowUpAction, res: FollowUpResource): string | undefined {
  if (res.periodStatus !== 'open') return 'followup.error.period_closed';
  switch (action) {
    case 'save':
      // What was submitted is what the strategist reviews and approves; a change goes back through draft.
      return res.state === 'none' || res.state === 'draft' ? undefined : 'followup.error.locked';
    case 'submit':
      return res.state === 'draft' ? undefined : 'followup.error.not_draft';
    case 'approve':
    case 'return':
      return res.state === 'submitted' ? undefined : 'followup.error.not_submitted';
  }
}

export function canFollowUp(actor: Actor, action: FollowUpAction, res: FollowUpResource): boolean {
  return mayActFor(actor, action, res.organisationId, res.bodyId) && gateRefusal(action, res) === undefined;
}

/** Throws the right refusal: sign in when anonymous, else forbidden with the reason. */
export function refuse(actor: Actor, messageKey = 'error.forbidden'): never {
  throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', actor.kind === 'anonymous' ? 'error.unauthenticated' : messageKey);
}

// ---------------------------------------------------------------------------------------------
// Who may read a report (status report or goal assessment)
//
// Least privilege for reporters (docs/SECURITY.md, docs/decisions/0011): a reporter sees their own
// bodies' reports in every state, and another body's only once approved — a draft or a submitted
// report is still the other committee's working material. Readers, strategists, admins and module
// roles see everything internal. Everyone else sees approved reports on published subjects.

/** The facts about a report its readability depends on. */
export interface ReadableReport {
  body_id: string;
  state: ReportState;
  /**
   * Whether its assignment or goal is published. Matters only for readers outside the organisation;
   * leave it out only where the subject is already known to be visible to the reader.
   */
  target_published?: boolean;
}

export function mayReadReport(actor: Actor, organisationId: string, report: ReadableReport): boolean {
  if (!isMember(actor, organisationId)) return report.state === 'approved' && report.target_published !== false;
  if (actor.kind === 'user' && actor.role === 'reporter') return report.state === 'approved' || reportsFor(actor, organisationId, report.body_id);
  return true;
}

/** The columns of a report query the read filter looks at; the defaults are follow-up's item query. */
export interface ReportColumns {
  bodyId: string;
  state: string;
  /** The subject's `published_at`; when omitted, the query must already limit outsiders to published subjects. */
  targetPublishedAt?: string;
}

const ITEM_COLUMNS: ReportColumns = { bodyId: 'i.body_id', state: 'i.state', targetPublishedAt: 't.published_at' };

/**
 * mayReadReport as a where clause, for lists, counts, feeds and search: one filter in the query,
 * never a check per row. `.where(reportsReadableBy(actor, organisationId))` on a query whose report
 * table is `i` and subject `t`, or name the columns.
 */
export function reportsReadableBy(actor: Actor, organisationId: string, columns: ReportColumns = ITEM_COLUMNS): RawBuilder<SqlBool> {
  const approved = sql<SqlBool>`${sql.ref(columns.state)} = 'approved'`;
  if (!isMember(actor, organisationId)) {
    return columns.targetPublishedAt ? sql<SqlBool>`(${approved} and ${sql.ref(columns.targetPublishedAt)} is not null)` : approved;
  }
  if (actor.kind === 'user' && actor.role === 'reporter') {
    const own = actor.organisationId === organisationId ? actor.bodyIds : [];
    return own.length ? sql<SqlBool>`(${approved} or ${sql.ref(columns.bodyId)} in (${sql.join(own)}))` : approved;
  }
  return sql<SqlBool>`true`;
}
