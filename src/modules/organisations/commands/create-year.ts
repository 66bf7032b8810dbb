// Opens a budget year (budgetår), to which goals, assignments and follow-up periods then belong.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { canStructure } from '../organisations.policy';
import { findYear, type YearRow } from '../organisations.queries';
import { yearInput } from '../organisations.schema';

export async function createYear(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<YearRow>> {
  authorize(ctx.actor, canStructure(ctx.actor, 'create', organisationId));
  const parsed = parseInput(yearInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
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
