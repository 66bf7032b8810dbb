// Reopens a closed budget year (admins only) with a stated reason, kept in the change history; its
// periods reopen too only when the admin asks for it.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import { isAdmin, type Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent, updateVersioned } from '../../../core/versioned';
import { setYearPeriods } from '../organisations.closing';
import { findYear, type YearRow } from '../organisations.queries';
import { yearReopenInput } from '../organisations.schema';

export async function reopenYear(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<YearRow>> {
  return runCommand(ctx, { allowed: isAdmin(ctx.actor, organisationId), schema: yearReopenInput, input, id }, async (trx, { reason, reopenPeriods, version }) => {
    const year = await loadCurrent(findYear(trx, organisationId, id));
    if (year.version === version && year.status !== 'closed') return invalid({ _form: ctx.t('years.error.not_closed', { year: year.year }) });
    // A reopened year is followed up again: it goes back to active, not to planning.
    const { before, after } = await updateVersioned<YearRow & Record<string, unknown>>(trx, 'years', { id, organisationId }, version, { status: 'active' });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'reopen', entityType: 'year', entityId: id, before: { status: before.status }, after: { status: after.status, reason } });
    if (reopenPeriods) await setYearPeriods(trx, ctx.actor, organisationId, year.year, 'closed', reason);
    return ok({ ...year, status: after.status, version: after.version });
  });
}
