// The assignments module's background jobs: moving many assignments to one status at once.
//
// Each assignment is changed by changeAssignmentStatus in its own transaction, with its history row and
// audit entry, and the job saves its checkpoint after each one; a restart resumes after the last
// checkpoint. The version each assignment had when the user ticked it makes every change happen at
// most once: a change the job committed just before it was interrupted leaves a newer version behind,
// so doing it again is refused as a conflict, and the job recognises its own change in the history.
import { AppError, ConflictError } from '../../core/errors';
import { defineJob, type Checkpoint, type Job, type JobContext } from '../../core/jobs';
import { changeAssignmentStatus } from './commands/change-assignment-status';
import { findAssignment, hasStatusChangeBy } from './assignments.queries';
import { bulkStatusInput, type BulkStatusInput } from './assignments.schema';
import type { AssignmentStatus } from './assignments.tables';

export const BULK_STATUS_JOB = 'assignments.bulk-status';

export type BulkStatusPayload = BulkStatusInput;

/** Why one assignment kept its status; the rest of the bulk change goes on. */
export type RefusalReason = 'transition' | 'comment_required' | 'conflict' | 'not_found' | 'invalid';

export interface BulkRefusal {
  id: string;
  /** Reference and title, as they were when refused. */
  label: string;
  reason: RefusalReason;
  /** The status it has (and kept). */
  from: AssignmentStatus | null;
  message?: string;
}

export interface BulkStatusCheckpoint extends Checkpoint {
  done: number;
  total: number;
  applied: number;
  refused: BulkRefusal[];
}

export interface BulkStatusResult {
  to: AssignmentStatus;
  total: number;
  applied: number;
  refused: BulkRefusal[];
}

export const bulkStatusJob = defineJob<BulkStatusPayload, BulkStatusCheckpoint, BulkStatusResult>({
  kind: BULK_STATUS_JOB,
  labelKey: 'assignments.bulk.job',
  resumable: true,
  async run(ctx, job, checkpoint) {
    const payload = bulkStatusInput.parse(job.payload);
    const items = payload.assignments;
    let cp: BulkStatusCheckpoint = checkpoint ?? { done: 0, total: items.length, applied: 0, refused: [] };
    // Only where a previous run stopped can a change be committed but missing from the checkpoint.
    const resumedAt = job.attempts > 1 ? cp.done : -1;
    for (let i = cp.done; i < items.length; i++) {
      ctx.throwIfStopping();
      const outcome = await changeOne(ctx, job, payload, items[i]!, i === resumedAt);
      cp = {
        ...cp,
        done: i + 1,
        applied: cp.applied + (outcome === 'applied' ? 1 : 0),
        refused: outcome === 'applied' ? cp.refused : [...cp.refused, outcome],
      };
      await ctx.saveCheckpoint(cp);
    }
    return { to: payload.status, total: cp.total, applied: cp.applied, refused: cp.refused };
  },
  report(result, { t, orgSlug }) {
    const to = t(`assignment.status.${result.to}`);
    const summary = t('assignments.bulk.summary', { applied: result.applied, total: result.total, count: result.total, status: to });
    return {
      summary: result.refused.length ? `${summary} ${t('assignments.bulk.summary_refused', { refused: result.refused.length })}` : summary,
      rows: result.refused.map((r) => ({
        subject: r.label || r.id,
        ...(r.reason === 'not_found' ? {} : { href: `/o/${orgSlug}/assignments/${r.id}` }),
        outcome: t(`assignments.bulk.refused.${r.reason}`, { from: r.from ? t(`assignment.status.${r.from}`) : '', to, message: r.message ?? '' }),
      })),
    };
  },
});

async function changeOne(ctx: JobContext, job: Job, payload: BulkStatusPayload, item: { id: string; version: number }, mayBeDone: boolean): Promise<'applied' | BulkRefusal> {
  const organisationId = job.organisationId;
  try {
    const result = await changeAssignmentStatus(ctx, organisationId, item.id, {
      status: payload.status,
      comment: payload.comment,
      decisionReference: payload.decisionReference,
      version: item.version,
    });
    if (result.ok) return 'applied';
    const errors = result.fieldErrors;
    const reason: RefusalReason = errors.comment ? 'comment_required' : errors.status ? 'transition' : 'invalid';
    return refusal(ctx, organisationId, item.id, reason, reason === 'invalid' ? Object.values(errors)[0] : undefined);
  } catch (err) {
    if (err instanceof ConflictError) {
      const ours = mayBeDone && (await hasStatusChangeBy(ctx.db, organisationId, item.id, { toStatus: payload.status, changedBy: job.createdBy, comment: payload.comment, since: job.createdAt }));
      return ours ? 'applied' : refusal(ctx, organisationId, item.id, 'conflict');
    }
    if (err instanceof AppError && err.kind === 'not_found') return { id: item.id, label: '', reason: 'not_found', from: null };
    throw err;
  }
}

async function refusal(ctx: JobContext, organisationId: string, id: string, reason: RefusalReason, message?: string): Promise<BulkRefusal> {
  const a = await findAssignment(ctx.db, organisationId, id);
  if (!a) return { id, label: '', reason: 'not_found', from: null };
  return { id, label: [a.reference, a.title].filter(Boolean).join(' '), reason, from: a.status, ...(message ? { message } : {}) };
}
