// The follow-up module's tables, added to the database type.
import type { ColumnType, Generated } from 'kysely';

type ReadOnly<T> = ColumnType<T, never, never>;

export const REPORT_STATES = ['draft', 'submitted', 'approved'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const PROGRESS_VALUES = ['not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled'] as const;
export type Progress = (typeof PROGRESS_VALUES)[number];
export const ASSESSMENTS = ['met', 'partly_met', 'not_met', 'not_assessed'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

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
