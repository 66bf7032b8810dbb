// The page a person sees when something was refused or not found: no dead end. Below /o/:org it keeps
// the organisation's navigation, and it offers the way back to where the person came from.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Translate } from '../i18n';
import { findOrgBySlug } from '../orgs';
import { Layout } from './layout';
import { sendHtml, view, type OrgRef, type View } from './view';

/** Statuses whose page keeps the organisation's frame; a failure of the server or database gets a plain page. */
const KEEPS_FRAME = new Set([400, 403, 404, 409]);

/**
 * The organisation the URL is below, if it exists and is not archived; never throws (the error page
 * must be shown whatever failed). Only its slug, name and the menu every visitor sees are used, so
 * nothing of it is revealed that its public pages do not show.
 */
async function orgOfUrl(req: FastifyRequest): Promise<OrgRef | undefined> {
  const match = /^\/o\/([^/?#]+)/.exec(req.url);
  if (!match) return undefined;
  try {
    return await findOrgBySlug(req.server.database.db, decodeURIComponent(match[1]!));
  } catch {
    return undefined;
  }
}

/**
 * Where the person came from, as a path on this site: the Referer when it is this site's own page
 * (same host, http or https), never another site's address and never the failing page itself.
 */
export function backPath(req: FastifyRequest): string | undefined {
  const referer = req.headers.referer;
  if (typeof referer !== 'string' || !referer) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // The Host header read the way the Referer's host is (a default port dropped).
  let own: URL;
  try {
    own = new URL(`${url.protocol}//${req.headers.host ?? ''}`);
  } catch {
    return undefined;
  }
  if (!req.headers.host || url.host !== own.host) return undefined;
  const path = `${url.pathname}${url.search}`;
  // "//host/…" and "/\host/…" would leave the site when used as a link.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return undefined;
  if (path === req.url) return undefined;
  return path;
}

export async function sendErrorPage(req: FastifyRequest, reply: FastifyReply, t: Translate, status: number, message: string): Promise<FastifyReply> {
  const org = KEEPS_FRAME.has(status) ? await orgOfUrl(req) : undefined;
  let v: View;
  try {
    v = { ...view(req, reply, org), t };
  } catch {
    // A request that failed before its context existed: the frame without a person or menu.
    v = { locale: t.locale, t, actor: { kind: 'anonymous' }, org: undefined, path: req.url, nav: [], roles: [], csrf: () => '', flash: undefined };
  }
  if (!KEEPS_FRAME.has(status)) v = { ...v, nav: [] };
  const back = KEEPS_FRAME.has(status) ? backPath(req) : undefined;
  const title = t(`error.title_${status}`);
  return sendHtml(
    reply,
    <Layout v={v} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <ul class="next-steps">
        {back ? (
          <li>
            <a href={back}>{t('error.go_back')}</a>
          </li>
        ) : null}
        {v.org ? (
          <li>
            <a href={`/o/${v.org.slug}`}>{t('error.go_org', { name: v.org.name })}</a>
          </li>
        ) : (
          <li>
            <a href="/">{t('error.go_home')}</a>
          </li>
        )}
      </ul>
    </Layout>,
    status,
  );
}
