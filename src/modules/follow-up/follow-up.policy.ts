// Who may read and write follow-up, and when: reporters only for their own bodies, staff for all,
// and only while the period is open and the report is in a state that allows the step.
import { isStaff, reportsFor, type Actor } from '../../core/context';
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
