// Reads for bodies, years, periods, focus areas and users.
import { sql, type Selectable } from 'kysely';
import type { Role } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import { isUuid } from '../../core/validation';
import './organisations.tables';
import type { BodyKind, PeriodsTable, PeriodStatus, YearStatus } from './organisations.tables';

export interface BodyRow {
  id: string;
  organisation_id: string;
  parent_id: string | null;
  kind: BodyKind;
  name: string;
  short_name: string;
  description: string;
  version: number;
  archived_at: Date | null;
}

const bodyColumns = ['id', 'organisation_id', 'parent_id', 'kind', 'name', 'short_name', 'description', 'version', 'archived_at'] as const;

export async function listBodies(db: Executor, organisationId: string, opts: { includeArchived?: boolean; locale?: Locale } = {}): Promise<BodyRow[]> {
  let q = db.selectFrom('bodies').select(bodyColumns).where('organisation_id', '=', organisationId);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  const rows = await q.execute();
  return rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(opts.locale ?? 'sv')(a.name, b.name));
}

export const KIND_ORDER: Record<BodyKind, number> = { council: 0, board: 1, committee: 2, company: 3, administration: 4, office: 5, external: 6 };

export async function findBody(db: Executor, organisationId: string, id: string): Promise<BodyRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('bodies').select(bodyColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function findBodyByName(db: Executor, organisationId: string, name: string): Promise<BodyRow | undefined> {
  return db
    .selectFrom('bodies')
    .select(bodyColumns)
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** The bodies of `kinds` that are not archived: what "all committees and companies" means today (its owner, assignments, names the kinds). */
export async function committeesAndCompanies(db: Executor, organisationId: string, kinds: readonly BodyKind[]): Promise<BodyRow[]> {
  return db
    .selectFrom('bodies')
    .select(bodyColumns)
    .where('organisation_id', '=', organisationId)
    .where('kind', 'in', [...kinds])
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
}

export interface BodyNode extends BodyRow {
  children: BodyNode[];
}

/** Bodies as a tree (roots first), e.g. council → board → committees. */
export function toTree(bodies: BodyRow[]): BodyNode[] {
  const nodes = new Map(bodies.map((b) => [b.id, { ...b, children: [] as BodyNode[] }]));
  const roots: BodyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Would making `parentId` the parent of `id` close a loop? */
export async function wouldCycle(db: Executor, organisationId: string, id: string, parentId: string): Promise<boolean> {
  const all = await db.selectFrom('bodies').select(['id', 'parent_id']).where('organisation_id', '=', organisationId).execute();
  const parentOf = new Map(all.map((b) => [b.id, b.parent_id]));
  let cursor: string | null | undefined = parentId;
  for (let i = 0; cursor && i <= all.length; i++) {
    if (cursor === id) return true;
    cursor = parentOf.get(cursor);
  }
  return false;
}

// Organisations

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  municipality_code: string | null;
  default_locale: 'sv' | 'en';
  description: string;
  is_demo: boolean;
  time_zone: string;
  version: number;
  archived_at: Date | null;
}

const organisationColumns = ['id', 'slug', 'name', 'municipality_code', 'default_locale', 'description', 'is_demo', 'time_zone', 'version', 'archived_at'] as const;

/** Every organisation of the installation that is in use, by name; an installation holds a few hundred at most. */
export async function listOrganisations(db: Executor, locale: Locale = 'sv'): Promise<OrganisationRow[]> {
  const rows = await db.selectFrom('organisations').select(organisationColumns).where('archived_at', 'is', null).execute();
  return rows.sort((a, b) => compareText(locale)(a.name, b.name));
}

export async function findOrganisation(db: Executor, organisationId: string): Promise<OrganisationRow | undefined> {
  if (!isUuid(organisationId)) return undefined;
  return db.selectFrom('organisations').select(organisationColumns).where('id', '=', organisationId).executeTakeFirst();
}

export async function findOrganisationBySlug(db: Executor, slug: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').select(organisationColumns).where('slug', '=', slug).where('archived_at', 'is', null).executeTakeFirst();
}

// Budget years

export interface YearRow {
  id: string;
  organisation_id: string;
  year: number;
  status: YearStatus;
  version: number;
  archived_at: Date | null;
  /** Follow-up periods of the year that are not archived. */
  period_count: number;
}

const periodCount = sql<number>`(select count(*) from periods p where p.organisation_id = years.organisation_id and p.year = years.year and p.archived_at is null)`;
const yearColumns = ['years.id', 'years.organisation_id', 'years.year', 'years.status', 'years.version', 'years.archived_at'] as const;

/** The organisation's budget years, newest first. */
export async function listYears(db: Executor, organisationId: string, opts: { status?: YearStatus | undefined } = {}): Promise<YearRow[]> {
  let q = db.selectFrom('years').select(yearColumns).select(periodCount.as('period_count')).where('years.organisation_id', '=', organisationId).where('years.archived_at', 'is', null);
  if (opts.status) q = q.where('years.status', '=', opts.status);
  return q.orderBy('years.year', 'desc').execute();
}

export async function findYear(db: Executor, organisationId: string, id: string): Promise<YearRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('years').select(yearColumns).select(periodCount.as('period_count')).where('years.organisation_id', '=', organisationId).where('years.id', '=', id).executeTakeFirst();
}

export async function findYearByNumber(db: Executor, organisationId: string, year: number): Promise<YearRow | undefined> {
  return db
    .selectFrom('years')
    .select(yearColumns)
    .select(periodCount.as('period_count'))
    .where('years.organisation_id', '=', organisationId)
    .where('years.year', '=', year)
    .where('years.archived_at', 'is', null)
    .executeTakeFirst();
}

// Follow-up periods

/** A period as read: the table's columns without the bookkeeping timestamps. */
export type PeriodRow = Omit<Selectable<PeriodsTable>, 'created_at' | 'updated_at'>;

const periodColumns = ['id', 'organisation_id', 'year', 'kind', 'name', 'starts_on', 'ends_on', 'report_due', 'status', 'version', 'archived_at'] as const;

export interface PeriodFilter {
  year?: number | undefined;
  status?: PeriodStatus | undefined;
  includeArchived?: boolean | undefined;
}

/** Periods in time order: a year's tertial reports before its interim and annual reports. */
export async function listPeriods(db: Executor, organisationId: string, filter: PeriodFilter = {}): Promise<PeriodRow[]> {
  let q = db.selectFrom('periods').select(periodColumns).where('organisation_id', '=', organisationId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('year', 'desc').orderBy('ends_on').orderBy('starts_on').orderBy('name').execute();
}

export async function findPeriod(db: Executor, organisationId: string, id: string): Promise<PeriodRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('periods').select(periodColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

/** Another period of the same year with the same name, which would make the two indistinguishable in reports. */
export async function findPeriodByName(db: Executor, organisationId: string, year: number, name: string): Promise<PeriodRow | undefined> {
  return db
    .selectFrom('periods')
    .select(periodColumns)
    .where('organisation_id', '=', organisationId)
    .where('year', '=', year)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

// Focus areas

export interface FocusAreaRow {
  id: string;
  organisation_id: string;
  name: string;
  description: string;
  sort_order: number;
  version: number;
  archived_at: Date | null;
}

const focusAreaColumns = ['id', 'organisation_id', 'name', 'description', 'sort_order', 'version', 'archived_at'] as const;

/** Focus areas in the organisation's own order (sort_order), archived ones last when asked for. */
export async function listFocusAreas(db: Executor, organisationId: string, opts: { includeArchived?: boolean | undefined; locale?: Locale } = {}): Promise<FocusAreaRow[]> {
  let q = db.selectFrom('focus_areas').select(focusAreaColumns).where('organisation_id', '=', organisationId);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  const rows = await q.execute();
  const byName = compareText(opts.locale ?? 'sv');
  return rows.sort((a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null) || a.sort_order - b.sort_order || byName(a.name, b.name));
}

export async function findFocusArea(db: Executor, organisationId: string, id: string): Promise<FocusAreaRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('focus_areas').select(focusAreaColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export async function findFocusAreaByName(db: Executor, organisationId: string, name: string): Promise<FocusAreaRow | undefined> {
  return db
    .selectFrom('focus_areas')
    .select(focusAreaColumns)
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** The sort_order that puts a new focus area last. */
export async function nextFocusAreaOrder(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('focus_areas')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 10 : Number(row.max) + 10;
}

// Users. The password hash is never selected here: nothing that reads users needs it.

export interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'sv' | 'en' | null;
  version: number;
  created_at: Date;
  archived_at: Date | null;
  /** The bodies a reporter writes for (active links only). */
  body_ids: string[];
}

const userColumns = ['users.id', 'users.organisation_id', 'users.email', 'users.name', 'users.role', 'users.locale', 'users.version', 'users.created_at', 'users.archived_at'] as const;
const userBodyIds = sql<string[]>`coalesce((select array_agg(ub.body_id::text order by ub.body_id) from user_bodies ub where ub.user_id = users.id and ub.archived_at is null), '{}')`;

export interface UserFilter {
  role?: Role | undefined;
  /** 'active' (default), 'archived' or 'all'. */
  state?: 'active' | 'archived' | 'all' | undefined;
  locale?: Locale;
}

export async function listUsers(db: Executor, organisationId: string, filter: UserFilter = {}): Promise<UserRow[]> {
  let q = db.selectFrom('users').select(userColumns).select(userBodyIds.as('body_ids')).where('users.organisation_id', '=', organisationId);
  if (filter.role) q = q.where('users.role', '=', filter.role);
  const state = filter.state ?? 'active';
  if (state === 'active') q = q.where('users.archived_at', 'is', null);
  if (state === 'archived') q = q.where('users.archived_at', 'is not', null);
  const rows = await q.execute();
  return rows.sort((a, b) => compareText(filter.locale ?? 'sv')(a.name, b.name) || a.email.localeCompare(b.email));
}

export async function findUser(db: Executor, organisationId: string, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('users').select(userColumns).select(userBodyIds.as('body_ids')).where('users.organisation_id', '=', organisationId).where('users.id', '=', id).executeTakeFirst();
}

/** Active admins other than `exceptId`: an organisation must keep at least one. */
export async function otherActiveAdmins(db: Executor, organisationId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .where('archived_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Bodies among `ids` that exist in the organisation and are not archived. */
export async function activeBodyIds(db: Executor, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('bodies').select('id').where('organisation_id', '=', organisationId).where('id', 'in', [...ids]).where('archived_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** The people who report for a body: active users linked to it, by name. Members only see these. */
export async function bodyReporters(db: Executor, organisationId: string, bodyId: string, locale: Locale = 'sv'): Promise<{ id: string; name: string; role: Role }[]> {
  const rows = await db
    .selectFrom('user_bodies as ub')
    .innerJoin('users', 'users.id', 'ub.user_id')
    .select(['users.id', 'users.name', 'users.role'])
    .where('ub.organisation_id', '=', organisationId)
    .where('ub.body_id', '=', bodyId)
    .where('ub.archived_at', 'is', null)
    .where('users.archived_at', 'is', null)
    .execute();
  return rows.sort((a, b) => compareText(locale)(a.name, b.name));
}
