// Archives or restores a direction text. Records law: nothing is deleted.
import type { Ctx } from '../../../core/context';
import { invalid, type CommandResult } from '../../../core/errors';
import { directionFor, findDirection, type DirectionRow } from '../goals.queries';
import { isDuplicateDirection } from '../goals.rules';
import { directionRecord } from './publish-direction';
import { setArchived } from './record-state';

export async function archiveDirection(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<DirectionRow>> {
  const refusal = (year: number) => ({ _form: ctx.t('directions.error.restore_exists', { year }) });
  try {
    return await setArchived(ctx, directionRecord, organisationId, id, input, restore, async (trx, direction) => {
      if (!restore) return undefined;
      // Restoring must not give the body two directions for the same year.
      const current = await directionFor(trx, organisationId, direction.body_id, direction.year);
      return current && current.id !== id ? refusal(direction.year) : undefined;
    });
  } catch (err) {
    if (isDuplicateDirection(err)) return invalid(refusal((await findDirection(ctx.db, organisationId, id))?.year ?? 0));
    throw err;
  }
}
