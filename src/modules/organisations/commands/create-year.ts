// Opens a budget year (budgetår), to which goals, assignments and follow-up periods then belong.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canStructure } from '../organisations.policy';
import { findYear, type YearRow } from '../organisations.queries';
import { yearInput } from '../organisations.schema';

export async function createYear(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<YearRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'create', organisationId), schema: yearInput, input }, async (trx, data) => {
    // (organisation_id, year) is unique over archived rows too, so any existing row blocks a new one.
    const taken = await trx.selectFrom('years').select('id').where('organisation_id', '=', organisationId).where('year', '=', data.year).executeTakeFirst();
    if (taken) return invalid({ year: ctx.t('years.error.exists', { year: data.year }) });
    const { id } = await trx
      .insertInto('years')
      .values({ organisation_id: organisationId, year: data.year, status: data.status, archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = (await findYear(trx, organisationId, id))!;
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'year', entityId: id, after: { year: row.year, status: row.status } });
    return ok(row);
  });
}
