// Reads for assignments: lists with filters, status counts, responsible bodies (with the
// "all committees and companies" target expanded), focus areas, goals, status history and search.
import { todayInSweden } from '../../core/days';
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Executor, Tables } from '../../core/db/schema';
import { rankedSearch, tsQuery } from '../../core/search';
import { compareText, type Locale } from '../../core/i18n';
import { isUuid } from '../../core/validation';
import { committeesAndCompanies, type BodyKind } from '../organisations';
import { ALL_TARGET_BODY_KINDS, FINISHED_STATUSES, type Visibility } from './assignments.policy';
import './assignments.tables';

import type { AssignmentStatus, AssignmentTarget, ResponsibleRole, SourceKind } from './assignments.tables';

export type { ResponsibleRole };

// References sort as people read them: "MK 2" before "MK 10" (text before the first digit, then the digits as a number).
const referencePrefix = sql<string>`substring(assignments.reference from '^[^0-9]*')`;
const referenceNumber = sql<number>`nullif(regexp_replace(assignments.reference, '[^0-9]', '', 'g'), '')::numeric`;

export interface AssignmentRow {
  id: string;
  organisation_id: string;
  reference: string;
  title: string;
  body: string;
  year: number;
  issuer_body_id: string;
  target: AssignmentTarget;
  target_note: string;
  source_kind: SourceKind;
  source_title: string;
  registration_number: string;
  decision_date: string | null;
  deadline: string | null;
  status: AssignmentStatus;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export const ASSIGNMENT_COLUMNS = [
  'assignments.id',
  'assignments.organisation_id',
  'assignments.reference',
  'assignments.title',
  'assignments.body',
  'assignments.year',
  'assignments.issuer_body_id',
  'assignments.target',
  'assignments.target_note',
  'assignments.source_kind',
  'assignments.source_title',
  'assignments.registration_number',
  'assignments.decision_date',
  'assignments.deadline',
  'assignments.status',
  'assignments.published_at',
  'assignments.version',
  'assignments.created_at',
  'assignments.updated_at',
  'assignments.archived_at',
] as const;

export { todayInSweden };

export interface AssignmentFilters {
  year?: number | undefined;
  status?: AssignmentStatus | undefined;
  /** Matches the lead, a co-responsible body, or any committee or company when the target is all of them. */
  bodyId?: string | undefined;
  focusAreaId?: string | undefined;
  sourceKind?: SourceKind | undefined;
  late?: boolean | undefined;
  /** Members may list archived assignments too; the public never sees them. */
  includeArchived?: boolean | undefined;
  /** YYYY-MM-DD; defaults to today in Sweden. */
  today?: string | undefined;
}

type Eb = ExpressionBuilder<Tables, 'assignments'>;

function filterWhere(organisationId: string, f: AssignmentFilters, visibility: Visibility) {
  return (eb: Eb): Expression<SqlBool> => {
    const conds: Expression<SqlBool>[] = [eb('assignments.organisation_id', '=', organisationId)];
    if (visibility === 'public') {
      conds.push(eb('assignments.published_at', 'is not', null), eb('assignments.archived_at', 'is', null));
    } else if (!f.includeArchived) {
      conds.push(eb('assignments.archived_at', 'is', null));
    }
    if (f.year !== undefined) conds.push(eb('assignments.year', '=', f.year));
    if (f.status) conds.push(eb('assignments.status', '=', f.status));
    if (f.sourceKind) conds.push(eb('assignments.source_kind', '=', f.sourceKind));
    if (f.focusAreaId) {
      conds.push(
        eb.exists(
          eb
            .selectFrom('assignment_focus_areas')
            .select(sql`1`.as('one'))
            .whereRef('assignment_focus_areas.assignment_id', '=', 'assignments.id')
            .where('assignment_focus_areas.focus_area_id', '=', f.focusAreaId),
        ),
      );
    }
    if (f.bodyId) {
      const bodyId = f.bodyId;
      conds.push(
        eb.or([
          eb.exists(
            eb
              .selectFrom('assignment_bodies')
              .select(sql`1`.as('one'))
              .whereRef('assignment_bodies.assignment_id', '=', 'assignments.id')
              .where('assignment_bodies.body_id', '=', bodyId),
          ),
          eb.and([
            eb('assignments.target', '=', 'all_committees_and_companies'),
            eb.exists(
              eb
                .selectFrom('bodies')
                .select(sql`1`.as('one'))
                .where('bodies.id', '=', bodyId)
                .where('bodies.organisation_id', '=', organisationId)
                .where('bodies.kind', 'in', [...ALL_TARGET_BODY_KINDS])
                .where('bodies.archived_at', 'is', null),
            ),
          ]),
        ]),
      );
    }
    if (f.late) {
      conds.push(eb('assignments.deadline', '<', f.today ?? todayInSweden()), eb('assignments.status', 'not in', [...FINISHED_STATUSES]));
    }
    return eb.and(conds);
  };
}

export async function findAssignment(db: Executor, organisationId: string, id: string): Promise<AssignmentRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('assignments').select(ASSIGNMENT_COLUMNS).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export interface Page {
  limit: number;
  offset: number;
}

/** One page of assignments matching the filters, newest year first, and how many match in all. */
export async function listAssignments(
  db: Executor,
  organisationId: string,
  filters: AssignmentFilters,
  visibility: Visibility,
  page?: Page,
): Promise<{ rows: AssignmentRow[]; total: number }> {
  const where = filterWhere(organisationId, filters, visibility);
  let q = db
    .selectFrom('assignments')
    .select(ASSIGNMENT_COLUMNS)
    .where(where)
    .orderBy('assignments.year', 'desc')
    .orderBy(referencePrefix)
    .orderBy(referenceNumber)
    .orderBy('assignments.title')
    .orderBy('assignments.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const [rows, count] = await Promise.all([
    q.execute(),
    db.selectFrom('assignments').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Published assignments, the most recently changed first: the public feed. */
export async function recentlyChangedAssignments(db: Executor, organisationId: string, limit: number): Promise<AssignmentRow[]> {
  return db
    .selectFrom('assignments')
    .select(ASSIGNMENT_COLUMNS)
    .where('assignments.organisation_id', '=', organisationId)
    .where('assignments.archived_at', 'is', null)
    .where('assignments.published_at', 'is not', null)
    .orderBy('assignments.updated_at', 'desc')
    .orderBy('assignments.id')
    .limit(limit)
    .execute();
}

export interface StatusCounts {
  total: number;
  byStatus: Record<AssignmentStatus, number>;
}

/** How many assignments matching the filters are in each status ("19 av 31 avslutade"). */
export async function countByStatus(db: Executor, organisationId: string, filters: AssignmentFilters, visibility: Visibility = 'public'): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('assignments')
    .select(['assignments.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(filterWhere(organisationId, filters, visibility))
    .groupBy('assignments.status')
    .execute();
  const byStatus: Record<AssignmentStatus, number> = { new: 0, ongoing: 0, progress_reported: 0, reported: 0, closed: 0, cancelled: 0, transferred: 0 };
  for (const r of rows) byStatus[r.status] = Number(r.n);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

export interface ResponsibleBody {
  id: string;
  name: string;
  shortName: string;
  kind: BodyKind;
  /** lead and co are named in the decision; target comes from "all committees and companies". */
  role: ResponsibleRole;
  archived: boolean;
}

const ROLE_ORDER: Record<ResponsibleRole, number> = { lead: 0, co: 1, target: 2 };

/**
 * Every body responsible for each assignment: the named lead and co-responsible bodies, and for the
 * all-committees-and-companies target every committee and company that is not archived today.
 */
export async function responsibleBodiesFor(
  db: Executor,
  organisationId: string,
  assignments: readonly { id: string; target: AssignmentTarget }[],
  locale: Locale = 'sv',
): Promise<Map<string, ResponsibleBody[]>> {
  const result = new Map<string, ResponsibleBody[]>(assignments.map((a) => [a.id, []]));
  if (!assignments.length) return result;
  const named = await db
    .selectFrom('assignment_bodies')
    .innerJoin('bodies', 'bodies.id', 'assignment_bodies.body_id')
    .select(['assignment_bodies.assignment_id', 'assignment_bodies.role', 'bodies.id', 'bodies.name', 'bodies.short_name', 'bodies.kind', 'bodies.archived_at'])
    .where('assignment_bodies.organisation_id', '=', organisationId)
    .where(
      'assignment_bodies.assignment_id',
      'in',
      assignments.map((a) => a.id),
    )
    .execute();
  for (const r of named) {
    result.get(r.assignment_id)?.push({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind, role: r.role, archived: r.archived_at !== null });
  }
  if (assignments.some((a) => a.target === 'all_committees_and_companies')) {
    const all = await committeesAndCompanies(db, organisationId, ALL_TARGET_BODY_KINDS);
    for (const a of assignments) {
      if (a.target !== 'all_committees_and_companies') continue;
      const list = result.get(a.id)!;
      const seen = new Set(list.map((b) => b.id));
      for (const b of all) if (!seen.has(b.id)) list.push({ id: b.id, name: b.name, shortName: b.short_name, kind: b.kind, role: 'target', archived: false });
    }
  }
  const cmp = compareText(locale);
  for (const list of result.values()) list.sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || cmp(x.name, y.name));
  return result;
}

/** The bodies responsible for one assignment, expanded (see responsibleBodiesFor). */
export async function responsibleBodies(db: Executor, organisationId: string, assignmentId: string, locale: Locale = 'sv'): Promise<ResponsibleBody[]> {
  const a = await findAssignment(db, organisationId, assignmentId);
  if (!a) return [];
  return (await responsibleBodiesFor(db, organisationId, [a], locale)).get(a.id) ?? [];
}

export interface AssignmentWithBodies extends AssignmentRow {
  bodies: ResponsibleBody[];
  late: boolean;
}

/** Assignments past their deadline and not finished, earliest deadline first, with their bodies. */
export async function lateAssignments(
  db: Executor,
  organisationId: string,
  filters: Omit<AssignmentFilters, 'late'>,
  visibility: Visibility,
  locale: Locale = 'sv',
): Promise<AssignmentWithBodies[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(ASSIGNMENT_COLUMNS)
    .where(filterWhere(organisationId, { ...filters, late: true }, visibility))
    .orderBy('assignments.deadline')
    .orderBy('assignments.reference')
    .orderBy('assignments.id')
    .execute();
  const bodies = await responsibleBodiesFor(db, organisationId, rows, locale);
  return rows.map((r) => ({ ...r, bodies: bodies.get(r.id) ?? [], late: true }));
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface GoalRef {
  id: string;
  reference: string;
  title: string;
  published: boolean;
}

export async function focusAreasFor(db: Executor, organisationId: string, ids: readonly string[], locale: Locale = 'sv'): Promise<Map<string, NamedRef[]>> {
  const result = new Map<string, NamedRef[]>(ids.map((id) => [id, []]));
  if (!ids.length) return result;
  const rows = await db
    .selectFrom('assignment_focus_areas')
    .innerJoin('focus_areas', 'focus_areas.id', 'assignment_focus_areas.focus_area_id')
    .select(['assignment_focus_areas.assignment_id', 'focus_areas.id', 'focus_areas.name', 'focus_areas.sort_order'])
    .where('assignment_focus_areas.organisation_id', '=', organisationId)
    .where('assignment_focus_areas.assignment_id', 'in', [...ids])
    .execute();
  const cmp = compareText(locale);
  rows.sort((a, b) => a.sort_order - b.sort_order || cmp(a.name, b.name));
  for (const r of rows) result.get(r.assignment_id)?.push({ id: r.id, name: r.name });
  return result;
}

/** Linked goals; the public sees only published ones, so an unpublished goal never leaks through an assignment. */
export async function goalsFor(db: Executor, organisationId: string, ids: readonly string[], visibility: Visibility, locale: Locale = 'sv'): Promise<Map<string, GoalRef[]>> {
  const result = new Map<string, GoalRef[]>(ids.map((id) => [id, []]));
  if (!ids.length) return result;
  let q = db
    .selectFrom('assignment_goals')
    .innerJoin('goals', 'goals.id', 'assignment_goals.goal_id')
    .select(['assignment_goals.assignment_id', 'goals.id', 'goals.reference', 'goals.title', 'goals.published_at'])
    .where('assignment_goals.organisation_id', '=', organisationId)
    .where('assignment_goals.assignment_id', 'in', [...ids]);
  if (visibility === 'public') q = q.where('goals.published_at', 'is not', null).where('goals.archived_at', 'is', null);
  const rows = await q.execute();
  const cmp = compareText(locale);
  rows.sort((a, b) => cmp(a.reference, b.reference) || cmp(a.title, b.title));
  for (const r of rows) result.get(r.assignment_id)?.push({ id: r.id, reference: r.reference, title: r.title, published: r.published_at !== null });
  return result;
}

export async function bodyNames(db: Executor, organisationId: string, ids: readonly string[]): Promise<Map<string, NamedRef & { shortName: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('bodies').select(['id', 'name', 'short_name']).where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, shortName: r.short_name }]));
}

export interface AssignmentRelations {
  bodies: Map<string, ResponsibleBody[]>;
  focusAreas: Map<string, NamedRef[]>;
  goals: Map<string, GoalRef[]>;
  issuers: Map<string, NamedRef & { shortName: string }>;
}

/** Everything shown beside a page of assignments, in a fixed number of queries (no query per row). */
export async function loadRelations(db: Executor, organisationId: string, rows: readonly AssignmentRow[], visibility: Visibility, locale: Locale = 'sv'): Promise<AssignmentRelations> {
  const ids = rows.map((r) => r.id);
  const [bodies, focusAreas, goals, issuers] = await Promise.all([
    responsibleBodiesFor(db, organisationId, rows, locale),
    focusAreasFor(db, organisationId, ids, locale),
    goalsFor(db, organisationId, ids, visibility, locale),
    bodyNames(
      db,
      organisationId,
      rows.map((r) => r.issuer_body_id),
    ),
  ]);
  return { bodies, focusAreas, goals, issuers };
}

export interface StatusChangeRow {
  id: string;
  from_status: AssignmentStatus | null;
  to_status: AssignmentStatus;
  comment: string;
  decision_reference: string;
  changed_by_label: string;
  changed_at: Date;
}

/** The lifecycle's full history, oldest first. */
export async function statusHistory(db: Executor, organisationId: string, assignmentId: string): Promise<StatusChangeRow[]> {
  return db
    .selectFrom('assignment_status_changes')
    .select(['id', 'from_status', 'to_status', 'comment', 'decision_reference', 'changed_by_label', 'changed_at'])
    .where('organisation_id', '=', organisationId)
    .where('assignment_id', '=', assignmentId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

// Options for forms and filters.

export async function yearOptions(db: Executor, organisationId: string): Promise<number[]> {
  const rows = await db.selectFrom('years').select('year').where('organisation_id', '=', organisationId).where('archived_at', 'is', null).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function focusAreaOptions(db: Executor, organisationId: string, locale: Locale = 'sv'): Promise<NamedRef[]> {
  const rows = await db.selectFrom('focus_areas').select(['id', 'name', 'sort_order']).where('organisation_id', '=', organisationId).where('archived_at', 'is', null).execute();
  const cmp = compareText(locale);
  return rows.sort((a, b) => a.sort_order - b.sort_order || cmp(a.name, b.name)).map((r) => ({ id: r.id, name: r.name }));
}

/** Goals to link, including the ones already linked even if archived since. */
export async function goalOptions(db: Executor, organisationId: string, keep: readonly string[] = [], locale: Locale = 'sv'): Promise<GoalRef[]> {
  const rows = await db
    .selectFrom('goals')
    .select(['id', 'reference', 'title', 'published_at'])
    .where('organisation_id', '=', organisationId)
    .where((eb) => (keep.length ? eb.or([eb('archived_at', 'is', null), eb('id', 'in', [...keep])]) : eb('archived_at', 'is', null)))
    .execute();
  const cmp = compareText(locale);
  return rows.sort((a, b) => cmp(a.reference, b.reference) || cmp(a.title, b.title)).map((r) => ({ id: r.id, reference: r.reference, title: r.title, published: r.published_at !== null }));
}

// Existence checks for commands: every id must belong to the organisation.

export async function yearExists(db: Executor, organisationId: string, year: number): Promise<boolean> {
  const row = await db.selectFrom('years').select('id').where('organisation_id', '=', organisationId).where('year', '=', year).where('archived_at', 'is', null).executeTakeFirst();
  return !!row;
}

export async function bodiesByIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<Map<string, { id: string; kind: string; archived: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('bodies').select(['id', 'kind', 'archived_at']).where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, archived: r.archived_at !== null }]));
}

export async function focusAreasByIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('focus_areas').select('id').where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function goalsByIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('goals').select('id').where('organisation_id', '=', organisationId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** The links of one assignment as ids, for forms and for the audit trail. */
export async function linkIds(db: Executor, organisationId: string, assignmentId: string): Promise<{ leadBodyId: string | null; coBodyIds: string[]; focusAreaIds: string[]; goalIds: string[] }> {
  const [bodies, focusAreas, goals] = await Promise.all([
    db.selectFrom('assignment_bodies').select(['body_id', 'role']).where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute(),
    db.selectFrom('assignment_focus_areas').select('focus_area_id').where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute(),
    db.selectFrom('assignment_goals').select('goal_id').where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute(),
  ]);
  return {
    leadBodyId: bodies.find((b) => b.role === 'lead')?.body_id ?? null,
    coBodyIds: bodies.filter((b) => b.role === 'co').map((b) => b.body_id).sort(),
    focusAreaIds: focusAreas.map((f) => f.focus_area_id).sort(),
    goalIds: goals.map((g) => g.goal_id).sort(),
  };
}

export interface SearchRow {
  id: string;
  reference: string;
  title: string;
  /** Marked by core/search: the page draws the marks, the API removes them. */
  excerpt: string;
  rank: number;
}

/**
 * Swedish full-text search on the generated `search` column, best first (core/search
 * `rankedSearch`); the public finds only published assignments. The excerpt comes from the texts
 * the column holds besides the title (the title alone when there are none).
 */
export async function searchAssignments(db: Executor, organisationId: string, tsquery: string, visibility: Visibility, limit: number): Promise<{ rows: SearchRow[]; total: number }> {
  const query = tsQuery(tsquery);
  let q = db
    .selectFrom('assignments')
    .select([
      'id',
      'reference',
      'title',
      sql<number>`ts_rank(search, ${query})`.as('rank'),
      sql<string>`coalesce(nullif(concat_ws(' ', nullif(body, ''), nullif(source_title, ''), nullif(registration_number, ''), nullif(target_note, '')), ''), title)`.as('doc'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .where(sql<SqlBool>`search @@ ${query}`);
  if (visibility === 'public') q = q.where('published_at', 'is not', null);
  return rankedSearch(db, q, tsquery, limit);
}

/**
 * Whether `changedBy` moved the assignment to `toStatus` with this comment since `since`: how a
 * resumed bulk change recognises the change it committed just before it was interrupted.
 */
export async function hasStatusChangeBy(
  db: Executor,
  organisationId: string,
  assignmentId: string,
  change: { toStatus: AssignmentStatus; changedBy: string | null; comment: string; since: Date },
): Promise<boolean> {
  let q = db
    .selectFrom('assignment_status_changes')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('assignment_id', '=', assignmentId)
    .where('to_status', '=', change.toStatus)
    .where('comment', '=', change.comment)
    .where('changed_at', '>=', change.since);
  q = change.changedBy ? q.where('changed_by', '=', change.changedBy) : q.where('changed_by', 'is', null);
  return !!(await q.limit(1).executeTakeFirst());
}
