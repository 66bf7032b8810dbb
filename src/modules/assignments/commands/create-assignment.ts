// Creates an assignment with its responsible bodies, focus areas and goals; its lifecycle starts at "new".
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import { actorId, actorLabel, type Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { checkReferences, columnsOf, linksOf, writeLinks } from '../assignments.links';
import { canAssignment } from '../assignments.policy';
import { findAssignment, type AssignmentRow } from '../assignments.queries';
import { assignmentInput } from '../assignments.schema';

export async function createAssignment(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<AssignmentRow>> {
  return runCommand(ctx, { allowed: canAssignment(ctx.actor, 'create', organisationId), schema: assignmentInput, input }, async (trx, data) => {
    const errors = await checkReferences(trx, ctx, organisationId, data);
    if (Object.keys(errors).length) return invalid(errors);
    const { id } = await trx
      .insertInto('assignments')
      .values({ organisation_id: organisationId, ...columnsOf(data), published_at: null, archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const links = linksOf(data);
    await writeLinks(trx, organisationId, id, links, null);
    // The history starts with the assignment, so every status on the detail page has a row.
    await trx
      .insertInto('assignment_status_changes')
      .values({ organisation_id: organisationId, assignment_id: id, from_status: null, to_status: 'new', changed_by: actorId(ctx.actor), changed_by_label: actorLabel(ctx.actor) })
      .execute();
    const row = (await findAssignment(trx, organisationId, id))!;
    await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: 'assignment', entityId: id, after: { ...row, ...links } });
    return ok(row);
  });
}
