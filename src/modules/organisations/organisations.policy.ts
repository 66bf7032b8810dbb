// Who may read and change the organisation's structure: public reads it, strategists and admins change it.
import { isAdmin, isMember, isStaff, type Actor } from '../../core/context';

export type StructureAction = 'read' | 'create' | 'update' | 'archive';

/** Bodies, years, periods and focus areas: the municipality's structure is public information. */
export function canStructure(actor: Actor, action: StructureAction, organisationId: string): boolean {
  if (action === 'read') return true;
  return isStaff(actor, organisationId);
}

/** Users: members see who is who; only admins create, change or archive accounts. */
export function canUsers(actor: Actor, action: StructureAction, organisationId: string): boolean {
  if (action === 'read') return isMember(actor, organisationId);
  return isAdmin(actor, organisationId);
}

/** The organisation itself: public reads; its admins edit it. */
export function canOrganisation(actor: Actor, action: 'read' | 'update', organisationId: string): boolean {
  return action === 'read' || isAdmin(actor, organisationId);
}
