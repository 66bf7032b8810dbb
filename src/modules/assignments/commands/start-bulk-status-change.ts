// Starts moving many assignments to one status with one comment, as a background job: each change is
// then made by changeAssignmentStatus on its own (assignments.jobs.ts), so this writes only the job.
import { recordAudit } from '../../../core/audit';
import { openCommand } from '../../../core/command';
import { actorId, type Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { enqueueJob, jobQueued, type JobRow } from '../../../core/jobs';
import { BULK_STATUS_JOB, type BulkStatusPayload } from '../assignments.jobs';
import { canAssignment } from '../assignments.policy';
import { bulkStatusInput } from '../assignments.schema';

export async function startBulkStatusChange(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<JobRow>> {
  const parsed = openCommand(ctx, { allowed: canAssignment(ctx.actor, 'status', organisationId), schema: bulkStatusInput, input });
  if (!parsed.ok) return parsed;
  const payload: BulkStatusPayload = parsed.data;
  // Every ticked assignment must be this organisation's: refused up front rather than discovered by the job.
  const ids = [...new Set(payload.assignments.map((a) => a.id))];
  const found = await ctx.db.selectFrom('assignments').select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) return invalid({ assignments: ctx.t('assignments.bulk.error.unknown') });
  const job = await ctx.db.transaction().execute(async (trx) => {
    const job = await enqueueJob(trx, { organisationId, kind: BULK_STATUS_JOB, payload, createdBy: actorId(ctx.actor) });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: 'create',
      entityType: 'job',
      entityId: job.id,
      after: { kind: BULK_STATUS_JOB, status: payload.status, comment: payload.comment, assignments: payload.assignments.map((a) => a.id) },
    });
    return job;
  });
  jobQueued();
  return ok(job);
}
