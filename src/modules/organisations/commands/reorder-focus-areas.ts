// Puts the active focus areas in a new order, the order in which they are shown and reported.
import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { ConflictError, ok, type CommandResult } from '../../../core/errors';
import { canStructure } from '../organisations.policy';
import { listFocusAreas, type FocusAreaRow } from '../organisations.queries';
import { focusAreaOrder } from '../organisations.schema';

const STEP = 10;

export async function reorderFocusAreas(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<FocusAreaRow[]>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'update', organisationId), schema: focusAreaOrder, input }, async (trx, { ids }) => {
    // Lock the rows, so two reorders cannot interleave.
    await trx.selectFrom('focus_areas').select('id').where('organisation_id', '=', organisationId).where('archived_at', 'is', null).forUpdate().execute();
    const current = await listFocusAreas(trx, organisationId);
    const currentIds = current.map((f) => f.id);
    // The order must name exactly today's focus areas: one added or archived meanwhile is a conflict, not a guess.
    if (ids.length !== currentIds.length || new Set(ids).size !== ids.length || !ids.every((id) => currentIds.includes(id))) {
      throw new ConflictError({ ids: currentIds }, ['ids']);
    }
    const byId = new Map(current.map((f) => [f.id, f]));
    for (const [i, id] of ids.entries()) {
      const before = byId.get(id)!;
      const sortOrder = (i + 1) * STEP;
      if (before.sort_order === sortOrder) continue;
      await trx
        .updateTable('focus_areas')
        .set({ sort_order: sortOrder, version: sql`version + 1`, updated_at: sql`now()` })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'focus_area', entityId: id, before: { sort_order: before.sort_order }, after: { sort_order: sortOrder } });
    }
    return ok(await listFocusAreas(trx, organisationId));
  });
}
