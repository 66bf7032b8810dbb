// Who may see background jobs: the organisation's staff, who start them. A job's result can name
// unpublished records, so nobody outside the organisation sees it.
import { isStaff, type Actor } from '../context';

export const canSeeJobs = (actor: Actor, organisationId: string): boolean => isStaff(actor, organisationId);
