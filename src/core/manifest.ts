// What a module declares to the core: its routes, messages, navigation, search and history types, background jobs.
import type { FastifyInstance } from 'fastify';
import type { Actor, Ctx } from './context';
import type { Messages } from './i18n';
import type { JobDefinition } from './jobs/jobs';

export interface NavItem {
  /** Path below the organisation, e.g. 'assignments' → /o/malmo/assignments */
  path: string;
  labelKey: string;
  /** Position in the menu; lower first. */
  order: number;
  visible?: (actor: Actor, organisationId: string) => boolean;
}

export interface SearchHit {
  type: string;
  typeLabelKey: string;
  id: string;
  title: string;
  /** A short excerpt with the matched words; plain text. */
  excerpt: string;
  href: string;
  rank: number;
}

export interface SearchSource {
  type: string;
  /** Runs the module's own full-text query; must return only what `ctx.actor` may see. */
  search(ctx: Ctx, args: { organisationId: string; orgSlug: string; tsquery: string; limit: number }): Promise<SearchHit[]>;
}

export interface HistoryType {
  /** entity_type used in audit_events */
  type: string;
  labelKey: string;
  /** Where the object itself is shown. */
  href(orgSlug: string, id: string): string;
}

export interface ModuleManifest {
  name: string;
  messages?: Messages;
  /** Registers the module's HTML and API routes. */
  routes?(app: FastifyInstance): void | Promise<void>;
  nav?: NavItem[];
  search?: SearchSource[];
  history?: HistoryType[];
  /** Kinds of background job the module queues (core/jobs); the runner started by serve() runs them. */
  jobs?: JobDefinition[];
}
