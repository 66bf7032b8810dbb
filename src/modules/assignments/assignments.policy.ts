// Who may read and change assignments, and which lifecycle steps are allowed: pure rules, no database.
import { isMember, isStaff, type Actor } from '../../core/context';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './assignments.tables';

export type AssignmentAction = 'read' | 'create' | 'update' | 'archive' | 'publish' | 'status';

/** What a reader may see: members read internal data, everyone else only what is published. */
export type Visibility = 'public' | 'internal';

export const visibilityFor = (actor: Actor, organisationId: string): Visibility => (isMember(actor, organisationId) ? 'internal' : 'public');

/**
 * Members of the organisation read every assignment; the public reads published ones that are not
 * archived. Only strategists and admins change assignments — a reporter reports on them through the
 * follow-up module, never edits the assignment itself.
 */
export function canAssignment(
  actor: Actor,
  action: AssignmentAction,
  organisationId: string,
  assignment?: { published_at: Date | null; archived_at: Date | null },
): boolean {
  if (action === 'read') {
    if (isMember(actor, organisationId)) return true;
    return !!assignment && assignment.published_at !== null && assignment.archived_at === null;
  }
  return isStaff(actor, organisationId);
}

/** Statuses in which the work is still expected; the others end the lifecycle. */
export const OPEN_STATUSES = ['new', 'ongoing', 'progress_reported', 'reported'] as const satisfies readonly AssignmentStatus[];
export const FINISHED_STATUSES = ['closed', 'cancelled', 'transferred'] as const satisfies readonly AssignmentStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];
export const isOpenStatus = (s: AssignmentStatus): boolean => (OPEN_STATUSES as readonly AssignmentStatus[]).includes(s);

/**
 * The kinds of body the target "samtliga nämnder och bolag" reaches: the executive board
 * (kommunstyrelsen is a nämnd under the Local Government Act, 6 kap. 1 § KL), every committee and every company.
 */
export const ALL_TARGET_BODY_KINDS = ['board', 'committee', 'company'] as const;

/** "All committees and companies" reaches the executive board and every committee and company that is not archived. */
export const reachesAllTarget = (body: { kind: string; archived_at: Date | string | null }): boolean =>
  body.archived_at === null && (ALL_TARGET_BODY_KINDS as readonly string[]).includes(body.kind);

/** Late: the deadline has passed (before `today`, YYYY-MM-DD) and the work is not finished. */
export const isLate = (a: { deadline: string | null; status: AssignmentStatus }, today: string): boolean =>
  a.deadline !== null && a.deadline < today && isOpenStatus(a.status);

// The main line. An assignment may be reported as politically handled without an interim progress report.
const FORWARD: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  new: ['ongoing'],
  ongoing: ['progress_reported', 'reported'],
  progress_reported: ['reported'],
  reported: ['closed'],
  closed: [],
  cancelled: [],
  transferred: [],
};

export type TransitionKind = 'forward' | 'send_back' | 'end' | 'reopen';

export interface Transition {
  kind: TransitionKind;
  /**
   * Steps that go against the main line (the board sends a report back, an assignment is cancelled,
   * transferred or reopened) must say why, so the history explains itself to the next reader.
   */
  commentRequired: boolean;
}

/** The transition from → to, or undefined when the lifecycle does not allow it. */
export function transition(from: AssignmentStatus, to: AssignmentStatus): Transition | undefined {
  if (from === to) return undefined;
  if (FORWARD[from].includes(to)) return { kind: 'forward', commentRequired: false };
  if (to === 'ongoing' && (from === 'progress_reported' || from === 'reported')) return { kind: 'send_back', commentRequired: true };
  if ((to === 'cancelled' || to === 'transferred') && isOpenStatus(from)) return { kind: 'end', commentRequired: true };
  if (from === 'closed' && to === 'ongoing') return { kind: 'reopen', commentRequired: true };
  return undefined;
}

/** The statuses `actor` may move an assignment in status `from` to; empty for those who may not change status. */
export function allowedTransitions(actor: Actor, organisationId: string, from: AssignmentStatus): { to: AssignmentStatus; transition: Transition }[] {
  if (!canAssignment(actor, 'status', organisationId)) return [];
  return ASSIGNMENT_STATUSES.flatMap((to) => {
    const tr = transition(from, to);
    return tr ? [{ to, transition: tr }] : [];
  });
}
