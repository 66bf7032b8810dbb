// What every page template gets: language, the actor, the organisation in view, and helpers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../context';
import type { Locale, Translate } from '../i18n';
import type { NavItem, RoleDefinition } from '../manifest';

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
}

export interface View {
  locale: Locale;
  t: Translate;
  actor: Actor;
  org: OrgRef | undefined;
  /** Path and query of the current request, for the language switch and sign-in return. */
  path: string;
  nav: readonly NavItem[];
  /** Every role the app knows, for role pickers and labels. */
  roles: readonly RoleDefinition[];
  /** A CSRF token for forms on this page. */
  csrf: () => string;
  flash: string | undefined;
}

export function view(req: FastifyRequest, reply: FastifyReply, org?: OrgRef): View {
  let token: string | undefined;
  return {
    locale: req.locale,
    t: req.ctx.t,
    actor: req.actor,
    org,
    path: req.url,
    roles: req.server.catalogue.roles,
    nav: org ? req.server.catalogue.nav.filter((n) => !n.visible || n.visible(req.actor, org.id)) : [],
    csrf: () => (token ??= reply.generateCsrf()),
    flash: readFlash(req, reply),
  };
}

// A one-shot message after a redirect ("Sparat"), carried in a short-lived cookie.
function readFlash(req: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = req.cookies.flash;
  if (!raw) return undefined;
  reply.clearCookie('flash', { path: '/' });
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

export function setFlash(reply: FastifyReply, messageKey: string): void {
  reply.setCookie('flash', messageKey, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

/** Sends a page. `<!doctype>` cannot be written in JSX. */
export function sendHtml(reply: FastifyReply, node: unknown, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${String(node)}`);
}

/** Post/redirect/get with a message for the next page. */
export function redirectWith(reply: FastifyReply, to: string, flashKey?: string): FastifyReply {
  if (flashKey) setFlash(reply, flashKey);
  return reply.redirect(to, 303);
}
