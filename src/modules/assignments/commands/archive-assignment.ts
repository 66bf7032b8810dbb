// Archives or restores an assignment. Records law: nothing is deleted; an archived assignment keeps its history.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canAssignment } from '../assignments.policy';
import { findAssignment, type AssignmentRow } from '../assignments.queries';
import { isUuid } from '../../../core/validation';
import { versionInput } from '../assignments.schema';

export async function archiveAssignment(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<AssignmentRow>> {
  authorize(ctx.actor, canAssignment(ctx.actor, 'archive', organisationId));
  if (!isUuid(id)) throw notFound();
  const parsed = parseInput(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const { before, after } = await updateVersioned<AssignmentRow & Record<string, unknown>>(trx, 'assignments', { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'assignment',
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok((await findAssignment(trx, organisationId, id))!);
  });
}
