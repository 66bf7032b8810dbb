// Optimistic concurrency: an update names the version it was based on and fails if it is stale.
import { sql } from 'kysely';
import { ConflictError, notFound } from './errors';
import type { Executor } from './db/schema';

/**
 * Updates one row of `table` if its version is still `expectedVersion`, bumping version and
 * updated_at. Returns the row before and after. A stale version throws ConflictError carrying the
 * current row and the fields that changed since.
 */
export async function updateVersioned<T extends Record<string, unknown>>(
  trx: Executor,
  table: string,
  key: { id: string; organisationId: string },
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<{ before: T; after: T }> {
  const db = trx as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
  // Every tenant-owned table carries organisation_id; the organisations table is keyed by its own id.
  const tenant = table === 'organisations' ? 'id' : 'organisation_id';
  const before = (await db
    .selectFrom(table)
    .selectAll()
    .where('id', '=', key.id)
    .where(tenant, '=', key.organisationId)
    .forUpdate()
    .executeTakeFirst()) as T | undefined;
  if (!before) throw notFound();
  if (before.version !== expectedVersion) {
    const changedFields = Object.keys(changes).filter((f) => !sameValue(before[f], changes[f]));
    throw new ConflictError(before, changedFields);
  }
  const after = (await db
    .updateTable(table)
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', key.id)
    .where(tenant, '=', key.organisationId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirstOrThrow()) as T;
  return { before, after };
}

/**
 * The record a write is about, as its transaction reads it: 404 when there is none in the
 * organisation; with `version`, 409 when the user read an older one (`conflict` says how, by
 * default the record as it is now).
 */
export async function loadCurrent<R extends { version: number }>(
  load: Promise<R | undefined>,
  version?: number,
  conflict: (current: R) => ConflictError | Promise<ConflictError> = (current) => new ConflictError({ ...current }, []),
): Promise<R> {
  const current = await load;
  if (!current) throw notFound();
  if (version !== undefined && current.version !== version) throw await conflict(current);
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date) a = a.toISOString();
  if (b instanceof Date) b = b.toISOString();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Only the fields that differ, for a compact audit entry. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'version' || key === 'updated_at' || key === 'search') continue;
    if (!sameValue(before[key], after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
