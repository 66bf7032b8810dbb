// The assignments module's tables, added to the database type.
import type { ColumnType, Generated } from 'kysely';

type ReadOnly<T> = ColumnType<T, never, never>;

export const ASSIGNMENT_STATUSES = ['new', 'ongoing', 'progress_reported', 'reported', 'closed', 'cancelled', 'transferred'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const TARGETS = ['bodies', 'all_committees_and_companies'] as const;
export type AssignmentTarget = (typeof TARGETS)[number];
export const SOURCE_KINDS = ['budget', 'decision', 'commission', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** A body's part in an assignment: the one leading the work, or one taking part in it. */
export const BODY_ROLES = ['lead', 'co'] as const;
export type BodyRole = (typeof BODY_ROLES)[number];
/** How a body answers for an assignment: named in it, or reached by the target "all committees and companies". */
export const RESPONSIBLE_ROLES = [...BODY_ROLES, 'target'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

export interface AssignmentsTable {
  id: Generated<string>;
  organisation_id: string;
  reference: Generated<string>;
  title: string;
  body: Generated<string>;
  year: number;
  issuer_body_id: string;
  target: Generated<AssignmentTarget>;
  target_note: Generated<string>;
  source_kind: SourceKind;
  source_title: Generated<string>;
  registration_number: Generated<string>;
  decision_date: string | null;
  deadline: string | null;
  status: Generated<AssignmentStatus>;
  published_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  search: ReadOnly<string>;
}

export interface AssignmentBodiesTable {
  organisation_id: string;
  assignment_id: string;
  body_id: string;
  role: BodyRole;
  /** The day the body was attached to an assignment that already existed; null: named when it was made (0016). */
  responsible_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AssignmentFocusAreasTable {
  organisation_id: string;
  assignment_id: string;
  focus_area_id: string;
}

export interface AssignmentGoalsTable {
  organisation_id: string;
  assignment_id: string;
  goal_id: string;
}

export interface AssignmentStatusChangesTable {
  id: Generated<string>;
  organisation_id: string;
  assignment_id: string;
  from_status: AssignmentStatus | null;
  to_status: AssignmentStatus;
  comment: Generated<string>;
  decision_reference: Generated<string>;
  changed_by: string | null;
  changed_by_label: string;
  changed_at: Generated<Date>;
}

declare module '../../core/db/schema' {
  interface Tables {
    assignments: AssignmentsTable;
    assignment_bodies: AssignmentBodiesTable;
    assignment_focus_areas: AssignmentFocusAreasTable;
    assignment_goals: AssignmentGoalsTable;
    assignment_status_changes: AssignmentStatusChangesTable;
  }
}
