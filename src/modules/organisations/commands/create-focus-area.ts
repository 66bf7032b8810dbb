// Adds a focus area (fokusområde), a theme that goals, positions and signals are tagged with.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canStructure } from '../organisations.policy';
import { findFocusAreaByName, nextFocusAreaOrder, type FocusAreaRow } from '../organisations.queries';
import { focusAreaInput } from '../organisations.schema';

export async function createFocusArea(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<FocusAreaRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'create', organisationId), schema: focusAreaInput, input }, async (trx, data) => {
    if (await findFocusAreaByName(trx, organisationId, data.name)) return invalid({ name: ctx.t('focus_areas.error.name_taken') });
    const row = await trx
      .insertInto('focus_areas')
      .values({
        organisation_id: organisationId,
        name: data.name,
        description: data.description,
        sort_order: data.sortOrder ?? (await nextFocusAreaOrder(trx, organisationId)),
        archived_at: null,
      })
      .returning(['id', 'organisation_id', 'name', 'description', 'sort_order', 'version', 'archived_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'focus_area', entityId: row.id, after: row });
    return ok(row);
  });
}
