// Closing and reopening years and periods: the status changes that decide whether follow-up reports can
// still be written. Each period changed gets its own audit entry, in the transaction that changes it.
import { recordAudit } from '../../core/audit';
import type { Actor } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { updateVersioned } from '../../core/versioned';
import type { PeriodStatus } from './organisations.tables';

/** A period whose status changed: the history names it by the name the pages show. */
export interface ChangedPeriod {
  id: string;
  name: string;
}

/**
 * Moves every period of `year` that is in status `from` to the other status, each with its audit entry
 * (with the reason, when one was given). Archived periods close too, so one restored later is not an
 * open period in a closed year; reopening leaves archived ones as they are.
 */
export async function setYearPeriods(
  trx: Executor,
  actor: Actor,
  organisationId: string,
  year: number,
  from: PeriodStatus,
  reason?: string,
): Promise<ChangedPeriod[]> {
  const to: PeriodStatus = from === 'open' ? 'closed' : 'open';
  let q = trx.selectFrom('periods').select(['id', 'name', 'version']).where('organisation_id', '=', organisationId).where('year', '=', year).where('status', '=', from);
  if (to === 'open') q = q.where('archived_at', 'is', null);
  const periods = await q.orderBy('ends_on').orderBy('name').forUpdate().execute();
  for (const p of periods) await setPeriodStatus(trx, actor, organisationId, p.id, p.version, to, reason);
  return periods.map((p) => ({ id: p.id, name: p.name }));
}

/** One period's status change with its audit entry ('close' or 'reopen'); a stale version is a conflict. */
export async function setPeriodStatus(trx: Executor, actor: Actor, organisationId: string, id: string, version: number, to: PeriodStatus, reason?: string): Promise<Record<string, unknown>> {
  const { before, after } = await updateVersioned<Record<string, unknown>>(trx, 'periods', { id, organisationId }, version, { status: to });
  await recordAudit(trx, actor, {
    organisationId,
    action: to === 'closed' ? 'close' : 'reopen',
    entityType: 'period',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status, ...(reason ? { reason } : {}) },
  });
  return after;
}
