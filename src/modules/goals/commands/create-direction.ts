// Writes a body's direction text (inriktning) for a budget year; one per body and year.
import { recordAudit } from '../../../core/audit';
import { openCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canPlan } from '../goals.policy';
import { directionColumns, type DirectionRow } from '../goals.queries';
import { checkDirection, isDuplicateDirection } from '../goals.rules';
import { directionInput } from '../goals.schema';

export async function createDirection(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<DirectionRow>> {
  const parsed = openCommand(ctx, { allowed: canPlan(ctx.actor, 'create', organisationId), schema: directionInput, input });
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const errors = await checkDirection(trx, ctx.t, organisationId, data);
      if (errors) return invalid(errors);
      const row = await trx
        .insertInto('directions')
        .values({ organisation_id: organisationId, body_id: data.bodyId, year: data.year, title: data.title, body: data.body, published_at: null, archived_at: null })
        .returning(directionColumns)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'direction', entityId: row.id, after: row });
      return ok(row);
    });
  } catch (err) {
    if (isDuplicateDirection(err)) return invalid({ year: ctx.t('directions.error.exists', { year: data.year }) });
    throw err;
  }
}
