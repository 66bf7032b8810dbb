// Saves a body's assessment of a goal for a period as a draft (creates or updates it).
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { GoalAssessmentRow } from '../follow-up.queries';
import { GOAL_ASSESSMENT, saveItem } from '../follow-up.workflow';

export async function saveGoalAssessment(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<GoalAssessmentRow>> {
  return saveItem(ctx, GOAL_ASSESSMENT, organisationId, input);
}
