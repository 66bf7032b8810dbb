// What the core adds to every Fastify request.
import type { Access } from '../access';
import type { Catalogue } from '../catalogue';
import type { Actor, Ctx } from '../context';
import type { Database } from '../db/database';
import type { Locale } from '../i18n';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    /** Set when the request authenticated with a bearer API token (no CSRF for those). */
    viaToken: boolean;
    ctx: Ctx;
  }
  interface FastifyInstance {
    database: Database;
    /** What the app's modules declare. */
    catalogue: Catalogue;
    /** Every route registered on the app, in order (HEAD twins of GET routes included). */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  /** The route's `config` option, e.g. its rate limit. */
  config: unknown;
  /** Who may call it, as its module declares. */
  access: Access;
}
