// Changes an assignment's facts and links, refusing a stale version; the status changes only through change-assignment-status.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../../core/versioned';
import { checkReferences, columnsOf, linksOf, writeLinks } from '../assignments.links';
import { canAssignment } from '../assignments.policy';
import { findAssignment, linkIds, todayInSweden, type AssignmentRow } from '../assignments.queries';
import { assignmentUpdate } from '../assignments.schema';

export async function updateAssignment(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<AssignmentRow>> {
  return runCommand(ctx, { allowed: canAssignment(ctx.actor, 'update', organisationId), schema: assignmentUpdate, input }, async (trx, data) => {
    const existing = await loadCurrent(findAssignment(trx, organisationId, id));
    const linksBefore = await linkIds(trx, organisationId, id);
    // Checked before any write: a refusal must leave the record as it was.
    const errors = await checkReferences(trx, ctx, organisationId, data, { ...linksBefore, issuerBodyId: existing.issuer_body_id });
    if (Object.keys(errors).length) return invalid(errors);
    const { before, after } = await updateVersioned<AssignmentRow & Record<string, unknown>>(trx, 'assignments', { id, organisationId }, data.version, columnsOf(data));
    const linksAfter = linksOf(data);
    await writeLinks(trx, organisationId, id, linksAfter, todayInSweden());
    const changes = diff({ ...before, ...linksBefore }, { ...after, ...linksAfter });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'assignment', entityId: id, ...changes });
    return ok((await findAssignment(trx, organisationId, id))!);
  });
}
