// Changes a goal's text, level, years and links, refusing an edit based on a stale version.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { ConflictError, invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { findGoal, type Goal, type GoalRow } from '../goals.queries';
import { checkGoal, goalConflict, goalValues, saveGoalLinks } from '../goals.rules';
import { goalUpdate } from '../goals.schema';

export async function updateGoal(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<Goal>> {
  return runCommand(ctx, { allowed: canPlan(ctx.actor, 'update', organisationId), schema: goalUpdate, input }, async (trx, data) => {
    const existing = await loadCurrent(findGoal(trx, organisationId, id), data.version, (current) => goalConflict(trx, new ConflictError({ ...current }, []), data));
    if (existing.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
    const errors = await checkGoal(trx, ctx.t, organisationId, data, existing);
    if (errors) return invalid(errors);
    let changed: { before: GoalRow; after: GoalRow };
    try {
      changed = await updateVersioned<GoalRow & Record<string, unknown>>(trx, 'goals', { id, organisationId }, data.version, goalValues(data));
    } catch (err) {
      if (err instanceof ConflictError) throw await goalConflict(trx, err, data);
      throw err;
    }
    const links = await saveGoalLinks(trx, organisationId, id, existing, data);
    const { before, after } = diff(changed.before as unknown as Record<string, unknown>, stripSearch(changed.after));
    for (const key of ['focus_area_ids', 'sdg_codes'] as const) {
      if ([...existing[key]].sort().join() !== [...links[key]].sort().join()) {
        before[key] = existing[key];
        after[key] = links[key];
      }
    }
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'goal', entityId: id, before, after });
    return ok({ ...stripSearch(changed.after), ...links } as unknown as Goal);
  });
}

/** updateVersioned returns whole rows; the generated search vector is neither news nor API. */
function stripSearch(row: GoalRow): Record<string, unknown> {
  const { search: _search, ...rest } = row as GoalRow & { search?: unknown };
  return rest;
}
