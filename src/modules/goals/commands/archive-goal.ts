// Archives or restores a goal. Records law: nothing is deleted; an archived goal keeps its history.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { findGoal, type Goal, type GoalRow } from '../goals.queries';
import { parseFields, versionInput } from '../goals.schema';

export async function archiveGoal(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<Goal>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'archive', organisationId));
  const parsed = parseFields(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, organisationId, id);
    if (!goal) throw notFound();
    if (!restore) {
      // A sub-goal left under an archived goal would lose the goal it breaks down.
      const child = await trx.selectFrom('goals').select('id').where('organisation_id', '=', organisationId).where('parent_id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
      if (child) return invalid({ _form: ctx.t('goals.error.has_sub_goals') });
    }
    const { before, after } = await updateVersioned<GoalRow & Record<string, unknown>>(trx, 'goals', { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'goal',
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok({ ...goal, archived_at: after.archived_at, version: after.version, updated_at: after.updated_at });
  });
}
