// Checks and guarded writes shared by several commands: archiving a structure record, a period against
// its budget year, a user's bodies, and updates of user rows that never let the password hash out.
import { sql } from 'kysely';
import { recordAudit } from '../../core/audit';
import { runCommand } from '../../core/command';
import type { Ctx } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { ConflictError, invalid, ok, type CommandResult, type FieldErrors } from '../../core/errors';
import type { Translate } from '../../core/i18n';
import { updateVersioned } from '../../core/versioned';
import { canStructure, periodsEditable, roleHoldsBodies } from './organisations.policy';
import { activeBodyIds, findPeriodByName, findYearByNumber } from './organisations.queries';
import { archiveInput, type BodyInput, type PeriodInput } from './organisations.schema';

export interface Archivable {
  table: 'bodies' | 'periods' | 'focus_areas';
  /** The record's kind in the change history. */
  entityType: string;
  /** Reasons the step may not be taken now, judged inside the transaction; none when it may. */
  refuse?: (trx: Executor) => Promise<FieldErrors | undefined>;
}

/**
 * Archives (or restores) a body, period or focus area. Records law: nothing is deleted; an archived
 * record keeps its history and what refers to it stays readable.
 */
export async function archiveStructure<Row>(ctx: Ctx, organisationId: string, id: string, input: unknown, restore: boolean, what: Archivable): Promise<CommandResult<Row>> {
  return runCommand(ctx, { allowed: canStructure(ctx.actor, 'archive', organisationId), schema: archiveInput, input }, async (trx, { version }) => {
    const refused = await what.refuse?.(trx);
    if (refused) return invalid(refused);
    const { before, after } = await updateVersioned<Row & Record<string, unknown>>(trx, what.table, { id, organisationId }, version, {
      archived_at: restore ? null : new Date(),
    });
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: what.entityType,
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at },
    });
    return ok(after as Row);
  });
}

/** A body's columns as a create or an update writes them. */
export const bodyValues = (data: BodyInput) => ({ name: data.name, short_name: data.shortName, kind: data.kind, parent_id: data.parentId ?? null, description: data.description });

/** A period's columns as a create or an update writes them. */
export const periodValues = (data: PeriodInput) => ({
  year: data.year,
  kind: data.kind,
  name: data.name,
  starts_on: data.startsOn,
  ends_on: data.endsOn,
  report_due: data.reportDue ?? null,
  status: data.status,
});

/** Field errors for a period's year and dates; empty when the period fits its year. */
export async function periodErrors(db: Executor, organisationId: string, data: PeriodInput, t: Translate, exceptId?: string): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const year = await findYearByNumber(db, organisationId, data.year);
  if (!year) errors.year = t('periods.error.no_year', { year: data.year });
  else if (!periodsEditable(year.status)) errors.year = t('periods.error.year_closed', { year: data.year });
  // ISO dates compare correctly as text.
  const first = `${data.year}-01-01`;
  const last = `${data.year}-12-31`;
  if (data.startsOn < first || data.startsOn > last) errors.startsOn = t('periods.error.outside_year', { year: data.year });
  if (data.endsOn < data.startsOn) errors.endsOn = t('periods.error.ends_before_start');
  else if (data.endsOn > last) errors.endsOn = t('periods.error.outside_year', { year: data.year });
  if (data.reportDue && data.reportDue < data.startsOn) errors.reportDue = t('periods.error.due_before_start');
  const sameName = await findPeriodByName(db, organisationId, data.year, data.name);
  if (sameName && sameName.id !== exceptId) errors.name = t('periods.error.name_taken', { year: data.year });
  return errors;
}

/** The bodies a user of `role` will hold, or a field error: a reporter needs at least one active body. */
export async function userBodyErrors(db: Executor, organisationId: string, role: string, bodyIds: readonly string[], t: Translate): Promise<FieldErrors> {
  if (!roleHoldsBodies(role)) return {};
  if (!bodyIds.length) return { bodyIds: t('users.error.reporter_needs_body') };
  const found = await activeBodyIds(db, organisationId, bodyIds);
  const missing = bodyIds.filter((id) => !found.has(id));
  return missing.length ? { bodyIds: t('users.error.body_gone') } : {};
}

/**
 * Makes the user's active bodies exactly `bodyIds`. A removed link is archived, not deleted, so who
 * could report for which body stays on record; adding it again brings the same row back.
 */
export async function setUserBodies(trx: Executor, organisationId: string, userId: string, bodyIds: readonly string[]): Promise<void> {
  const wanted = new Set(bodyIds);
  const rows = await trx.selectFrom('user_bodies').select(['body_id', 'archived_at']).where('user_id', '=', userId).where('organisation_id', '=', organisationId).execute();
  for (const row of rows) {
    if (row.archived_at === null && !wanted.has(row.body_id)) {
      await trx.updateTable('user_bodies').set({ archived_at: sql`now()` }).where('user_id', '=', userId).where('body_id', '=', row.body_id).execute();
    } else if (row.archived_at !== null && wanted.has(row.body_id)) {
      await trx.updateTable('user_bodies').set({ archived_at: null }).where('user_id', '=', userId).where('body_id', '=', row.body_id).execute();
    }
  }
  const known = new Set(rows.map((r) => r.body_id));
  for (const bodyId of wanted) {
    if (!known.has(bodyId)) await trx.insertInto('user_bodies').values({ organisation_id: organisationId, user_id: userId, body_id: bodyId, archived_at: null }).execute();
  }
}

type UserFields = Record<string, unknown>;
const withoutSecret = ({ password_hash: _hash, ...rest }: UserFields): UserFields => rest;

/**
 * updateVersioned for a user row. The row it reads holds the password hash; that must reach
 * neither a conflict answer (sent to the API caller) nor the audit trail.
 */
export async function updateUserVersioned(trx: Executor, organisationId: string, id: string, version: number, changes: UserFields): Promise<{ before: UserFields; after: UserFields }> {
  try {
    const { before, after } = await updateVersioned<UserFields>(trx, 'users', { id, organisationId }, version, changes);
    return { before: withoutSecret(before), after: withoutSecret(after) };
  } catch (err) {
    if (err instanceof ConflictError) throw new ConflictError(withoutSecret(err.current), err.changedFields.filter((f) => f !== 'password_hash'));
    throw err;
  }
}
