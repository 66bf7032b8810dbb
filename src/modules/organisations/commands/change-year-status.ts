// Moves a budget year along planning → active → closed, refusing stale versions and steps back.
// Closing a year closes its open periods in the same transaction: no report is written into a closed year.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent, updateVersioned } from '../../../core/versioned';
import { setYearPeriods } from '../organisations.closing';
import { canMoveYear, canStructure } from '../organisations.policy';
import { findYear, type YearRow } from '../organisations.queries';
import { yearStatusInput } from '../organisations.schema';

export async function changeYearStatus(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<YearRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: yearStatusInput, input }, async (trx, { status: to, version }) => {
    const year = await loadCurrent(findYear(trx, organisationId, id));
    // A stale version is a conflict even when the step itself would be allowed from the current state.
    if (year.version === version && !canMoveYear(year.status, to)) {
      return invalid({
        status: ctx.t('years.error.transition', { from: ctx.t(`year.status.${year.status}`), to: ctx.t(`year.status.${to}`) }),
      });
    }
    const { before, after } = await updateVersioned<YearRow & Record<string, unknown>>(trx, 'years', { id, organisationId }, version, { status: to });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'status', entityType: 'year', entityId: id, before: { status: before.status }, after: { status: after.status } });
    if (to === 'closed') await setYearPeriods(trx, ctx.actor, organisationId, year.year, 'open');
    return ok({ ...year, status: after.status, version: after.version });
  });
}
