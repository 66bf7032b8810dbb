// Creates a body (a committee, company, office, external actor …) in the organisation's tree.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { canStructure } from '../organisations.policy';
import { findBody, findBodyByName, type BodyRow } from '../organisations.queries';
import { bodyValues } from '../organisations.rules';
import { bodyInput } from '../organisations.schema';

export async function createBody(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<BodyRow>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'create', organisationId), schema: bodyInput, input }, async (trx, data) => {
    if (data.parentId && !(await findBody(trx, organisationId, data.parentId))) return invalid({ parentId: ctx.t('bodies.error.parent') });
    if (await findBodyByName(trx, organisationId, data.name)) return invalid({ name: ctx.t('bodies.error.name_taken') });
    const row = await trx
      .insertInto('bodies')
      .values({
        organisation_id: organisationId,
        ...bodyValues(data),
        archived_at: null,
      })
      .returning(['id', 'organisation_id', 'parent_id', 'kind', 'name', 'short_name', 'description', 'version', 'archived_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'body', entityId: row.id, after: row });
    return ok(row);
  });
}
