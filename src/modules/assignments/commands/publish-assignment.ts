// Publishes an assignment (the public and the open-data API see it from then on) or withdraws it.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canAssignment } from '../assignments.policy';
import { findAssignment, type AssignmentRow } from '../assignments.queries';
import { versionInput } from '../assignments.schema';

export async function publishAssignment(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<AssignmentRow>> {
  authorize(ctx.actor, canAssignment(ctx.actor, 'publish', organisationId));
  const parsed = parseInput(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findAssignment(trx, organisationId, id);
    if (!existing) throw notFound();
    const { before, after } = await updateVersioned<AssignmentRow & Record<string, unknown>>(trx, 'assignments', { id, organisationId }, parsed.data.version, {
      // Publishing what is already public keeps the date the public first saw it.
      published_at: unpublish ? null : (existing.published_at ?? new Date()),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: unpublish ? 'unpublish' : 'publish',
      entityType: 'assignment',
      entityId: id,
      before: { published_at: before.published_at },
      after: { published_at: after.published_at },
    });
    return ok((await findAssignment(trx, organisationId, id))!);
  });
}
