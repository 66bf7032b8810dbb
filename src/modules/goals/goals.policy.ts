// Who may see and change goals and directions: the public reads what is published, staff plan.
import { isMember, isStaff, type Actor } from '../../core/context';

export type PlanAction = 'create' | 'update' | 'archive' | 'publish';

/** Goals and direction texts are adopted by the council and the committees; strategists and admins keep them. */
export function canPlan(actor: Actor, _action: PlanAction, organisationId: string): boolean {
  return isStaff(actor, organisationId);
}

export interface Publishable {
  organisation_id: string;
  published_at: Date | null;
  archived_at: Date | null;
}

/**
 * Can `actor` see this goal or direction? An archived record was withdrawn, so it leaves the
 * public view even if it had been published; its history stays for members.
 */
export function canRead(actor: Actor, row: Publishable): boolean {
  // Members read drafts and archived records; everyone else only what is published and in force.
  if (isMember(actor, row.organisation_id)) return true;
  return row.published_at !== null && row.archived_at === null;
}
