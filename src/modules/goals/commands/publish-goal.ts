// Publishes a goal (it becomes public, as adopted goals are) or takes it back from the public view.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { ConflictError, invalid, notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { updateVersioned } from '../../../core/versioned';
import { goalJson } from '../goals.presenter';
import { canPlan } from '../goals.policy';
import { findGoal, type Goal, type GoalRow } from '../goals.queries';
import { parseFields, versionInput } from '../goals.schema';

export async function publishGoal(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<Goal>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'publish', organisationId));
  const parsed = parseFields(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, organisationId, id);
    if (!goal) throw notFound();
    // Publishing says "this text is what was adopted", so it must be the text the user saw.
    if (goal.version !== parsed.data.version) throw new ConflictError(goalJson(goal), []);
    if (goal.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
    if ((goal.published_at !== null) === !unpublish) return ok(goal);
    const { before, after } = await updateVersioned<GoalRow & Record<string, unknown>>(trx, 'goals', { id, organisationId }, parsed.data.version, {
      published_at: unpublish ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: unpublish ? 'unpublish' : 'publish',
      entityType: 'goal',
      entityId: id,
      before: { published_at: before.published_at },
      after: { published_at: after.published_at },
    });
    return ok({ ...goal, published_at: after.published_at, version: after.version, updated_at: after.updated_at });
  });
}
