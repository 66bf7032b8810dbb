// Archives or restores a goal. Records law: nothing is deleted; an archived goal keeps its history.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { Goal } from '../goals.queries';
import { goalRecord } from './publish-goal';
import { setArchived } from './record-state';

export function archiveGoal(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<Goal>> {
  return setArchived(ctx, goalRecord, organisationId, id, input, restore, async (trx) => {
    if (restore) return undefined;
    // A sub-goal left under an archived goal would lose the goal it breaks down.
    const child = await trx.selectFrom('goals').select('id').where('organisation_id', '=', organisationId).where('parent_id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
    return child ? { _form: ctx.t('goals.error.has_sub_goals') } : undefined;
  });
}
