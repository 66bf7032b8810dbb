// Changes a direction text, refusing an edit based on a stale version.
import { recordAudit } from '../../../core/audit';
import { openCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { ConflictError, invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { directionColumns, findDirection, type DirectionRow } from '../goals.queries';
import { checkDirection, directionConflict, isDuplicateDirection } from '../goals.rules';
import { directionUpdate } from '../goals.schema';

export async function updateDirection(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<DirectionRow>> {
  const parsed = openCommand(ctx, { allowed: canPlan(ctx.actor, 'update', organisationId), schema: directionUpdate, input });
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const existing = await loadCurrent(findDirection(trx, organisationId, id), data.version, (current) => directionConflict(new ConflictError({ ...current }, []), data));
      if (existing.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
      const errors = await checkDirection(trx, ctx.t, organisationId, data, existing);
      if (errors) return invalid(errors);
      let changed: { before: DirectionRow; after: DirectionRow };
      try {
        changed = await updateVersioned<DirectionRow & Record<string, unknown>>(trx, 'directions', { id, organisationId }, data.version, {
          body_id: data.bodyId,
          year: data.year,
          title: data.title,
          body: data.body,
        });
      } catch (err) {
        if (err instanceof ConflictError) throw directionConflict(err, data);
        throw err;
      }
      const after = pick(changed.after);
      await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'direction', entityId: id, ...diff(pick(changed.before), after) });
      return ok(after as unknown as DirectionRow);
    });
  } catch (err) {
    if (isDuplicateDirection(err)) return invalid({ year: ctx.t('directions.error.exists', { year: data.year }) });
    throw err;
  }
}

/** The row without its generated search vector. */
const pick = (row: DirectionRow): Record<string, unknown> => Object.fromEntries(directionColumns.map((c) => [c, row[c]]));
