// Moves an assignment along its lifecycle, writing the status history and the audit trail in one transaction.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import { actorId, actorLabel, type Ctx } from '../../../core/context';
import { ConflictError, invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent, updateVersioned } from '../../../core/versioned';
import { canAssignment, transition } from '../assignments.policy';
import { ASSIGNMENT_COLUMNS, findAssignment, type AssignmentRow } from '../assignments.queries';
import { statusChangeInput } from '../assignments.schema';

export async function changeAssignmentStatus(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<AssignmentRow>> {
  return runCommand(ctx, { allowed: canAssignment(ctx.actor, 'status', organisationId), schema: statusChangeInput, input, id }, async (trx, data) => {
    const locked = trx.selectFrom('assignments').select(ASSIGNMENT_COLUMNS).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
    // Judge the step against the status the user saw; if someone moved it since, say so instead.
    const current = await loadCurrent(locked, data.version, (row) => new ConflictError({ ...row }, ['status']));
    const step = transition(current.status, data.status);
    if (!step) {
      return invalid({
        status: ctx.t('assignments.error.transition', { from: ctx.t(`assignment.status.${current.status}`), to: ctx.t(`assignment.status.${data.status}`) }),
      });
    }
    if (step.commentRequired && !data.comment) return invalid({ comment: ctx.t('assignments.error.comment_required') });
    await updateVersioned(trx, 'assignments', { id, organisationId }, data.version, { status: data.status });
    await trx
      .insertInto('assignment_status_changes')
      .values({
        organisation_id: organisationId,
        assignment_id: id,
        from_status: current.status,
        to_status: data.status,
        comment: data.comment,
        decision_reference: data.decisionReference,
        changed_by: actorId(ctx.actor),
        changed_by_label: actorLabel(ctx.actor),
      })
      .execute();
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: 'status',
      entityType: 'assignment',
      entityId: id,
      before: { status: current.status },
      after: { status: data.status, comment: data.comment, decision_reference: data.decisionReference },
    });
    return ok((await findAssignment(trx, organisationId, id))!);
  });
}
