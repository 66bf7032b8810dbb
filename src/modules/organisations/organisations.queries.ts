// Reads for bodies, years, periods, focus areas and users.
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import './organisations.tables';
import type { BodyKind } from './organisations.tables';

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

/** The bodies that "all committees and companies" means today. */
export async function committeesAndCompanies(db: Executor, organisationId: string): Promise<BodyRow[]> {
  return db
    .selectFrom('bodies')
    .select(bodyColumns)
    .where('organisation_id', '=', organisationId)
    .where('kind', 'in', ['committee', 'company'])
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

export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
