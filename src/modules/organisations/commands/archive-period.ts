// Archives or restores a follow-up period. Records law: nothing is deleted; its reports stay readable.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import type { PeriodRow } from '../organisations.queries';
import { archiveInput } from '../organisations.schema';

export async function archivePeriod(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<PeriodRow>> {
  authorize(ctx.actor, canStructure(ctx.actor, 'archive', organisationId));
  const parsed = parseInput(archiveInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const { before, after } = await updateVersioned<PeriodRow & Record<string, unknown>>(trx, 'periods', { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'period',
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok(after);
  });
}
