// Reads behind follow-up's panels on other modules' pages: the reports on one assignment or goal, and
// one body's follow-up per period. Each is one statement, filtered by who may read which report.
import { sql } from 'kysely';
import type { Actor } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import { assignmentsInScope, reportingWindowCloses } from '../assignments';
import { goalsInScope } from '../goals';
import type { ItemKind } from './follow-up.kinds';
import { reportsReadableBy } from './follow-up.policy';
import type { BodyRef, PeriodRow } from './follow-up.queries';
import type { ReportState } from './follow-up.tables';

export interface TargetReportRow {
  id: string;
  period_id: string;
  period_name: string;
  body_id: string;
  body_name: string;
  state: ReportState;
  value: string;
  comment: string;
}

/**
 * The reports of `kind` on one assignment or goal that `actor` may read, newest period first, then by
 * body. Archived reports, periods and subjects are left out; `limit` keeps a long-lived goal's page short.
 */
export async function reportsOnTarget(db: Executor, kind: ItemKind, organisationId: string, targetId: string, actor: Actor, limit: number, locale: Locale): Promise<TargetReportRow[]> {
  const targetRef = `i.${kind.targetColumn}` as 'i.assignment_id';
  const rows = await db
    .selectFrom(`${kind.table} as i` as 'status_reports as i')
    .innerJoin('periods as p', 'p.id', 'i.period_id')
    .innerJoin('bodies as b', 'b.id', 'i.body_id')
    .innerJoin(`${kind.targetTable} as t` as 'assignments as t', 't.id', targetRef)
    .select(['i.id', 'i.period_id', 'p.name as period_name', 'i.body_id', 'b.name as body_name', 'i.state', 'i.comment'])
    .select(sql.ref<string>(`i.${kind.valueColumn}`).as('value'))
    .where('i.organisation_id', '=', organisationId)
    .where(targetRef, '=', targetId)
    .where('i.archived_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .where('t.archived_at', 'is', null)
    .where(reportsReadableBy(actor, organisationId, { bodyId: 'i.body_id', state: 'i.state', targetPublishedAt: 't.published_at' }))
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.ends_on', 'desc')
    .orderBy('i.period_id')
    .orderBy('b.name')
    .limit(limit)
    .execute();
  // Within a period, bodies in Swedish (or English) order, which neither engine's collation gives.
  const periodRank = new Map<string, number>();
  for (const r of rows) if (!periodRank.has(r.period_id)) periodRank.set(r.period_id, periodRank.size);
  const byName = compareText(locale);
  return rows.sort((a, b) => periodRank.get(a.period_id)! - periodRank.get(b.period_id)! || byName(a.body_name, b.body_name));
}

export interface PeriodProgress {
  /** Reports and assessments the body owes in the period. */
  expected: number;
  drafts: number;
  submitted: number;
  approved: number;
}

/**
 * What `body` owes in each of `periods` (its assignments and the goals it assesses, as the assignments
 * and goals modules scope them) and how far it has come, counting only reports `actor` may read; the
 * public counts published subjects only. One statement for all periods.
 */
export async function bodyProgressByPeriod(db: Executor, organisationId: string, body: BodyRef, periods: readonly PeriodRow[], actor: Actor, publicOnly: boolean): Promise<Map<string, PeriodProgress>> {
  const result = new Map<string, PeriodProgress>();
  if (!periods.length) return result;
  const readable = (alias: string) => reportsReadableBy(actor, organisationId, { bodyId: `${alias}.body_id`, state: `${alias}.state` });
  const parts = periods.map(
    (p) => sql`
      select cast(${p.id} as text) as period_id, sr.state
      from ${assignmentsInScope(db, { organisationId, body, reportedIn: p, publicOnly }).select('a.id')} a
      left join status_reports sr
        on sr.assignment_id = a.id and sr.period_id = ${p.id} and sr.body_id = ${body.id} and sr.archived_at is null and ${readable('sr')}
      union all
      select cast(${p.id} as text) as period_id, ga.state
      from ${goalsInScope(db, { organisationId, year: p.year, publicOnly, assessedBy: body, windowCloses: reportingWindowCloses(p) }).select('g.id')} g
      left join goal_assessments ga
        on ga.goal_id = g.id and ga.period_id = ${p.id} and ga.body_id = ${body.id} and ga.archived_at is null and ${readable('ga')}`,
  );
  const rows = await sql<{ period_id: string; expected: number | string; drafts: number | string; submitted: number | string; approved: number | string }>`
    select x.period_id,
           count(*) as expected,
           count(*) filter (where x.state = 'draft') as drafts,
           count(*) filter (where x.state = 'submitted') as submitted,
           count(*) filter (where x.state = 'approved') as approved
    from (${sql.join(parts, sql` union all `)}) x
    group by x.period_id`.execute(db);
  for (const r of rows.rows) {
    result.set(r.period_id, { expected: Number(r.expected), drafts: Number(r.drafts), submitted: Number(r.submitted), approved: Number(r.approved) });
  }
  return result;
}
