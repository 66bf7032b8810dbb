// Explains a page's time: records the SQL one request runs, then times each statement on its own
// (median of N runs) and keeps the EXPLAIN ANALYZE plan of the slow ones.
import {
  CompiledQuery,
  PostgresQueryCompiler,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Db } from '../src/core/db/schema';
import { currentTenant, withTenant } from '../src/core/db/tenant';

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  /** The organisation (or 'all') row-level security scoped the statement to; replays use the same. */
  tenant: string;
  /** Time from handing the query to the driver to its answer, inside the request (includes waiting for a connection). */
  inRequestMs: number | undefined;
}

/** A Kysely plugin that records compiled statements while `record` runs; otherwise it only passes them on. */
export class QueryRecorder implements KyselyPlugin {
  private readonly compiler = new PostgresQueryCompiler();
  private recording: CapturedQuery[] | undefined;
  private readonly started = new WeakMap<object, { at: number; entry: CapturedQuery }>();
  private pending = 0;
  private lastActivity = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.pending++;
    this.lastActivity = performance.now();
    if (this.recording) {
      const compiled = this.compiler.compileQuery(args.node, args.queryId);
      const entry: CapturedQuery = { sql: compiled.sql, parameters: compiled.parameters, tenant: currentTenant(), inRequestMs: undefined };
      this.recording.push(entry);
      this.started.set(args.queryId, { at: performance.now(), entry });
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.pending = Math.max(0, this.pending - 1);
    this.lastActivity = performance.now();
    const s = this.started.get(args.queryId);
    if (s) s.entry.inRequestMs = performance.now() - s.at;
    return args.result;
  }

  /**
   * Resolves once no query has run for `quietMs`: requests a load generator left behind when it
   * stopped are still being served for a while, and must not be counted with the next target.
   */
  async idle(quietMs = 300): Promise<void> {
    for (;;) {
      const quiet = performance.now() - this.lastActivity;
      // A failed query never reaches transformResult; after a long silence it is not running either.
      if ((this.pending === 0 && quiet >= quietMs) || quiet >= 10_000) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async record(run: () => Promise<unknown>): Promise<CapturedQuery[]> {
    const into: CapturedQuery[] = [];
    this.recording = into;
    try {
      await run();
    } finally {
      this.recording = undefined;
    }
    return into;
  }
}

/** Only reads are re-run: a sliding-session UPDATE must not run a hundred times. */
export const isRead = (q: { sql: string }): boolean => /^\s*(select|with)\b/i.test(q.sql) && !/\b(insert|update|delete)\b/i.test(q.sql);

export interface TimedQuery {
  sql: string;
  parameters: readonly unknown[];
  tenant: string;
  medianMs: number;
  p90Ms: number;
  runs: number;
  inRequestMs: number | undefined;
}

export function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs one statement `runs` times after a warm-up run, sequentially, in its organisation's scope, and reports the median. */
export function timeQuery(db: Db, q: CapturedQuery, runs: number): Promise<TimedQuery> {
  return withTenant(q.tenant, () => timeInScope(db, q, runs));
}

async function timeInScope(db: Db, q: CapturedQuery, runs: number): Promise<TimedQuery> {
  const compiled = CompiledQuery.raw(q.sql, [...q.parameters]);
  await db.executeQuery(compiled);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await db.executeQuery(compiled);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { sql: q.sql, parameters: q.parameters, tenant: q.tenant, medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), runs, inRequestMs: q.inRequestMs };
}

export async function explainAnalyze(db: Db, q: { sql: string; parameters: readonly unknown[]; tenant: string }): Promise<string> {
  const result = await withTenant(q.tenant, () => db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters])));
  return result.rows.map((r) => Object.values(r)[0]).join('\n');
}

/** One line of SQL for a table cell: whitespace folded, cut at `max` characters. */
export function shortSql(s: string, max = 110): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
