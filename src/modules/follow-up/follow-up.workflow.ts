// The workflow status reports and goal assessments share: save a draft, submit, approve, return.
// Each step is one transaction with its audit entry; the commands name the kind and parse input.
import { sql, type RawBuilder } from 'kysely';
import { recordAudit } from '../../core/audit';
import { openCommand, runCommand } from '../../core/command';
import { actorId, isMember, type Ctx } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { AppError, ConflictError, invalid, notFound, ok, type CommandResult } from '../../core/errors';
import { diff, loadCurrent, updateVersioned } from '../../core/versioned';
import { findYearByNumber } from '../organisations';
import { STATUS_REPORT, type ItemKind, type SaveData } from './follow-up.kinds';
import { gateRefusal, mayActFor, refuse, type FollowUpAction, type PeriodStatus } from './follow-up.policy';
import { assessableGoals, findBodyRef, reportableAssignments, type BodyRef, type GoalAssessmentRow, type PeriodRow, type StatusReportRow } from './follow-up.queries';
import { returnInput, stepInput } from './follow-up.schema';
import type { ReportState } from './follow-up.tables';

export { GOAL_ASSESSMENT, STATUS_REPORT, type ItemKind, type SaveData } from './follow-up.kinds';

/** What each kind's commands return. */
export type RowOf<K extends ItemKind> = K extends typeof STATUS_REPORT ? StatusReportRow : GoalAssessmentRow;

/** The assignments or goals `body` reports on in `period` (only `targetId` when given), as id, reference and title. */
export async function reportTargets(db: Executor, kind: ItemKind, organisationId: string, period: PeriodRow, body: BodyRef, targetId?: string): Promise<{ id: string; reference: string; title: string }[]> {
  return kind.name === 'status_report'
    ? reportableAssignments(db, organisationId, period, body, targetId ? { assignmentId: targetId } : undefined)
    : assessableGoals(db, organisationId, period, body, targetId ? { goalId: targetId } : undefined);
}

type WorkflowRow = Record<string, unknown> & { id: string; body_id: string; period_id: string; state: ReportState; version: number };

const columnList = (kind: ItemKind) => sql.join(kind.columns.map((c) => sql.ref(c)));

/** The period with a share lock, so it cannot be closed while a write to it is under way. */
async function lockPeriod(trx: Executor, organisationId: string, periodId: string): Promise<PeriodRow | undefined> {
  return trx
    .selectFrom('periods')
    .select(['id', 'organisation_id', 'year', 'kind', 'name', 'starts_on', 'ends_on', 'report_due', 'status'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', periodId)
    .where('archived_at', 'is', null)
    .forShare()
    .executeTakeFirst();
}

async function findForUpdate(trx: Executor, kind: ItemKind, organisationId: string, where: RawBuilder<unknown>): Promise<WorkflowRow | undefined> {
  const r = await sql<WorkflowRow>`
    select ${columnList(kind)} from ${sql.table(kind.table)}
    where organisation_id = ${organisationId} and archived_at is null and ${where}
    for update`.execute(trx);
  return r.rows[0];
}

/**
 * A closed budget year or a closed period refuses every write, saying which: what the council has
 * received must not change afterwards. Closing a year closes its periods too; the year is checked as
 * well so that no path into a closed year is left open. The period is locked (lockPeriod), which is
 * what closing waits for; the year is read without a lock, as closing takes the year before the periods.
 */
async function refuseIfClosed(trx: Executor, organisationId: string, period: PeriodRow): Promise<void> {
  const year = await findYearByNumber(trx, organisationId, period.year);
  if (year?.status === 'closed') throw new AppError('forbidden', 'followup.error.year_closed', undefined, { year: period.year });
  if (period.status !== 'open') throw new AppError('forbidden', 'followup.error.period_closed_named', undefined, { name: period.name });
}

function gate(ctx: Ctx, action: FollowUpAction, organisationId: string, bodyId: string, state: ReportState | 'none', periodStatus: PeriodStatus): void {
  const reason = gateRefusal(action, { organisationId, bodyId, state, periodStatus });
  if (reason) refuse(ctx.actor, reason);
}

/** Saves a body's report of the kind as a draft: parses the kind's one schema, then writes. */
export async function saveItem<K extends ItemKind>(ctx: Ctx, kind: K, organisationId: string, input: unknown): Promise<CommandResult<RowOf<K>>> {
  const parsed = openCommand(ctx, { allowed: isMember(ctx.actor, organisationId), schema: kind.schema, input });
  if (!parsed.ok) return parsed;
  return writeItem(ctx, kind, organisationId, kind.toSaveData(parsed.data)) as Promise<CommandResult<RowOf<K>>>;
}

/** Creates the draft, or updates it when the version the writer read is still the current one. */
async function writeItem(ctx: Ctx, kind: ItemKind, organisationId: string, data: SaveData): Promise<CommandResult<WorkflowRow>> {
  // The body rule comes first: a reporter learns nothing about another body's reports.
  if (!mayActFor(ctx.actor, 'save', organisationId, data.bodyId)) refuse(ctx.actor);
  const changes = { [kind.valueColumn]: data.value, comment: data.comment };
  const key = sql`period_id = ${data.periodId} and body_id = ${data.bodyId} and ${sql.ref(kind.targetColumn)} = ${data.targetId}`;
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<CommandResult<WorkflowRow>> => {
      const period = await lockPeriod(trx, organisationId, data.periodId);
      if (!period) return invalid({ periodId: ctx.t('followup.error.unknown_period') });
      await refuseIfClosed(trx, organisationId, period);
      const body = await findBodyRef(trx, organisationId, data.bodyId);
      if (!body) return invalid({ bodyId: ctx.t('followup.error.unknown_body') });
      if ((await reportTargets(trx, kind, organisationId, period, body, data.targetId)).length === 0) return invalid({ [kind.targetField]: ctx.t(kind.notReportedOnKey) });
      const existing = await findForUpdate(trx, kind, organisationId, key);
      if (existing) {
        // Writing "the first report" while someone else already wrote one is a stale write too.
        if (data.version !== existing.version) throw new ConflictError(existing, changedFields(existing, changes));
        gate(ctx, 'save', organisationId, data.bodyId, existing.state, period.status);
        const { before, after } = await updateVersioned<WorkflowRow>(trx, kind.table, { id: existing.id, organisationId }, existing.version, changes);
        const row = pick(after, kind.columns);
        await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: kind.name, entityId: existing.id, ...diff(before, row) });
        return ok(row);
      }
      gate(ctx, 'save', organisationId, data.bodyId, 'none', period.status);
      const inserted = await sql<WorkflowRow>`
        insert into ${sql.table(kind.table)} (organisation_id, period_id, body_id, ${sql.ref(kind.targetColumn)}, ${sql.ref(kind.valueColumn)}, comment)
        values (${organisationId}, ${data.periodId}, ${data.bodyId}, ${data.targetId}, ${data.value}, ${data.comment})
        returning ${columnList(kind)}`.execute(trx);
      const row = inserted.rows[0]!;
      await recordAudit(trx, ctx.actor, { organisationId, action: 'create', entityType: kind.name, entityId: row.id, after: row });
      return ok(row);
    });
  } catch (err) {
    // Two first saves at once: the unique index lets one through; the other is a stale write.
    if (isUniqueViolation(err)) {
      const current = await findCurrent(ctx.db, kind, organisationId, key);
      if (current) throw new ConflictError(current, changedFields(current, changes));
    }
    throw err;
  }
}

export type Step = Exclude<FollowUpAction, 'save'>;

/** Moves a report along draft → submitted → approved, or back from submitted to draft. */
export async function stepItem<K extends ItemKind>(ctx: Ctx, kind: K, step: Step, organisationId: string, id: string, input: unknown): Promise<CommandResult<RowOf<K>>> {
  const schema = step === 'return' ? returnInput : stepInput;
  return runCommand(ctx, { allowed: isMember(ctx.actor, organisationId), schema, input, id }, async (trx, data): Promise<CommandResult<RowOf<K>>> => {
    const existing = await loadCurrent(findForUpdate(trx, kind, organisationId, sql`id = ${id}`));
    if (!mayActFor(ctx.actor, step, organisationId, existing.body_id)) refuse(ctx.actor);
    if (data.version !== existing.version) throw new ConflictError(existing, ['state']);
    const period = await lockPeriod(trx, organisationId, existing.period_id);
    if (!period) throw notFound();
    await refuseIfClosed(trx, organisationId, period);
    gate(ctx, step, organisationId, existing.body_id, existing.state, period.status);
    const now = new Date();
    const who = actorId(ctx.actor);
    const changes: Record<string, unknown> =
      step === 'submit'
        ? { state: 'submitted', submitted_at: now, submitted_by: who, return_comment: '' }
        : step === 'approve'
          ? { state: 'approved', approved_at: now, approved_by: who }
          : { state: 'draft', submitted_at: null, submitted_by: null, return_comment: 'returnComment' in data ? data.returnComment : '' };
    const { before, after } = await updateVersioned<WorkflowRow>(trx, kind.table, { id, organisationId }, existing.version, changes);
    const row = pick(after, kind.columns);
    await recordAudit(trx, ctx.actor, { organisationId, action: step, entityType: kind.name, entityId: id, ...diff(before, row) });
    return ok(row as unknown as RowOf<K>);
  });
}

async function findCurrent(db: Executor, kind: ItemKind, organisationId: string, where: RawBuilder<unknown>): Promise<WorkflowRow | undefined> {
  const r = await sql<WorkflowRow>`select ${columnList(kind)} from ${sql.table(kind.table)} where organisation_id = ${organisationId} and archived_at is null and ${where}`.execute(db);
  return r.rows[0];
}

function changedFields(current: Record<string, unknown>, changes: Record<string, unknown>): string[] {
  return Object.keys(changes).filter((f) => current[f] !== changes[f]);
}

// updateVersioned returns every column, the generated search vector included; the API and the
// audit trail get the record's own fields only.
function pick(row: Record<string, unknown>, columns: readonly string[]): WorkflowRow {
  return Object.fromEntries(columns.map((c) => [c, row[c]])) as WorkflowRow;
}

function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === '23505';
}
