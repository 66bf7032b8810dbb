// Publishes a direction text or takes it back from the public view.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { ConflictError, invalid, notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { directionJson } from '../goals.presenter';
import { findDirection, type DirectionRow } from '../goals.queries';
import { parseFields, versionInput } from '../goals.schema';

export async function publishDirection(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<DirectionRow>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'publish', organisationId));
  const parsed = parseFields(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const direction = await findDirection(trx, organisationId, id);
    if (!direction) throw notFound();
    // What is published must be the text the user saw.
    if (direction.version !== parsed.data.version) throw new ConflictError(directionJson(direction), []);
    if (direction.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
    if ((direction.published_at !== null) === !unpublish) return ok(direction);
    const { before, after } = await updateVersioned<DirectionRow & Record<string, unknown>>(trx, 'directions', { id, organisationId }, parsed.data.version, {
      published_at: unpublish ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: unpublish ? 'unpublish' : 'publish',
      entityType: 'direction',
      entityId: id,
      before: { published_at: before.published_at },
      after: { published_at: after.published_at },
    });
    return ok({ ...direction, published_at: after.published_at, version: after.version, updated_at: after.updated_at });
  });
}
