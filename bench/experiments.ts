// Query rewrites proposed to the modules' owners, timed against the statements the pages run today
// (copied from src/modules/follow-up as of November 2026). Each pair answers the same question on
// the benchmark's data; the report shows both medians so the gain is measured, not guessed.
import { CompiledQuery } from 'kysely';
import type { Db } from '../src/core/db/schema';
import { withTenant } from '../src/core/db/tenant';
import { quantile } from './queries';

export interface ExperimentScope {
  organisationId: string;
  /** The open period of the year, as on the follow-up page. */
  periodId: string;
  year: number;
}

interface Experiment {
  name: string;
  where: string;
  why: string;
  current: string;
  proposed: string;
  parameters: (s: ExperimentScope) => unknown[];
  /** What must agree between the two answers; rows tied in rank may come in either order, so search compares ranks. */
  compare?: (row: Record<string, unknown>) => unknown;
}

// follow-up.queries.ts reportableInPeriod(), for a period starting on 1 January of $2.
const reportable = `a.archived_at is null
    and a.year <= $2
    and not (a.status in ('closed', 'cancelled', 'transferred') and coalesce(
      (select max(c.changed_at) from assignment_status_changes c where c.assignment_id = a.id and c.to_status = a.status),
      a.updated_at) < make_date($2, 1, 1))`;

const progressTail = `owed_goals as (
      select r.id as body_id, g.id as target_id
      from goals g
      join bodies ob on ob.id = g.body_id
      join reporters r on g.body_id = r.id or (r.reached_by_all and ob.kind = 'council')
      where g.organisation_id = $1 and g.archived_at is null and g.year_from <= $2 and $2 <= coalesce(g.year_to, $2)
    ),
    items as (
      select o.body_id, sr.state
      from owed_assignments o
      left join status_reports sr on sr.period_id = $3 and sr.body_id = o.body_id and sr.assignment_id = o.target_id and sr.archived_at is null
      union all
      select o.body_id, ga.state
      from owed_goals o
      left join goal_assessments ga on ga.period_id = $3 and ga.body_id = o.body_id and ga.goal_id = o.target_id and ga.archived_at is null
    )
    select r.id as body_id, r.name as body_name, count(*) as expected,
           count(*) filter (where i.state = 'draft') as drafts,
           count(*) filter (where i.state = 'submitted') as submitted,
           count(*) filter (where i.state = 'approved') as approved
    from items i join reporters r on r.id = i.body_id
    group by r.id, r.name`;

const reporters = `reporters as (
      select b.id, b.name, b.kind, (b.kind in ('committee', 'company')) as reached_by_all
      from bodies b where b.organisation_id = $1 and b.archived_at is null
    )`;

const searchColumns = `sr.id, a.title, b.name as body_name, p.name as period_name,
      ts_headline('swedish', sr.comment, to_tsquery('swedish', 'uppdrag:*'), 'StartSel="",StopSel="",MaxWords=30,MinWords=10') as excerpt,
      ts_rank(sr.search, to_tsquery('swedish', 'uppdrag:*')) as rank`;

const assessmentColumns = `ga.id, ga.period_id, ga.body_id, ga.goal_id, ga.assessment, ga.comment, p.name as period_name, p.starts_on as period_starts_on,
      b.name as body_name, su.name as submitted_by_name, au.name as approved_by_name, g.reference as goal_reference, g.title as goal_title`;
const assessmentOrder = `order by p.starts_on desc, g.sort_order, g.reference, g.title, b.name, ga.id limit 1`;

export const EXPERIMENTS: Experiment[] = [
  {
    name: 'body progress (dashboard, follow-up)',
    where: 'follow-up.queries.ts bodyProgress(), owed_assignments',
    why: '`join reporters r on exists (…assignment_bodies…) or (…)` is planned as a hashed subplan that reads the whole installation’s assignment_bodies; a union of two plain joins reads only the organisation’s rows',
    current: `with ${reporters},
    owed_assignments as (
      select r.id as body_id, a.id as target_id
      from assignments a
      join reporters r
        on exists (select 1 from assignment_bodies ab where ab.assignment_id = a.id and ab.body_id = r.id)
        or (a.target = 'all_committees_and_companies' and r.reached_by_all)
      where a.organisation_id = $1 and ${reportable}
    ),
    ${progressTail}`,
    proposed: `with ${reporters},
    reportable as (select a.id, a.target from assignments a where a.organisation_id = $1 and ${reportable}),
    owed_assignments as (
      select r.id as body_id, a.id as target_id
      from reportable a join assignment_bodies ab on ab.assignment_id = a.id join reporters r on r.id = ab.body_id
      union
      select r.id, a.id
      from reportable a join reporters r on r.reached_by_all
      where a.target = 'all_committees_and_companies'
    ),
    ${progressTail}`,
    parameters: (s) => [s.organisationId, s.year, s.periodId],
  },
  {
    name: 'search in status reports (anonymous)',
    where: 'follow-up.queries.ts searchStatusReports() (and searchGoalAssessments() alike)',
    why: 'a common word ("uppdrag") matches most reports of every organisation, and the planner underestimates prefix matches, so it intersects the GIN index’s ≈260 000 hits with the organisation’s rows. Joined on (organisation_id, id), the planner starts from the organisation’s periods and matches only its ≈1 000 reports, a cost that does not grow with the installation',
    current: `select ${searchColumns}
    from status_reports sr
    join assignments a on a.id = sr.assignment_id
    join bodies b on b.id = sr.body_id
    join periods p on p.id = sr.period_id
    where sr.organisation_id = $1
      and sr.archived_at is null and a.archived_at is null and p.archived_at is null
      and sr.search @@ to_tsquery('swedish', 'uppdrag:*')
      and sr.state = 'approved' and a.published_at is not null
    order by rank desc
    limit 50`,
    proposed: `select ${searchColumns}
    from status_reports sr
    join assignments a on a.id = sr.assignment_id and a.organisation_id = sr.organisation_id
    join bodies b on b.id = sr.body_id and b.organisation_id = sr.organisation_id
    join periods p on p.id = sr.period_id and p.organisation_id = sr.organisation_id
    where sr.organisation_id = $1
      and sr.archived_at is null and a.archived_at is null and p.archived_at is null
      and sr.search @@ to_tsquery('swedish', 'uppdrag:*')
      and sr.state = 'approved' and a.published_at is not null
    order by rank desc
    limit 50`,
    parameters: (s) => [s.organisationId],
    compare: (row) => Number(row.rank).toFixed(5),
  },
  {
    name: 'public follow-up: latest assessment',
    where: 'follow-up.queries.ts statusReportQuery() and goalAssessmentQuery() (lists, counts, the public page)',
    why: 'periods, bodies and goals are joined on id alone, so the planner hashes those whole tables (every organisation’s); joining on (organisation_id, id) lets it read only the organisation’s rows by index — and is the join a Citus-sharded installation needs anyway',
    current: `select ${assessmentColumns}
    from goal_assessments ga
    join periods p on p.id = ga.period_id
    join bodies b on b.id = ga.body_id
    join goals g on g.id = ga.goal_id
    left join users su on su.id = ga.submitted_by
    left join users au on au.id = ga.approved_by
    where ga.organisation_id = $1 and ga.archived_at is null and p.archived_at is null and g.archived_at is null
      and ga.state = 'approved' and g.published_at is not null
    ${assessmentOrder}`,
    proposed: `select ${assessmentColumns}
    from goal_assessments ga
    join periods p on p.id = ga.period_id and p.organisation_id = ga.organisation_id
    join bodies b on b.id = ga.body_id and b.organisation_id = ga.organisation_id
    join goals g on g.id = ga.goal_id and g.organisation_id = ga.organisation_id
    left join users su on su.id = ga.submitted_by
    left join users au on au.id = ga.approved_by
    where ga.organisation_id = $1 and ga.archived_at is null and p.archived_at is null and g.archived_at is null
      and ga.state = 'approved' and g.published_at is not null
    ${assessmentOrder}`,
    parameters: (s) => [s.organisationId],
  },
];

export interface ExperimentResult {
  name: string;
  where: string;
  why: string;
  currentMedianMs: number;
  /** The same statement with row-level security out of the way (what the policies cost); undefined unless the benchmark connects as a superuser. */
  currentWithoutRowSecurityMs: number | undefined;
  proposedMedianMs: number;
  sameAnswer: boolean;
}

async function median(db: Db, q: CompiledQuery, runs: number): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  const first = await db.executeQuery<Record<string, unknown>>(q);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await db.executeQuery(q);
    times.push(performance.now() - t0);
  }
  return { ms: quantile(times.sort((a, b) => a - b), 0.5), rows: first.rows };
}

/** Rows compared as sets: both statements must give the same answer, order aside. */
const canonical = (rows: Record<string, unknown>[], key: (row: Record<string, unknown>) => unknown = (r) => r) => rows.map((r) => JSON.stringify(key(r))).sort().join('\n');

/** Both statements run as a request of the organisation would: under its row-level security scope. */
export function runExperiments(db: Db, scope: ExperimentScope, runs: number): Promise<ExperimentResult[]> {
  return withTenant(scope.organisationId, () => runAll(db, scope, runs));
}

async function runAll(db: Db, scope: ExperimentScope, runs: number): Promise<ExperimentResult[]> {
  const results: ExperimentResult[] = [];
  // Only a superuser bypasses the policies: they are forced on the tables' owner too.
  const superuser = await withoutRowSecurity(db, async (trx) =>
    (await trx.executeQuery<{ yes: boolean }>(CompiledQuery.raw('select rolsuper as yes from pg_roles where rolname = current_user'))).rows[0]?.yes === true,
  );
  for (const e of EXPERIMENTS) {
    const params = e.parameters(scope);
    const current = await median(db, CompiledQuery.raw(e.current, params), runs);
    const proposed = await median(db, CompiledQuery.raw(e.proposed, params), runs);
    const unrestricted = superuser ? await withoutRowSecurity(db, (trx) => median(trx, CompiledQuery.raw(e.current, params), runs)) : undefined;
    results.push({
      name: e.name,
      where: e.where,
      why: e.why,
      currentMedianMs: current.ms,
      currentWithoutRowSecurityMs: unrestricted?.ms,
      proposedMedianMs: proposed.ms,
      sameAnswer:
        canonical(current.rows, e.compare) === canonical(proposed.rows, e.compare) && (!unrestricted || canonical(current.rows, e.compare) === canonical(unrestricted.rows, e.compare)),
    });
  }
  return results;
}

/**
 * Runs `fn` as the connecting user (the benchmark connects as a superuser, who bypasses row-level
 * security), inside a transaction whose `set local role` ends with it, so the pool's connection
 * goes back to the restricted role afterwards.
 */
function withoutRowSecurity<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw('set local role none'));
    return fn(trx as unknown as Db);
  });
}
