// Who is asking and in which language: passed to every query, policy and command.
import type { Catalogue } from './catalogue';
import type { Db } from './db/schema';
import type { Locale, Translate } from './i18n';

/** The roles the core knows; modules may declare more (ModuleManifest.roles), whose holders are members. */
export const CORE_ROLES = ['admin', 'strategist', 'reporter', 'reader'] as const;
export type CoreRole = (typeof CORE_ROLES)[number];
/** A core role or one a module declares. */
export type Role = CoreRole | (string & {});

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      id: string;
      organisationId: string;
      role: Role;
      name: string;
      email: string;
      /** Bodies a reporter writes for. */
      bodyIds: readonly string[];
    }
  | { kind: 'system'; label: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export interface Ctx {
  db: Db;
  actor: Actor;
  locale: Locale;
  t: Translate;
  /** What the app's modules declare (roles, widgets, report sections …). */
  catalogue: Catalogue;
}

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `${actor.name} <${actor.email}>`;
  if (actor.kind === 'system') return actor.label;
  return 'anonymous';
}

export const actorId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.id : null);

// Role checks every module's policy is built from. A role only ever counts in its own organisation.
// The system actor (CLI, demo loader, jobs without a person) counts as every role.

/** Members of the organisation, of any role: they see its internal (unpublished) data. */
export const isMember = (actor: Actor, organisationId: string): boolean =>
  actor.kind === 'system' || (actor.kind === 'user' && actor.organisationId === organisationId);

export const isStaff = (actor: Actor, organisationId: string): boolean =>
  actor.kind === 'system' ||
  (actor.kind === 'user' && actor.organisationId === organisationId && (actor.role === 'admin' || actor.role === 'strategist'));

export const isAdmin = (actor: Actor, organisationId: string): boolean =>
  actor.kind === 'system' || (actor.kind === 'user' && actor.organisationId === organisationId && actor.role === 'admin');

export const reportsFor = (actor: Actor, organisationId: string, bodyId: string): boolean =>
  actor.kind === 'user' && actor.organisationId === organisationId && actor.role === 'reporter' && actor.bodyIds.includes(bodyId);

/** A context for work no person asked for in a request: the CLI, the demo loader, tests. */
export function systemContext(db: Db, catalogue: Catalogue, label: string, locale: Locale = 'sv'): Ctx {
  return { db, actor: { kind: 'system', label }, locale, t: catalogue.messages.translator(locale), catalogue };
}
