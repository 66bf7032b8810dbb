// Changes a follow-up period's name, kind, dates, report deadline or status, refusing stale versions.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { canStructure } from '../organisations.policy';
import { findPeriod, type PeriodRow } from '../organisations.queries';
import { periodErrors, periodValues } from '../organisations.rules';
import { periodUpdate } from '../organisations.schema';

export async function updatePeriod(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<PeriodRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: periodUpdate, input }, async (trx, data) => {
    const current = await loadCurrent(findPeriod(trx, organisationId, id));
    // Left out, the status stays; the edit form never sends it (closing and reopening are steps of their own).
    const values = { ...data, status: data.status ?? current.status };
    // Only a current version is checked against the rules; a stale one is answered as a conflict below.
    if (current.version === data.version) {
      const errors = await periodErrors(trx, organisationId, values, ctx.t, id);
      // Reopening needs an admin and a reason for the history: an edit cannot do it in passing.
      if (current.status === 'closed' && values.status === 'open') errors.status = ctx.t('periods.error.reopen_by_step', { name: current.name });
      if (Object.keys(errors).length) return invalid(errors);
    }
    const { before, after } = await updateVersioned<PeriodRow & Record<string, unknown>>(trx, 'periods', { id, organisationId }, data.version, periodValues(values));
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'period', entityId: id, ...diff(before, after) });
    return ok(pickPeriod(after));
  });
}

const pickPeriod = (r: PeriodRow): PeriodRow => ({
  id: r.id,
  organisation_id: r.organisation_id,
  year: r.year,
  kind: r.kind,
  name: r.name,
  starts_on: r.starts_on,
  ends_on: r.ends_on,
  report_due: r.report_due,
  status: r.status,
  version: r.version,
  archived_at: r.archived_at,
});
