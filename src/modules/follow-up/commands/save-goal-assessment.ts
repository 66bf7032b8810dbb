// Saves a body's assessment of a goal for a period as a draft (creates or updates it).
import { isMember, type Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import type { GoalAssessmentRow } from '../follow-up.queries';
import { goalAssessmentInput } from '../follow-up.schema';
import { GOAL_ASSESSMENT, saveItem } from '../follow-up.workflow';

export async function saveGoalAssessment(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<GoalAssessmentRow>> {
  authorize(ctx.actor, isMember(ctx.actor, organisationId));
  const parsed = parseInput(goalAssessmentInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  return saveItem(ctx, GOAL_ASSESSMENT, organisationId, { periodId: d.periodId, bodyId: d.bodyId, targetId: d.goalId, value: d.assessment, comment: d.comment, version: d.version });
}
