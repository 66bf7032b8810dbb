// The audit trail: who changed what, when, before and after; written in the writer's transaction.
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { actorId, actorLabel, type Actor } from './context';
import type { AuditEventsTable, Executor } from './db/schema';

export interface AuditEntry {
  organisationId: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** JSON with keys sorted, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  const plain = JSON.parse(JSON.stringify(value ?? null));
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortDeep)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]))
        : v;
  return sortDeep(plain);
}

/** The columns of an audit row that its hash covers (before and after as read back, of any JSON shape). */
export type HashedFields = Omit<Selectable<AuditEventsTable>, 'id' | 'prev_hash' | 'hash' | 'before' | 'after'> & { before: unknown; after: unknown };

export function auditHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    organisation_id: e.organisation_id,
    actor_id: e.actor_id,
    actor_label: e.actor_label,
    action: e.action,
    entity_type: e.entity_type,
    entity_id: e.entity_id,
    before: e.before,
    after: e.after,
    at: e.at.toISOString(),
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Appends one entry. Entries of an organisation form a hash chain (each carries the hash of the one
 * before), so an edit or deletion made directly in the database is detectable.
 * Must be called inside the transaction that makes the change.
 */
export async function recordAudit(trx: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  // Serialise appends per organisation so two transactions cannot fork the chain.
  await sql`select pg_advisory_xact_lock(hashtextextended(${entry.organisationId}, 42))`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .where('organisation_id', '=', entry.organisationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what JS and PostgreSQL both keep exactly.
  const at = new Date(Math.floor(Date.now()));
  const fields: HashedFields = {
    organisation_id: entry.organisationId,
    actor_id: actorId(actor),
    actor_label: actorLabel(actor),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: normalise(entry.before),
    after: normalise(entry.after),
    at,
  };
  await trx
    .insertInto('audit_events')
    .values({
      ...fields,
      before: entry.before === undefined ? null : JSON.stringify(fields.before),
      after: entry.after === undefined ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash: auditHash(prevHash, fields),
    })
    .execute();
}

export type AuditRow = Omit<HashedFields, 'organisation_id'> & { id: number };

/** One record's audit events, newest first: the history page reads them as prose, the admin API as they are. */
export async function auditHistory(db: Executor, organisationId: string, entityType: string, entityId: string): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events')
    .select(['id', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'before', 'after', 'at'])
    .where('organisation_id', '=', organisationId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
}

export interface ChainReport {
  organisationId: string;
  entries: number;
  ok: boolean;
  firstBadId?: number;
}

/** Recomputes every organisation's chain; used by `riktning audit verify`. */
export async function verifyAuditChain(db: Executor): Promise<ChainReport[]> {
  const orgs = await db.selectFrom('organisations').select('id').execute();
  const reports: ChainReport[] = [];
  for (const { id } of orgs) {
    const rows = await db.selectFrom('audit_events').selectAll().where('organisation_id', '=', id).orderBy('id').execute();
    let prev = GENESIS_HASH;
    let firstBadId: number | undefined;
    for (const row of rows) {
      const expected = auditHash(prev, row);
      if (row.prev_hash !== prev || row.hash !== expected) {
        firstBadId = row.id;
        break;
      }
      prev = row.hash;
    }
    reports.push({ organisationId: id, entries: rows.length, ok: firstBadId === undefined, ...(firstBadId ? { firstBadId } : {}) });
  }
  return reports;
}
