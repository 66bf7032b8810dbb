// Reopens a closed follow-up period (admins only) with a stated reason, kept in the change history.
// A period of a closed year stays closed: the year is reopened first.
import { runCommand } from '../../../core/command';
import { isAdmin, type Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent } from '../../../core/versioned';
import { setPeriodStatus } from '../organisations.closing';
import { periodsEditable } from '../organisations.policy';
import { findPeriod, findYearByNumber, type PeriodRow } from '../organisations.queries';
import { periodReopenInput } from '../organisations.schema';

export async function reopenPeriod(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<PeriodRow>> {
  return runCommand(ctx, { allowed: isAdmin(ctx.actor, organisationId), schema: periodReopenInput, input, id }, async (trx, { reason, version }) => {
    const period = await loadCurrent(findPeriod(trx, organisationId, id));
    if (period.version === version) {
      if (period.status !== 'closed') return invalid({ _form: ctx.t('periods.error.not_closed', { name: period.name }) });
      const year = await findYearByNumber(trx, organisationId, period.year);
      if (year && !periodsEditable(year.status)) return invalid({ _form: ctx.t('periods.error.reopen_year_first', { name: period.name, year: period.year }) });
    }
    const after = await setPeriodStatus(trx, ctx.actor, organisationId, id, version, 'open', reason);
    return ok({ ...period, status: 'open', version: after.version as number });
  });
}
