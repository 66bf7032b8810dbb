// Input schemas for follow-up: saving a status report or goal assessment, and the workflow steps.
// Each is used by the command, the HTML form (through formInput) and the API's OpenAPI document.
import { z } from 'zod';
import { longText, text, uuid, version } from '../../core/validation';
import { ASSESSMENTS, PROGRESS_VALUES } from './follow-up.tables';

// A version is absent (or null) when the reporter believes they are writing the first report.
const firstOrVersion = () => version().nullish().transform((v) => v ?? undefined);

export const statusReportInput = z.object({
  periodId: uuid(),
  bodyId: uuid(),
  assignmentId: uuid(),
  progress: z.enum(PROGRESS_VALUES),
  comment: longText(10000),
  version: firstOrVersion(),
});
export type StatusReportInput = z.output<typeof statusReportInput>;

export const goalAssessmentInput = z.object({
  periodId: uuid(),
  bodyId: uuid(),
  goalId: uuid(),
  assessment: z.enum(ASSESSMENTS),
  comment: longText(10000),
  version: firstOrVersion(),
});
export type GoalAssessmentInput = z.output<typeof goalAssessmentInput>;

/** Submitting and approving: the version the reader saw. */
export const stepInput = z.object({ version: version() });

/** Sending a report back needs a reason the reporter can act on. */
export const returnInput = stepInput.extend({ returnComment: text(2000) });
