// Who may read and change the organisation's structure and accounts, and the phase rules of years and periods.
import { isAdmin, isMember, isStaff, type Actor, type Ctx } from '../../core/context';
import type { YearStatus } from './organisations.tables';

export type StructureAction = 'read' | 'create' | 'update' | 'archive';

/** Bodies, years, periods and focus areas: the municipality's structure is public information. */
export function canStructure(actor: Actor, action: StructureAction, organisationId: string): boolean {
  if (action === 'read') return true;
  return isStaff(actor, organisationId);
}

export type UserAction = StructureAction | 'manage' | 'reset_password';

/**
 * Users: members see who is who (active accounts); only admins see every account, archived ones
 * included ('manage'), and create, change, archive or reset them. The public never sees accounts.
 */
export function canUsers(actor: Actor, action: UserAction, organisationId: string): boolean {
  if (action === 'read') return isMember(actor, organisationId);
  return isAdmin(actor, organisationId);
}

/** The organisation itself: public reads; its admins edit it. */
export function canOrganisation(actor: Actor, action: 'read' | 'update', organisationId: string): boolean {
  return action === 'read' || isAdmin(actor, organisationId);
}

/**
 * A budget year moves one way: planned, then followed up while active, then closed once the annual
 * report is adopted. Going back would reopen a year whose follow-up the council has received.
 */
const NEXT_YEAR_STATUS: Record<YearStatus, YearStatus | undefined> = { planning: 'active', active: 'closed', closed: undefined };

export const nextYearStatus = (from: YearStatus): YearStatus | undefined => NEXT_YEAR_STATUS[from];

export const canMoveYear = (from: YearStatus, to: YearStatus): boolean => NEXT_YEAR_STATUS[from] === to;

/**
 * Reopening a closed year or period undoes what the council was told was final, so only an admin
 * may, and always with a reason the change history keeps. Closing is a staff step.
 */
export const canReopen = (actor: Actor, organisationId: string): boolean => isAdmin(actor, organisationId);

/** Periods of a closed year are settled: none are added or changed. */
export const periodsEditable = (yearStatus: YearStatus): boolean => yearStatus !== 'closed';

/** Reporters hold bodies; other roles see or manage everything and hold none. */
export const roleHoldsBodies = (role: string): boolean => role === 'reporter';

/** A role the app knows: one of the core's, or one a module declares in its manifest. */
export const knownRole = (ctx: Ctx, role: string): boolean => ctx.catalogue.roles.some((r) => r.name === role);
