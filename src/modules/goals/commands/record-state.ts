// Publishing and archiving, shared by goals and direction texts: the two differ only in their table,
// how they are loaded and shown, and what must hold before one is archived or restored.
import { recordAudit } from '../../../core/audit';
import type { Ctx } from '../../../core/context';
import type { Executor } from '../../../core/db/schema';
import { ConflictError, invalid, notFound, ok, type CommandResult, type FieldErrors } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import { updateVersioned } from '../../../core/versioned';
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

/** Publishes a record or takes it back from the public view. */
export async function setPublished<R extends PlanRecord>(ctx: Ctx, kind: PlanRecordKind<R>, organisationId: string, id: string, input: unknown, unpublish: boolean): Promise<CommandResult<R>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'publish', organisationId));
  const parsed = parseInput(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const record = await kind.find(trx, organisationId, id);
    if (!record) throw notFound();
    // Publishing says "this text is what was adopted", so it must be the text the user saw.
    if (record.version !== parsed.data.version) throw new ConflictError(kind.json(record) as Record<string, unknown>, []);
    if (record.archived_at !== null) return invalid({ _form: ctx.t('goals.error.archived') });
    if ((record.published_at !== null) === !unpublish) return ok(record);
    const { before, after } = await updateVersioned<R & Record<string, unknown>>(trx, kind.table, { id, organisationId }, parsed.data.version, {
      published_at: unpublish ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: unpublish ? 'unpublish' : 'publish',
      entityType: kind.entityType,
      entityId: id,
      before: { published_at: before.published_at },
      after: { published_at: after.published_at },
    });
    return ok({ ...record, published_at: after.published_at, version: after.version, updated_at: after.updated_at });
  });
}

/**
 * Archives or restores a record. Records law: nothing is deleted. `refuse` says why this record may
 * not be archived (or restored) now, if it may not.
 */
export async function setArchived<R extends PlanRecord>(
  ctx: Ctx,
  kind: PlanRecordKind<R>,
  organisationId: string,
  id: string,
  input: unknown,
  restore: boolean,
  refuse: (trx: Executor, record: R) => Promise<FieldErrors | undefined>,
): Promise<CommandResult<R>> {
  authorize(ctx.actor, canPlan(ctx.actor, 'archive', organisationId));
  const parsed = parseInput(versionInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute(async (trx) => {
    const record = await kind.find(trx, organisationId, id);
    if (!record) throw notFound();
    const refusal = await refuse(trx, record);
    if (refusal) return invalid(refusal);
    const { before, after } = await updateVersioned<R & Record<string, unknown>>(trx, kind.table, { id, organisationId }, parsed.data.version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: kind.entityType,
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok({ ...record, archived_at: after.archived_at, version: after.version, updated_at: after.updated_at });
  });
}
