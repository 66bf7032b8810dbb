// Approves a submitted goal assessment; from then on it is public when its subject is published.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { GoalAssessmentRow } from '../follow-up.queries';
import { GOAL_ASSESSMENT, stepItem } from '../follow-up.workflow';

export async function approveGoalAssessment(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<GoalAssessmentRow>> {
  return stepItem(ctx, GOAL_ASSESSMENT, 'approve', organisationId, id, input);
}
