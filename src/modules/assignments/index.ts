// The assignments module's public surface: what the follow-up module, the dashboard, the demo and the CLI may use.
import type { AssignmentStatus, AssignmentTarget, SourceKind } from './assignments.tables';

export { assignmentsModule } from './assignments.manifest';
export { createAssignment } from './commands/create-assignment';
export { updateAssignment } from './commands/update-assignment';
export { changeAssignmentStatus } from './commands/change-assignment-status';
export { publishAssignment } from './commands/publish-assignment';
export { archiveAssignment } from './commands/archive-assignment';
export { startBulkStatusChange } from './commands/start-bulk-status-change';
export { BULK_STATUS_JOB, bulkStatusJob, type BulkRefusal, type BulkStatusResult } from './assignments.jobs';
export {
  countByStatus,
  findAssignment,
  lateAssignments,
  listAssignments,
  responsibleBodies,
  responsibleBodiesFor,
  statusHistory,
  todayInSweden,
  type AssignmentFilters,
  type AssignmentRow,
  type AssignmentWithBodies,
  type ResponsibleBody,
  type ResponsibleRole,
  type StatusCounts,
} from './assignments.queries';
export {
  ALL_TARGET_BODY_KINDS,
  allowedTransitions,
  canAssignment,
  FINISHED_STATUSES,
  isLate,
  isOpenStatus,
  OPEN_STATUSES,
  reachesAllTarget,
  type FinishedStatus,
  transition,
  visibilityFor,
  type Transition,
  type Visibility,
} from './assignments.policy';
export { assignmentJson } from './assignments.presenter';
export {
  ASSIGNMENT_STATUSES,
  BODY_ROLES,
  RESPONSIBLE_ROLES,
  SOURCE_KINDS,
  TARGETS,
  type AssignmentStatus,
  type AssignmentTarget,
  type SourceKind,
} from './assignments.tables';

/** The i18n key of a status's label, e.g. t(statusLabelKey('closed')) → "Avslutat"; the one label every page and export uses. */
export const statusLabelKey = (status: AssignmentStatus | string): string => `assignment.status.${status}`;
/** The i18n key of a source kind's label, e.g. t(sourceLabelKey('commission')) → "Kommissionens förslag". */
export const sourceLabelKey = (source: SourceKind | string): string => `assignment.source.${source}`;
/** The i18n key of a target's label, e.g. t(targetLabelKey('all_committees_and_companies')) → "Samtliga nämnder och bolag". */
export const targetLabelKey = (target: AssignmentTarget): string => `assignment.target.${target}`;
export { assignmentsInScope, leadBodyName, namedBodies, reportingWindowCloses, responsibleFor, type AssignmentScope, type ResponsibleBodyRef } from './assignments.reads';
