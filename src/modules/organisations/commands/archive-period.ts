// Archives or restores a follow-up period. Records law: nothing is deleted; its reports stay readable.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { PeriodRow } from '../organisations.queries';
import { archiveStructure } from '../organisations.rules';

export function archivePeriod(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<PeriodRow>> {
  return archiveStructure<PeriodRow>(ctx, organisationId, id, input, restore, { table: 'periods', entityType: 'period' });
}
