// Publishing and archiving, shared by goals and direction texts: the two differ only in their table,
// how they are loaded and shown, and what must hold before one is archived or restored.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import type { Executor } from '../../../core/db/schema';
import { ConflictError, invalid, ok, type CommandResult, type FieldErrors } from '../../../core/errors';
import { loadCurrent, updateVersioned } from '../../../core/versioned';
import { canPlan } from '../goals.policy';
import { versionInput } from '../goals.schema';

interface PlanRecord {
  version: number;
  published_at: Date | null;
  archived_at: Date | null;
  updated_at: Date;
}

export interface PlanRecordKind<R extends PlanRecord> {
  table: 'goals' | 'directions';
  entityType: 'goal' | 'direction';
  find: (trx: Executor, organisationId: string, id: string) => Promise<R | undefined>;
  /** The record as the API shows it, for a conflict answer. */
  json: (record: R) => unknown;
}

type Step = { action: 'publish' | 'unpublish' | 'archive' | 'restore'; column: 'published_at' | 'archived_at'; value: Date | null };

/**
 * One change of state: load the record, let `check` answer instead (a refusal, or nothing to do),
 * else set the column on the version the user saw and write the audit entry, in one transaction.
 */
async function changeState<R extends PlanRecord>(
  ctx: Ctx,
  kind: PlanRecordKind<R>,
  organisationId: string,
  id: string,
  input: unknown,
  step: Step,
  check: (trx: Executor, record: R, version: number) => Promise<CommandResult<R> | undefined>,
): Promise<CommandResult<R>> {
  const allowed = canPlan(ctx.actor, step.column === 'published_at' ? 'publish' : 'archive', organisationId);
  return runCommand(ctx, { allowed, schema: versionInput, input }, async (trx, { version }) => {
    const record = await loadCurrent(kind.find(trx, organisationId, id));
    const answer = await check(trx, record, version);
    if (answer) return answer;
    const { before, after } = await updateVersioned<R & Record<string, unknown>>(trx, kind.table, { id, organisationId }, version, { [step.column]: step.value });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: step.action,
      entityType: kind.entityType,
      entityId: id,
      before: { [step.column]: before[step.column] },
      after: { [step.column]: after[step.column] },
    });
    return ok({ ...record, [step.column]: after[step.column], version: after.version, updated_at: after.updated_at });
  });
}

/** Publishes a record or takes it back from the public view. */
export function setPublished<R extends PlanRecord>(ctx: Ctx, kind: PlanRecordKind<R>, organisationId: string, id: string, input: unknown, unpublish: boolean): Promise<CommandResult<R>> {
  const step: Step = { action: unpublish ? 'unpublish' : 'publish', column: 'published_at', value: unpublish ? null : new Date() };
  return changeState(ctx, kind, organisationId, id, input, step, async (_trx, record, version) => {
    // Publishing says "this text is what was adopted", so it must be the text the user saw.
    if (record.version !== version) throw new ConflictError(kind.json(record) as Record<string, unknown>, []);
    if (record.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
    return (record.published_at !== null) === !unpublish ? ok(record) : undefined;
  });
}

/**
 * Archives or restores a record. Records law: nothing is deleted. `refuse` says why this record may
 * not be archived (or restored) now, if it may not.
 */
export function setArchived<R extends PlanRecord>(
  ctx: Ctx,
  kind: PlanRecordKind<R>,
  organisationId: string,
  id: string,
  input: unknown,
  restore: boolean,
  refuse: (trx: Executor, record: R) => Promise<FieldErrors | undefined>,
): Promise<CommandResult<R>> {
  const step: Step = { action: restore ? 'restore' : 'archive', column: 'archived_at', value: restore ? null : new Date() };
  return changeState(ctx, kind, organisationId, id, input, step, async (trx, record) => {
    const refusal = await refuse(trx, record);
    return refusal ? invalid(refusal) : undefined;
  });
}
