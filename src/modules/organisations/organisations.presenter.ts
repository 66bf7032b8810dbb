// View-models for the organisation, bodies, years, periods, focus areas and users: each is the record's
// public JSON shape plus labels in the reader's language and the actions the reader may take.
import { actorId, type Actor, type Role } from '../../core/context';
import type { Translate } from '../../core/i18n';
import { findMunicipality } from './organisations.municipalities';
import { canOrganisation, canReopen, canStructure, canUsers, nextYearStatus, periodsEditable } from './organisations.policy';
import type { BodyNode, BodyRow, FocusAreaRow, OrganisationRow, PeriodRow, UserRow, YearRow } from './organisations.queries';
import type { PeriodKind, PeriodStatus, YearStatus } from './organisations.tables';

export interface BodyView {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  kindLabel: string;
  parentId: string | null;
  description: string;
  version: number;
  archived: boolean;
  can: { update: boolean; archive: boolean };
}

export function presentBody(body: BodyRow, actor: Actor, t: Translate): BodyView {
  const manage = canStructure(actor, 'update', body.organisation_id);
  return { ...bodyJson(body), kindLabel: t(`body.kind.${body.kind}`), can: { update: manage, archive: manage } };
}

export interface BodyTreeView extends BodyView {
  children: BodyTreeView[];
}

export function presentTree(nodes: BodyNode[], actor: Actor, t: Translate): BodyTreeView[] {
  return nodes.map((n) => ({ ...presentBody(n, actor, t), children: presentTree(n.children, actor, t) }));
}

/** The public JSON shape of a body. */
export function bodyJson(b: BodyRow) {
  return { id: b.id, name: b.name, shortName: b.short_name, kind: b.kind, parentId: b.parent_id, description: b.description, version: b.version, archived: b.archived_at !== null };
}

// Organisations

export interface OrganisationView {
  id: string;
  slug: string;
  name: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  defaultLocale: 'sv' | 'en';
  description: string;
  version: number;
  can: { update: boolean };
}

export function presentOrganisation(o: OrganisationRow, actor: Actor): OrganisationView {
  return { ...organisationJson(o), can: { update: canOrganisation(actor, 'update', o.id) } };
}

/** The public JSON shape of an organisation. */
export function organisationJson(o: OrganisationRow) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    municipalityCode: o.municipality_code,
    municipalityName: o.municipality_code ? (findMunicipality(o.municipality_code)?.name ?? null) : null,
    defaultLocale: o.default_locale,
    description: o.description,
    timeZone: o.time_zone,
    version: o.version,
  };
}

// Budget years

const YEAR_TONE: Record<YearStatus, string> = { planning: 'info', active: 'ok', closed: 'muted' };

export interface YearView {
  id: string;
  year: number;
  status: YearStatus;
  statusLabel: string;
  statusTone: string;
  periodCount: number;
  version: number;
  /** The step the year can take next, if the reader may take it. */
  next: { status: YearStatus; label: string } | undefined;
  can: { changeStatus: boolean; createPeriod: boolean; reopen: boolean };
}

export function presentYear(y: YearRow, actor: Actor, t: Translate): YearView {
  const manage = canStructure(actor, 'update', y.organisation_id);
  const next = nextYearStatus(y.status);
  return {
    ...yearJson(y),
    statusLabel: t(`year.status.${y.status}`),
    statusTone: YEAR_TONE[y.status],
    next: manage && next ? { status: next, label: t(`years.move.${next}`) } : undefined,
    can: {
      changeStatus: manage && next !== undefined,
      createPeriod: canStructure(actor, 'create', y.organisation_id) && periodsEditable(y.status),
      reopen: y.status === 'closed' && canReopen(actor, y.organisation_id),
    },
  };
}

export function yearJson(y: YearRow) {
  return { id: y.id, year: y.year, status: y.status, periodCount: Number(y.period_count), version: y.version };
}

// Follow-up periods

export interface PeriodView {
  id: string;
  year: number;
  kind: PeriodKind;
  kindLabel: string;
  name: string;
  startsOn: string;
  endsOn: string;
  reportDue: string | null;
  status: PeriodStatus;
  statusLabel: string;
  version: number;
  archived: boolean;
  can: { update: boolean; archive: boolean; close: boolean; reopen: boolean };
}

export function presentPeriod(p: PeriodRow, actor: Actor, t: Translate): PeriodView {
  const manage = canStructure(actor, 'update', p.organisation_id);
  return {
    ...periodJson(p),
    kindLabel: t(`period.kind.${p.kind}`),
    statusLabel: t(`period.status.${p.status}`),
    can: {
      update: manage && p.archived_at === null,
      archive: manage,
      close: manage && p.archived_at === null && p.status === 'open',
      reopen: p.archived_at === null && p.status === 'closed' && canReopen(actor, p.organisation_id),
    },
  };
}

export function periodJson(p: PeriodRow) {
  return {
    id: p.id,
    year: p.year,
    kind: p.kind,
    name: p.name,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    reportDue: p.report_due,
    status: p.status,
    version: p.version,
    archived: p.archived_at !== null,
  };
}

// Focus areas

export interface FocusAreaView {
  id: string;
  name: string;
  description: string;
  sortOrder: number;
  version: number;
  archived: boolean;
  /** The whole active order after moving this one up or down a place; absent at either end or without rights. */
  moveUp: string[] | undefined;
  moveDown: string[] | undefined;
  can: { update: boolean; archive: boolean };
}

export function presentFocusArea(f: FocusAreaRow, actor: Actor): FocusAreaView {
  const manage = canStructure(actor, 'update', f.organisation_id);
  return { ...focusAreaJson(f), moveUp: undefined, moveDown: undefined, can: { update: manage && f.archived_at === null, archive: manage } };
}

/** Focus areas in order; each active one carries the order a move up or down would give, so a plain form can send it. */
export function presentFocusAreas(rows: FocusAreaRow[], actor: Actor): FocusAreaView[] {
  const views = rows.map((f) => presentFocusArea(f, actor));
  const active = views.filter((f) => !f.archived);
  const ids = active.map((f) => f.id);
  const swapped = (i: number, j: number) => ids.map((id, k) => (k === i ? ids[j]! : k === j ? ids[i]! : id));
  active.forEach((f, i) => {
    if (!f.can.update) return;
    if (i > 0) f.moveUp = swapped(i, i - 1);
    if (i < active.length - 1) f.moveDown = swapped(i, i + 1);
  });
  return views;
}

export function focusAreaJson(f: FocusAreaRow) {
  return { id: f.id, name: f.name, description: f.description, sortOrder: f.sort_order, version: f.version, archived: f.archived_at !== null };
}

// Users

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  roleLabel: string;
  bodies: { id: string; name: string }[];
  archived: boolean;
  version: number;
  isSelf: boolean;
  can: { update: boolean; archive: boolean; restore: boolean; resetPassword: boolean };
}

export function presentUser(u: UserRow, actor: Actor, t: Translate, bodyNames: ReadonlyMap<string, string>): UserView {
  const manage = canUsers(actor, 'update', u.organisation_id);
  const { bodyIds: _ids, ...json } = userJson(u);
  const { archived } = json;
  const isSelf = actorId(actor) === u.id;
  return {
    ...json,
    roleLabel: t(`role.${u.role}`),
    bodies: u.body_ids.map((id) => ({ id, name: bodyNames.get(id) ?? id })),
    isSelf,
    can: { update: manage && !archived, archive: manage && !archived && !isSelf, restore: manage && archived, resetPassword: manage && !archived },
  };
}

/** A user as the API shows it to members: never a password or its hash. */
export function userJson(u: UserRow) {
  return { id: u.id, name: u.name, email: u.email, role: u.role, bodyIds: u.body_ids, archived: u.archived_at !== null, version: u.version };
}
