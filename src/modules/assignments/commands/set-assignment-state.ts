// Publishing and archiving are the same write: one timestamp set or cleared on a version that was read, with its audit row.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { ok, type CommandResult } from '../../../core/errors';
import { loadCurrent, updateVersioned } from '../../../core/versioned';
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
  return runCommand(ctx, { allowed: canAssignment(ctx.actor, step.permission, organisationId), schema: versionInput, input, id }, async (trx, data) => {
    const existing = await loadCurrent(findAssignment(trx, organisationId, id));
    const { before, after } = await updateVersioned<AssignmentRow & Record<string, unknown>>(trx, 'assignments', { id, organisationId }, data.version, {
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
