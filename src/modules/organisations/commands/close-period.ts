// Closes a follow-up period: its reports can then no longer be written or changed. Staff take the step
// (on the pages after a confirmation); only an admin can reopen it.
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent } from '../../../core/versioned';
import { setPeriodStatus } from '../organisations.closing';
import { canStructure } from '../organisations.policy';
import { findPeriod, type PeriodRow } from '../organisations.queries';
import { periodCloseInput } from '../organisations.schema';

export async function closePeriod(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<PeriodRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: periodCloseInput, input, id }, async (trx, { version }) => {
    const period = await loadCurrent(findPeriod(trx, organisationId, id));
    if (period.version === version && period.status !== 'open') return invalid({ _form: ctx.t('periods.error.already_closed', { name: period.name }) });
    const after = await setPeriodStatus(trx, ctx.actor, organisationId, id, version, 'closed');
    return ok({ ...period, status: 'closed', version: after.version as number });
  });
}
