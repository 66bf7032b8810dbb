// Archives or restores a direction text. Records law: nothing is deleted.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { directionFor, findDirection, type DirectionRow } from '../goals.queries';
import { isDuplicateDirection } from '../goals.rules';
import { parseFields, versionInput } from '../goals.schema';

export async function archiveDirection(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<DirectionRow>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'archive', organisationId));
  const parsed = parseFields(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  const refusal = (year: number) => invalid({ _form: ctx.t('directions.error.restore_exists', { year }) });
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const direction = await findDirection(trx, organisationId, id);
      if (!direction) throw notFound();
      if (restore) {
        // Restoring must not give the body two directions for the same year.
        const current = await directionFor(trx, organisationId, direction.body_id, direction.year);
        if (current && current.id !== id) return refusal(direction.year);
      }
      const { before, after } = await updateVersioned<DirectionRow & Record<string, unknown>>(trx, 'directions', { id, organisationId }, parsed.data.version, {
        archived_at: restore ? null : new Date(),
      });
      await recordAudit(trx, ctx.actor, {
        organisationId,
        action: restore ? 'restore' : 'archive',
        entityType: 'direction',
        entityId: id,
        before: { archived_at: before.archived_at },
        after: { archived_at: after.archived_at },
      });
      return ok({ ...direction, archived_at: after.archived_at, version: after.version, updated_at: after.updated_at });
    });
  } catch (err) {
    if (isDuplicateDirection(err)) {
      const direction = await findDirection(ctx.db, organisationId, id);
      return refusal(direction?.year ?? 0);
    }
    throw err;
  }
}
