// Adds a follow-up period (tertial, interim or annual report …) to a budget year.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { canStructure } from '../organisations.policy';
import type { PeriodRow } from '../organisations.queries';
import { periodErrors, periodValues } from '../organisations.rules';
import { periodInput } from '../organisations.schema';

export async function createPeriod(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<PeriodRow>> {
  authorize(ctx.actor, canStructure(ctx.actor, 'create', organisationId));
  const parsed = parseInput(periodInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
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
