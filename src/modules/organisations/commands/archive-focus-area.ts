// Archives or restores a focus area. Goals and positions tagged with it keep the tag and its history.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import { findFocusArea, findFocusAreaByName, type FocusAreaRow } from '../organisations.queries';
import { archiveInput } from '../organisations.schema';

export async function archiveFocusArea(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<FocusAreaRow>> {
  authorize(ctx.actor, canStructure(ctx.actor, 'archive', organisationId));
  const parsed = parseInput(archiveInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    if (restore) {
      // Two active focus areas with one name could not be told apart when tagging.
      const current = await findFocusArea(trx, organisationId, id);
      const sameName = current ? await findFocusAreaByName(trx, organisationId, current.name) : undefined;
      if (sameName && sameName.id !== id) return invalid({ _form: ctx.t('focus_areas.error.name_taken') });
    }
    const { before, after } = await updateVersioned<FocusAreaRow & Record<string, unknown>>(trx, 'focus_areas', { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'focus_area',
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok(after);
  });
}
