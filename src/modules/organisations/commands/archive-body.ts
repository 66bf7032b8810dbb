// Archives or restores a body. Records law: nothing is deleted; an archived body keeps its history.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import type { BodyRow } from '../organisations.queries';
import { archiveInput } from '../organisations.schema';

export async function archiveBody(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<BodyRow>> {
  authorize(ctx.actor, canStructure(ctx.actor, 'archive', organisationId));
  const parsed = parseInput(archiveInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    if (!restore) {
      const child = await trx.selectFrom('bodies').select('id').where('organisation_id', '=', organisationId).where('parent_id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
      if (child) return invalid({ _form: ctx.t('bodies.error.has_children') });
    }
    const { after } = await updateVersioned<BodyRow & Record<string, unknown>>(trx, 'bodies', { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'body',
      entityId: id,
      before: { archived_at: restore ? 'archived' : null },
      after: { archived_at: after.archived_at },
    });
    return ok(after);
  });
}
