// The assignments module's tables, added to the database type.
import type { ColumnType, Generated } from 'kysely';

type ReadOnly<T> = ColumnType<T, never, never>;

export type AssignmentStatus = 'new' | 'ongoing' | 'progress_reported' | 'reported' | 'closed' | 'cancelled' | 'transferred';
export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['new', 'ongoing', 'progress_reported', 'reported', 'closed', 'cancelled', 'transferred'];
export type AssignmentTarget = 'bodies' | 'all_committees_and_companies';
export type SourceKind = 'budget' | 'decision' | 'commission' | 'other';
export const SOURCE_KINDS: readonly SourceKind[] = ['budget', 'decision', 'commission', 'other'];

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
  role: 'lead' | 'co';
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
