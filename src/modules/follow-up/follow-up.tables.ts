// The follow-up module's tables, added to the database type.
import type { ColumnType, Generated } from 'kysely';

type ReadOnly<T> = ColumnType<T, never, never>;

export type ReportState = 'draft' | 'submitted' | 'approved';
export type Progress = 'not_started' | 'on_track' | 'at_risk' | 'delayed' | 'completed' | 'cancelled';
export const PROGRESS_VALUES: readonly Progress[] = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled'];
export type Assessment = 'met' | 'partly_met' | 'not_met' | 'not_assessed';
export const ASSESSMENTS: readonly Assessment[] = ['met', 'partly_met', 'not_met', 'not_assessed'];

interface Workflow {
  state: Generated<ReportState>;
  return_comment: Generated<string>;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  search: ReadOnly<string>;
}

export interface StatusReportsTable extends Workflow {
  id: Generated<string>;
  organisation_id: string;
  period_id: string;
  body_id: string;
  assignment_id: string;
  progress: Progress;
  comment: Generated<string>;
}

export interface GoalAssessmentsTable extends Workflow {
  id: Generated<string>;
  organisation_id: string;
  period_id: string;
  body_id: string;
  goal_id: string;
  assessment: Assessment;
  comment: Generated<string>;
}

declare module '../../core/db/schema' {
  interface Tables {
    status_reports: StatusReportsTable;
    goal_assessments: GoalAssessmentsTable;
  }
}
