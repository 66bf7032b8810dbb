// Archives or restores a focus area. Goals and positions tagged with it keep the tag and its history.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import { findFocusArea, findFocusAreaByName, type FocusAreaRow } from '../organisations.queries';
import { archiveStructure } from '../organisations.rules';

export function archiveFocusArea(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<FocusAreaRow>> {
  return archiveStructure<FocusAreaRow>(ctx, organisationId, id, input, restore, {
    table: 'focus_areas',
    entityType: 'focus_area',
    // Two active focus areas with one name could not be told apart when tagging.
    refuse: async (trx) => {
      if (!restore) return undefined;
      const current = await findFocusArea(trx, organisationId, id);
      const sameName = current ? await findFocusAreaByName(trx, organisationId, current.name) : undefined;
      return sameName && sameName.id !== id ? { _form: ctx.t('focus_areas.error.name_taken') } : undefined;
    },
  });
}
