// What tells a status report from a goal assessment: one descriptor per kind drives the workflow,
// the queries, the presenters, the HTML routes and the API, so each of those exists once.
import type { z } from 'zod';
import { goalAssessmentInput, statusReportInput } from './follow-up.schema';
import { ASSESSMENTS, PROGRESS_VALUES } from './follow-up.tables';

export interface SaveData {
  periodId: string;
  bodyId: string;
  targetId: string;
  value: string;
  comment: string;
  version?: number | undefined;
}

export interface ItemKind<S extends z.ZodObject = z.ZodObject> {
  /** entity_type in the audit trail and the history page; the kind's name in messages. */
  name: 'status_report' | 'goal_assessment';
  table: 'status_reports' | 'goal_assessments';
  /** The URL segment below /o/:org/follow-up/ and /api/v1/. */
  path: 'status-reports' | 'goal-assessments';
  /** What is reported on, its table and the column naming it. */
  targetTable: 'assignments' | 'goals';
  targetColumn: 'assignment_id' | 'goal_id';
  /** The subject's pages, /o/:org/<targetPath>/:id. */
  targetPath: 'assignments' | 'goals';
  /** The query parameter (`?assignment=`) and the input and JSON field (`assignmentId`) naming the target. */
  targetParam: 'assignment' | 'goal';
  targetField: 'assignmentId' | 'goalId';
  /** The subject's columns that order a list of reports, after the period. */
  targetOrder: readonly string[];
  valueColumn: 'progress' | 'assessment';
  values: readonly [string, ...string[]];
  notReportedOnKey: string;
  columns: readonly string[];
  /** The one schema of a save, for the command, the form and the API. */
  schema: S;
  toSaveData(d: z.output<S>): SaveData;
  /** Names and wording of the API operations. */
  api: { one: string; many: string; list: string; save: string; submit: string; approve: string; return: string };
}

const workflowColumns = ['comment', 'state', 'return_comment', 'submitted_at', 'submitted_by', 'approved_at', 'approved_by', 'version', 'created_at', 'updated_at'] as const;

export const statusReportColumns = ['id', 'organisation_id', 'period_id', 'body_id', 'assignment_id', 'progress', ...workflowColumns] as const;
export const goalAssessmentColumns = ['id', 'organisation_id', 'period_id', 'body_id', 'goal_id', 'assessment', ...workflowColumns] as const;

export const STATUS_REPORT: ItemKind<typeof statusReportInput> = {
  name: 'status_report',
  table: 'status_reports',
  path: 'status-reports',
  targetTable: 'assignments',
  targetColumn: 'assignment_id',
  targetPath: 'assignments',
  targetParam: 'assignment',
  targetField: 'assignmentId',
  targetOrder: ['reference', 'title'],
  valueColumn: 'progress',
  values: PROGRESS_VALUES,
  notReportedOnKey: 'followup.error.not_responsible',
  columns: statusReportColumns,
  schema: statusReportInput,
  toSaveData: (d) => ({ periodId: d.periodId, bodyId: d.bodyId, targetId: d.assignmentId, value: d.progress, comment: d.comment, version: d.version }),
  api: {
    one: 'StatusReport',
    many: 'StatusReports',
    list: 'Status reports on assignments per body and period (anonymous: approved reports on published assignments; reporters: their own bodies\' in every state, other bodies\' once approved)',
    save: "Save a body's status report on an assignment for a period as a draft: creates it, or updates it when you send the version you read (409 if it changed since)",
    submit: 'Submit a draft status report for approval',
    approve: 'Approve a submitted status report (strategists); it becomes public if its assignment is published',
    return: 'Return a submitted status report to draft with a comment (strategists)',
  },
};

export const GOAL_ASSESSMENT: ItemKind<typeof goalAssessmentInput> = {
  name: 'goal_assessment',
  table: 'goal_assessments',
  path: 'goal-assessments',
  targetTable: 'goals',
  targetColumn: 'goal_id',
  targetPath: 'goals',
  targetParam: 'goal',
  targetField: 'goalId',
  targetOrder: ['sort_order', 'reference', 'title'],
  valueColumn: 'assessment',
  values: ASSESSMENTS,
  notReportedOnKey: 'followup.error.not_assessed_here',
  columns: goalAssessmentColumns,
  schema: goalAssessmentInput,
  toSaveData: (d) => ({ periodId: d.periodId, bodyId: d.bodyId, targetId: d.goalId, value: d.assessment, comment: d.comment, version: d.version }),
  api: {
    one: 'GoalAssessment',
    many: 'GoalAssessments',
    list: 'Goal assessments per body and period (anonymous: approved assessments of published goals; reporters: their own bodies\' in every state, other bodies\' once approved)',
    save: "Save a body's assessment of a goal for a period as a draft: creates it, or updates it when you send the version you read (409 if it changed since)",
    submit: 'Submit a draft goal assessment for approval',
    approve: 'Approve a submitted goal assessment (strategists); it becomes public if its goal is published',
    return: 'Return a submitted goal assessment to draft with a comment (strategists)',
  },
};

export const ITEM_KINDS = [STATUS_REPORT, GOAL_ASSESSMENT] as const;
export type AnyItemKind = (typeof ITEM_KINDS)[number];
export type ItemKindName = ItemKind['name'];

export const kindNamed = (name: ItemKindName): AnyItemKind => (name === 'status_report' ? STATUS_REPORT : GOAL_ASSESSMENT);
