// Archives or restores a body. Records law: nothing is deleted; an archived body keeps its history.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { BodyRow } from '../organisations.queries';
import { archiveStructure } from '../organisations.rules';

export function archiveBody(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<BodyRow>> {
  return archiveStructure<BodyRow>(ctx, organisationId, id, input, restore, {
    table: 'bodies',
    entityType: 'body',
    // A body with active bodies under it would leave them hanging from an archived parent.
    refuse: async (trx) => {
      if (restore) return undefined;
      const child = await trx.selectFrom('bodies').select('id').where('organisation_id', '=', organisationId).where('parent_id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
      return child ? { _form: ctx.t('bodies.error.has_children') } : undefined;
    },
  });
}
