// Input schemas for follow-up: saving a status report or goal assessment, and the workflow steps.
import { z } from 'zod';
import { longText, text, uuid, version } from '../../core/validation';
import { ASSESSMENTS, PROGRESS_VALUES, type Assessment, type Progress } from './follow-up.tables';

// A version is absent when the reporter believes they are writing the first report.
const optionalVersion = () => z.preprocess((v) => (v === '' || v === null ? undefined : v), version().optional());

export const statusReportInput = z.object({
  periodId: uuid(),
  bodyId: uuid(),
  assignmentId: uuid(),
  progress: z.enum(PROGRESS_VALUES as [Progress, ...Progress[]]),
  comment: longText(10000),
  version: optionalVersion(),
});
export type StatusReportInput = z.output<typeof statusReportInput>;

export const goalAssessmentInput = z.object({
  periodId: uuid(),
  bodyId: uuid(),
  goalId: uuid(),
  assessment: z.enum(ASSESSMENTS as [Assessment, ...Assessment[]]),
  comment: longText(10000),
  version: optionalVersion(),
});
export type GoalAssessmentInput = z.output<typeof goalAssessmentInput>;

export const stepInput = z.object({ version: version() });

/** Sending a report back needs a reason the reporter can act on. */
export const returnInput = z.object({ version: version(), returnComment: text(2000) });
