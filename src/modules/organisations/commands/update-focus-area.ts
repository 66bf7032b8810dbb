// Changes a focus area's name, description or place in the order, refusing stale versions.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import { findFocusArea, findFocusAreaByName, type FocusAreaRow } from '../organisations.queries';
import { focusAreaUpdate } from '../organisations.schema';

export async function updateFocusArea(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<FocusAreaRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: focusAreaUpdate, input }, async (trx, data) => {
    const current = await loadCurrent(findFocusArea(trx, organisationId, id));
    const sameName = await findFocusAreaByName(trx, organisationId, data.name);
    if (sameName && sameName.id !== id) return invalid({ name: ctx.t('focus_areas.error.name_taken') });
    const { before, after } = await updateVersioned<FocusAreaRow & Record<string, unknown>>(trx, 'focus_areas', { id, organisationId }, data.version, {
      name: data.name,
      description: data.description,
      // Left empty, the focus area keeps its place.
      sort_order: data.sortOrder ?? current.sort_order,
    });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'focus_area', entityId: id, ...diff(before, after) });
    return ok(after);
  });
}
