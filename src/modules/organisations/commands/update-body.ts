// Changes a body's name, kind, place in the tree or description, refusing stale versions.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import { findBody, findBodyByName, wouldCycle, type BodyRow } from '../organisations.queries';
import { bodyValues } from '../organisations.rules';
import { bodyUpdate } from '../organisations.schema';

export async function updateBody(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<BodyRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: bodyUpdate, input }, async (trx, data) => {
    await loadCurrent(findBody(trx, organisationId, id));
    if (data.parentId) {
      if (!(await findBody(trx, organisationId, data.parentId))) return invalid({ parentId: ctx.t('bodies.error.parent') });
      if (await wouldCycle(trx, organisationId, id, data.parentId)) return invalid({ parentId: ctx.t('bodies.error.cycle') });
    }
    const sameName = await findBodyByName(trx, organisationId, data.name);
    if (sameName && sameName.id !== id) return invalid({ name: ctx.t('bodies.error.name_taken') });
    const { before, after } = await updateVersioned<BodyRow & Record<string, unknown>>(trx, 'bodies', { id, organisationId }, data.version, bodyValues(data));
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'body', entityId: id, ...diff(before, after) });
    return ok(after);
  });
}
