// How a module says, once, how its fields read in the change history (HistoryType.fields): a label
// and one of these formats. The history page (core/history.tsx) does the reading, so a module that
// declares its fields gets sentences, names instead of ids, local times and word-level text diffs.
import type { Executor } from './db/schema';
import type { HistoryField, HistoryFormat } from './manifest';

/** A code read by its message, `prefix + code`: `label('assignment.status.')`. */
export const label = (prefix: string): HistoryFormat => ({ kind: 'label', prefix });
/** An id read as the name of that record; the history type `type` declares `names`. */
export const ref = (type: string): HistoryFormat => ({ kind: 'ref', type });
export const date: HistoryFormat = { kind: 'date' };
export const time: HistoryFormat = { kind: 'time' };
export const yesNo: HistoryFormat = { kind: 'yes-no' };
/** A long text; a change shows as a word-level difference. */
export const text: HistoryFormat = { kind: 'text' };
export const list = (of: HistoryFormat): HistoryFormat => ({ kind: 'list', of });

/** A field declaration: `field('assignments.status', label('assignment.status.'))`. */
export const field = (labelKey: string, format?: HistoryFormat): HistoryField => (format ? { labelKey, format } : { labelKey });

/**
 * A `names` lookup over one table: every id in one query, scoped to the organisation, read as
 * `name(row)`. Archived records keep their names: history speaks of what was.
 */
export function namesFrom<R extends Record<string, unknown>>(
  table: string,
  columns: readonly (keyof R & string)[],
  name: (row: R) => string,
): (db: Executor, organisationId: string, ids: readonly string[]) => Promise<Map<string, string>> {
  return async (db, organisationId, ids) => {
    const wanted = [...new Set(ids)].filter(isUuid);
    if (!wanted.length) return new Map();
    const q = db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    const tenant = table === 'organisations' ? 'id' : 'organisation_id';
    const rows = (await q
      .selectFrom(table)
      .select(['id', ...columns])
      .where(tenant, '=', organisationId)
      .where('id', 'in', wanted)
      .execute()) as (R & { id: string })[];
    return new Map(rows.map((r) => [r.id, name(r)]));
  };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** "KF-mål 1 Ett tryggt Malmö" or just the title when there is no reference. */
export const withReference = (reference: unknown, title: unknown) => [reference, title].filter((x) => typeof x === 'string' && x.trim()).join(' ');
