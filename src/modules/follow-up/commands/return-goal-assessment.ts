// Sends a submitted goal assessment back to draft with a reason, so the body can correct it.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { GoalAssessmentRow } from '../follow-up.queries';
import { GOAL_ASSESSMENT, stepItem } from '../follow-up.workflow';

export async function returnGoalAssessment(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<GoalAssessmentRow>> {
  return stepItem(ctx, GOAL_ASSESSMENT, 'return', organisationId, id, input);
}
