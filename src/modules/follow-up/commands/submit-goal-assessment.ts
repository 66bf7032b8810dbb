// Submits a body's draft goal assessment for review by the strategists.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { GoalAssessmentRow } from '../follow-up.queries';
import { GOAL_ASSESSMENT, stepItem } from '../follow-up.workflow';

export async function submitGoalAssessment(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<GoalAssessmentRow>> {
  return stepItem(ctx, GOAL_ASSESSMENT, 'submit', organisationId, id, input);
}
