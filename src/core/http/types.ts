// What the core adds to every Fastify request.
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
  }
}
export {};
