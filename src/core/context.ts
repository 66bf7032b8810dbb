// Who is asking and in which language: passed to every query, policy and command.
import type { Db } from './db/schema';
import type { Locale, Translate } from './i18n';

export type Role = 'admin' | 'strategist' | 'reporter' | 'reader';
export const ROLES: readonly Role[] = ['admin', 'strategist', 'reporter', 'reader'];

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
}

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `${actor.name} <${actor.email}>`;
  if (actor.kind === 'system') return actor.label;
  return 'anonymous';
}

export const actorId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.id : null);

// Role checks every module's policy is built from. A role only ever counts in its own organisation.
export const isMember = (actor: Actor, organisationId: string): actor is UserActor =>
  actor.kind === 'system' || (actor.kind === 'user' && actor.organisationId === organisationId);

export const isStaff = (actor: Actor, organisationId: string): boolean =>
  actor.kind === 'system' ||
  (actor.kind === 'user' && actor.organisationId === organisationId && (actor.role === 'admin' || actor.role === 'strategist'));

export const isAdmin = (actor: Actor, organisationId: string): boolean =>
  actor.kind === 'system' || (actor.kind === 'user' && actor.organisationId === organisationId && actor.role === 'admin');

export const reportsFor = (actor: Actor, organisationId: string, bodyId: string): boolean =>
  actor.kind === 'user' && actor.organisationId === organisationId && actor.role === 'reporter' && actor.bodyIds.includes(bodyId);
