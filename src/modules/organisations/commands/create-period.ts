// Adds a follow-up period (tertial, interim or annual report …) to a budget year.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canStructure } from '../organisations.policy';
import type { PeriodRow } from '../organisations.queries';
import { periodErrors, periodValues } from '../organisations.rules';
import { periodInput } from '../organisations.schema';

export async function createPeriod(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<PeriodRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'create', organisationId), schema: periodInput, input }, async (trx, data) => {
    const errors = await periodErrors(trx, organisationId, data, ctx.t);
    if (Object.keys(errors).length) return invalid(errors);
    const row = await trx
      .insertInto('periods')
      .values({
        organisation_id: organisationId,
        ...periodValues(data),
        archived_at: null,
      })
      .returning(['id', 'organisation_id', 'year', 'kind', 'name', 'starts_on', 'ends_on', 'report_due', 'status', 'version', 'archived_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'period', entityId: row.id, after: row });
    return ok(row);
  });
}
