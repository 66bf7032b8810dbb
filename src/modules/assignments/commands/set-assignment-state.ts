// Publishing and archiving are the same write: one timestamp set or cleared on a version that was read, with its audit row.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import { notFound, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { isUuid, parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
import { canAssignment, type AssignmentAction } from '../assignments.policy';
import { findAssignment, type AssignmentRow } from '../assignments.queries';
import { versionInput } from '../assignments.schema';

export interface StateStep {
  /** Who may take the step. */
  permission: AssignmentAction;
  /** The audit action: publish, unpublish, archive or restore. */
  action: string;
  column: 'published_at' | 'archived_at';
  /** The column's new value, given the assignment as it is. */
  value: (existing: AssignmentRow) => Date | null;
}

export async function setAssignmentState(ctx: Ctx, organisationId: string, id: string, input: unknown, step: StateStep): Promise<CommandResult<AssignmentRow>> {
  authorize(ctx.actor, canAssignment(ctx.actor, step.permission, organisationId));
  if (!isUuid(id)) throw notFound();
  const parsed = parseInput(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findAssignment(trx, organisationId, id);
    if (!existing) throw notFound();
    const { before, after } = await updateVersioned<AssignmentRow & Record<string, unknown>>(trx, 'assignments', { id, organisationId }, parsed.data.version, {
      [step.column]: step.value(existing),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: step.action,
      entityType: 'assignment',
      entityId: id,
      before: { [step.column]: before[step.column] },
      after: { [step.column]: after[step.column] },
    });
    return ok((await findAssignment(trx, organisationId, id))!);
  });
}
