// Creates a goal at any level: a council goal, or a committee's goal breaking a council goal down.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canPlan } from '../goals.policy';
import { goalColumns, type Goal } from '../goals.queries';
import { checkGoal, goalValues, saveGoalLinks } from '../goals.rules';
import { goalInput } from '../goals.schema';

export async function createGoal(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<Goal>> {
  return runCommand(ctx, { allowed: canPlan(ctx.actor, 'create', organisationId), schema: goalInput, input }, async (trx, data) => {
    const errors = await checkGoal(trx, ctx.t, organisationId, data);
    if (errors) return invalid(errors);
    const row = await trx
      .insertInto('goals')
      .values({ organisation_id: organisationId, ...goalValues(data), published_at: null, archived_at: null })
      .returning(goalColumns)
      .executeTakeFirstOrThrow();
    const links = await saveGoalLinks(trx, organisationId, row.id, { focus_area_ids: [], sdg_codes: [] }, data);
    const goal: Goal = { ...row, ...links };
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'goal', entityId: row.id, after: goal });
    return ok(goal);
  });
}
