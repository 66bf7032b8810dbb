// Reads for goals, their links, direction texts and the choices the forms offer.
import { isUuid } from '../../core/validation';
import { sql } from 'kysely';
import type { Executor } from '../../core/db/schema';
import { rankedSearch, tsQuery } from '../../core/search';
import { compareText, type Locale } from '../../core/i18n';
import { listBodies, listYears, type BodyKind, type BodyRow } from '../organisations';
import './goals.tables';
import { compareSdgCodes } from './sdg';

export interface GoalRow {
  id: string;
  organisation_id: string;
  body_id: string;
  parent_id: string | null;
  reference: string;
  title: string;
  description: string;
  year_from: number;
  year_to: number | null;
  published_at: Date | null;
  sort_order: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export interface GoalLinks {
  focus_area_ids: string[];
  sdg_codes: string[];
}

export type Goal = GoalRow & GoalLinks;

export interface GoalListItem extends Goal {
  body_name: string;
  body_kind: BodyKind | undefined;
}

export const goalColumns = [
  'id',
  'organisation_id',
  'body_id',
  'parent_id',
  'reference',
  'title',
  'description',
  'year_from',
  'year_to',
  'published_at',
  'sort_order',
  'version',
  'created_at',
  'updated_at',
  'archived_at',
] as const;

export interface GoalFilters {
  /** Goals in force that year: from year_from, up to year_to (no year_to: until further notice). */
  year?: number | undefined;
  bodyId?: string | undefined;
  focusAreaId?: string | undefined;
  /** An Agenda 2030 goal ("11": the goal or any of its targets) or one target ("11.1"). */
  sdg?: string | undefined;
  /** Callers showing the list to someone outside the organisation must set this. */
  publishedOnly?: boolean | undefined;
  includeArchived?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  locale?: Locale | undefined;
}


/**
 * Goals of an organisation, filtered, in reading order: by adopting body (council first, then the
 * body tree's order), then sort order and reference. The rows of one organisation are few enough
 * (hundreds) to sort in the application, where Swedish collation is right on both engines.
 */
export async function listGoals(db: Executor, organisationId: string, filters: GoalFilters = {}): Promise<{ items: GoalListItem[]; total: number }> {
  let q = db.selectFrom('goals').select(goalColumns).where('organisation_id', '=', organisationId);
  if (!filters.includeArchived) q = q.where('archived_at', 'is', null);
  if (filters.publishedOnly) q = q.where('published_at', 'is not', null).where('archived_at', 'is', null);
  if (filters.year !== undefined) {
    const year = filters.year;
    q = q.where('year_from', '<=', year).where((eb) => eb.or([eb('year_to', 'is', null), eb('year_to', '>=', year)]));
  }
  if (filters.bodyId) q = q.where('body_id', '=', filters.bodyId);
  if (filters.focusAreaId) {
    const focusAreaId = filters.focusAreaId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('goal_focus_areas').select(sql`1`.as('one')).whereRef('goal_focus_areas.goal_id', '=', 'goals.id').where('goal_focus_areas.focus_area_id', '=', focusAreaId)),
    );
  }
  if (filters.sdg) {
    const code = filters.sdg;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('goal_sdg_links')
          .select(sql`1`.as('one'))
          .whereRef('goal_sdg_links.goal_id', '=', 'goals.id')
          .where((l) => (code.includes('.') ? l('goal_sdg_links.sdg_code', '=', code) : l.or([l('goal_sdg_links.sdg_code', '=', code), l('goal_sdg_links.sdg_code', 'like', `${code}.%`)]))),
      ),
    );
  }
  const [rows, bodies] = await Promise.all([q.execute(), listBodies(db, organisationId, { includeArchived: true, locale: filters.locale ?? 'sv' })]);
  const sorted = sortGoals(rows, bodies, filters.locale ?? 'sv');
  const offset = filters.offset ?? 0;
  const page = filters.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + filters.limit);
  const links = await goalLinks(db, page.map((g) => g.id));
  return { items: page.map((g) => ({ ...g, ...(links.get(g.id) ?? emptyLinks()) })), total: rows.length };
}

const emptyLinks = (): GoalLinks => ({ focus_area_ids: [], sdg_codes: [] });

function sortGoals(rows: GoalRow[], bodies: BodyRow[], locale: Locale): (GoalRow & { body_name: string; body_kind: BodyKind | undefined })[] {
  const rank = new Map(bodies.map((b, i) => [b.id, i]));
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const cmp = compareText(locale);
  return rows
    .map((g) => ({ ...g, body_name: byId.get(g.body_id)?.name ?? '', body_kind: byId.get(g.body_id)?.kind }))
    .sort(
      (a, b) =>
        (rank.get(a.body_id) ?? Infinity) - (rank.get(b.body_id) ?? Infinity) ||
        a.sort_order - b.sort_order ||
        cmp(a.reference, b.reference) ||
        cmp(a.title, b.title) ||
        a.year_from - b.year_from,
    );
}

/** Focus areas and Agenda 2030 codes of the given goals. */
export async function goalLinks(db: Executor, goalIds: readonly string[]): Promise<Map<string, GoalLinks>> {
  const out = new Map<string, GoalLinks>();
  if (!goalIds.length) return out;
  const [areas, codes] = await Promise.all([
    db.selectFrom('goal_focus_areas').select(['goal_id', 'focus_area_id']).where('goal_id', 'in', goalIds).execute(),
    db.selectFrom('goal_sdg_links').select(['goal_id', 'sdg_code']).where('goal_id', 'in', goalIds).execute(),
  ]);
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = emptyLinks()));
    return e;
  };
  for (const a of areas) entry(a.goal_id).focus_area_ids.push(a.focus_area_id);
  for (const c of codes) entry(c.goal_id).sdg_codes.push(c.sdg_code);
  for (const e of out.values()) e.sdg_codes.sort(compareSdgCodes);
  return out;
}

/** One goal with its links, archived or not; visibility is the caller's policy check. */
export async function findGoal(db: Executor, organisationId: string, id: string): Promise<Goal | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('goals').select(goalColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const links = await goalLinks(db, [row.id]);
  return { ...row, ...(links.get(row.id) ?? emptyLinks()) };
}

/** The goals directly below a goal (not archived). */
export async function subGoals(db: Executor, organisationId: string, parentId: string, opts: { publishedOnly?: boolean; locale?: Locale } = {}): Promise<GoalListItem[]> {
  let q = db.selectFrom('goals').select(goalColumns).where('organisation_id', '=', organisationId).where('parent_id', '=', parentId).where('archived_at', 'is', null);
  if (opts.publishedOnly) q = q.where('published_at', 'is not', null);
  const [rows, bodies] = await Promise.all([q.execute(), listBodies(db, organisationId, { includeArchived: true, locale: opts.locale ?? 'sv' })]);
  const links = await goalLinks(db, rows.map((r) => r.id));
  return sortGoals(rows, bodies, opts.locale ?? 'sv').map((g) => ({ ...g, ...(links.get(g.id) ?? emptyLinks()) }));
}

/** Would making `parentId` the parent of goal `id` close a loop? */
export async function wouldCycle(db: Executor, organisationId: string, id: string, parentId: string): Promise<boolean> {
  const all = await db.selectFrom('goals').select(['id', 'parent_id']).where('organisation_id', '=', organisationId).execute();
  const parentOf = new Map(all.map((g) => [g.id, g.parent_id]));
  let cursor: string | null | undefined = parentId;
  for (let i = 0; cursor && i <= all.length; i++) {
    if (cursor === id) return true;
    cursor = parentOf.get(cursor);
  }
  return false;
}

/** Goals that may be chosen as a parent: every goal not archived, in reading order. */
export async function parentChoices(db: Executor, organisationId: string, locale: Locale): Promise<GoalListItem[]> {
  return (await listGoals(db, organisationId, { locale })).items;
}

/** Budget years set up for the organisation (not archived), newest first. */
export async function budgetYears(db: Executor, organisationId: string): Promise<number[]> {
  return (await listYears(db, organisationId)).map((y) => y.year);
}

/** The years a goal list can be filtered by: budget years and every year a goal starts or ends. */
export async function goalYears(db: Executor, organisationId: string): Promise<number[]> {
  const [years, bounds] = await Promise.all([
    budgetYears(db, organisationId),
    db.selectFrom('goals').select(['year_from', 'year_to']).distinct().where('organisation_id', '=', organisationId).where('archived_at', 'is', null).execute(),
  ]);
  const all = new Set(years);
  for (const b of bounds) {
    all.add(b.year_from);
    if (b.year_to !== null) all.add(b.year_to);
  }
  return [...all].sort((a, b) => b - a);
}

export interface DirectionRow {
  id: string;
  organisation_id: string;
  body_id: string;
  year: number;
  title: string;
  body: string;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export interface DirectionListItem extends DirectionRow {
  body_name: string;
}

export const directionColumns = ['id', 'organisation_id', 'body_id', 'year', 'title', 'body', 'published_at', 'version', 'created_at', 'updated_at', 'archived_at'] as const;

export interface DirectionFilters {
  year?: number | undefined;
  bodyId?: string | undefined;
  publishedOnly?: boolean | undefined;
  includeArchived?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  locale?: Locale | undefined;
}

/** Direction texts, newest year first, then in the body tree's order. */
export async function listDirections(db: Executor, organisationId: string, filters: DirectionFilters = {}): Promise<{ items: DirectionListItem[]; total: number }> {
  let q = db.selectFrom('directions').select(directionColumns).where('organisation_id', '=', organisationId);
  if (!filters.includeArchived) q = q.where('archived_at', 'is', null);
  if (filters.publishedOnly) q = q.where('published_at', 'is not', null).where('archived_at', 'is', null);
  if (filters.year !== undefined) q = q.where('year', '=', filters.year);
  if (filters.bodyId) q = q.where('body_id', '=', filters.bodyId);
  const [rows, bodies] = await Promise.all([q.execute(), listBodies(db, organisationId, { includeArchived: true, locale: filters.locale ?? 'sv' })]);
  const rank = new Map(bodies.map((b, i) => [b.id, i]));
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const sorted = rows
    .map((d) => ({ ...d, body_name: names.get(d.body_id) ?? '' }))
    .sort((a, b) => b.year - a.year || (rank.get(a.body_id) ?? Infinity) - (rank.get(b.body_id) ?? Infinity) || Number(a.archived_at !== null) - Number(b.archived_at !== null));
  const offset = filters.offset ?? 0;
  return { items: filters.limit === undefined ? sorted.slice(offset) : sorted.slice(offset, offset + filters.limit), total: rows.length };
}

export async function findDirection(db: Executor, organisationId: string, id: string): Promise<DirectionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('directions').select(directionColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** The direction in force for a body and year (there is at most one not archived). */
export async function directionFor(db: Executor, organisationId: string, bodyId: string, year: number): Promise<DirectionRow | undefined> {
  return db
    .selectFrom('directions')
    .select(directionColumns)
    .where('organisation_id', '=', organisationId)
    .where('body_id', '=', bodyId)
    .where('year', '=', year)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export interface SearchRow {
  id: string;
  title: string;
  /** Marked by core/search: the page draws the marks, the API removes them. */
  excerpt: string;
  rank: number;
}

/** Goals that match, best first (core/search `rankedSearch`): the excerpt comes from the description, or the title when there is none. */
export async function searchGoals(
  db: Executor,
  args: { organisationId: string; tsquery: string; limit: number; publishedOnly: boolean },
): Promise<{ rows: (SearchRow & { reference: string })[]; total: number }> {
  const query = tsQuery(args.tsquery);
  let q = db
    .selectFrom('goals')
    .select([
      'id',
      'title',
      'reference',
      sql<string>`case when description = '' then title else description end`.as('doc'),
      sql<number>`ts_rank(search, ${query})`.as('rank'),
    ])
    .where('organisation_id', '=', args.organisationId)
    .where('archived_at', 'is', null)
    .where(sql<boolean>`search @@ ${query}`);
  if (args.publishedOnly) q = q.where('published_at', 'is not', null);
  return rankedSearch(db, q, args.tsquery, args.limit);
}

/** Direction texts that match, best first (core/search `rankedSearch`). */
export async function searchDirections(
  db: Executor,
  args: { organisationId: string; tsquery: string; limit: number; publishedOnly: boolean },
): Promise<{ rows: (SearchRow & { year: number; body_id: string })[]; total: number }> {
  const query = tsQuery(args.tsquery);
  let q = db
    .selectFrom('directions')
    .select([
      'id',
      'title',
      'year',
      'body_id',
      sql<string>`case when body = '' then title else body end`.as('doc'),
      sql<number>`ts_rank(search, ${query})`.as('rank'),
    ])
    .where('organisation_id', '=', args.organisationId)
    .where('archived_at', 'is', null)
    .where(sql<boolean>`search @@ ${query}`);
  if (args.publishedOnly) q = q.where('published_at', 'is not', null);
  return rankedSearch(db, q, args.tsquery, args.limit);
}

/** Several goals by id, without links (for labels of parents and the like). */
export async function goalsByIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<GoalRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('goals').select(goalColumns).where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
}
