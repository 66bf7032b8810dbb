// Pages and endpoints that belong to no module: home, health, language, sign-in, OpenAPI (the history is core/history.tsx, search core/search-page.tsx).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config';
import { createSession, revokeSession } from '../auth/sessions';
import { recordPreviousVisit } from '../auth/last-visit';
import { dummyHash, verifyPassword } from '../auth/password';
import { beginSignInAttempt, signInSucceeded } from '../auth/sign-in-throttle';
import { ping } from '../db/database';
import { AppError } from '../errors';
import { ErrorSummary, Form, PageHeader, Submit, TextField } from '../html/components';
import { Layout } from '../html/layout';
import { sendHtml, setFlash, view, type View } from '../html/view';
import { isLocale } from '../i18n';
import { findOrgBySlug, requireOrg } from '../orgs';
import { narrowTenant } from '../db/tenant';
import { parseInput } from '../validation';

export async function registerCoreRoutes(app: FastifyInstance, deps: { config: Config }) {
  const { config } = deps;
  const db = app.database.db;

  // Browsers and feed readers ask for /favicon.ico whatever the page links; the same icon as /static/favicon.svg.
  app.get('/favicon.ico', (_req, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('favicon.ico'));

  app.get('/healthz', async (_req, reply) => {
    const up = await ping(db);
    return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'database unavailable', engine: app.database.engine });
  });

  app.get('/', async (req, reply) => {
    const orgs = await db.selectFrom('organisations').select(['slug', 'name', 'description']).where('archived_at', 'is', null).orderBy('name').execute();
    const v = view(req, reply);
    return sendHtml(
      reply,
      <Layout v={v} title={v.t('home.title')}>
        <PageHeader title={v.t('home.title')} lead={v.t('home.lead')} />
        <h2>{v.t('home.organisations')}</h2>
        <ul class="cards">
          {orgs.map((o) => (
            <li class="card">
              <h3>
                <a href={`/o/${o.slug}`}>{o.name}</a>
              </h3>
              {o.description ? <p>{o.description}</p> : null}
            </li>
          ))}
        </ul>
        {req.actor.kind === 'anonymous' ? (
          <p>
            <a href="/sign-in">{v.t('home.sign_in_hint')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });

  // A preference, not a change of state, so a plain link works without JavaScript.
  app.get('/lang/:locale', async (req, reply) => {
    const { locale } = req.params as { locale: string };
    const back = safeBack((req.query as { back?: string }).back);
    if (!isLocale(locale)) throw new AppError('not_found');
    reply.setCookie('lang', locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600, secure: config.secureCookies });
    return reply.redirect(back, 303);
  });

  const signInSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), password: z.string().min(1).max(1000) });

  const signInPage = (v: View, values: { email?: string; back: string }, errors?: Record<string, string>) => (
    <Layout v={v} title={v.t('auth.sign_in')}>
      <PageHeader title={v.t('auth.sign_in')} lead={v.t('auth.sign_in_lead')} />
      <ErrorSummary v={v} errors={errors} />
      <Form v={v} action={values.back ? `/sign-in?back=${encodeURIComponent(values.back)}` : '/sign-in'}>
        <TextField name="email" label={v.t('auth.email')} type="email" autocomplete="username" value={values.email} error={errors?.email} required />
        <TextField name="password" label={v.t('auth.password')} type="password" autocomplete="current-password" error={errors?.password} required />
        <Submit label={v.t('auth.sign_in')} />
      </Form>
    </Layout>
  );

  app.get('/sign-in', async (req, reply) => {
    // Without a return path, a signed-in user lands on their own organisation.
    const back = safeBack((req.query as { back?: string }).back, '');
    return sendHtml(reply, signInPage(view(req, reply), { back }));
  });

  app.post(
    '/sign-in',
    // A per-server guard against floods; the sign-in policy itself is the database throttle below,
    // so this sits above its per-client limit and never answers before it.
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const back = safeBack((req.query as { back?: string }).back, '');
      const v = view(req, reply);
      const parsed = parseInput(signInSchema, req.body, req.ctx.t);
      const email = typeof (req.body as { email?: unknown })?.email === 'string' ? String((req.body as { email: string }).email) : '';
      if (!parsed.ok) return sendHtml(reply, signInPage(v, { email, back }, parsed.fieldErrors), 400);
      // Before the password is checked, and the same for addresses with and without an account.
      const throttle = await beginSignInAttempt(db, parsed.data.email, req.ip);
      if (!throttle.allowed) {
        req.log.warn({ event: 'sign_in_throttled', retryAfter: throttle.retryAfterSeconds }, 'sign-in throttled');
        reply.header('retry-after', String(throttle.retryAfterSeconds));
        return sendHtml(reply, signInPage(v, { email, back }, { _form: v.t('auth.throttled', { minutes: Math.ceil(throttle.retryAfterSeconds / 60) }) }), 429);
      }
      const user = await db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['users.id', 'users.organisation_id', 'users.password_hash', 'organisations.slug'])
        .where('users.email', '=', parsed.data.email)
        .where('users.archived_at', 'is', null)
        .executeTakeFirst();
      const good = await verifyPassword(user?.password_hash ?? (await dummyHash()), parsed.data.password);
      if (!user || !good) {
        req.log.info({ event: 'sign_in_failed' }, 'sign-in failed');
        return sendHtml(reply, signInPage(v, { email, back }, { _form: v.t('auth.bad_credentials') }), 401);
      }
      await signInSucceeded(db, throttle.attempt);
      // A new session id at every sign-in (no session fixation); the old one, if any, ends.
      const old = req.cookies.sid ? req.unsignCookie(req.cookies.sid) : undefined;
      if (old?.valid && old.value) await revokeSession(db, old.value);
      // Before the new session exists, so the work page can show what changed since the last one.
      await recordPreviousVisit(db, user.id);
      const token = await createSession(db, user, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours });
      reply.setCookie('sid', token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: config.sessionMaxHours * 3600,
      });
      setFlash(reply, 'auth.signed_in');
      // From the home page (or nowhere in particular) a user lands on their own work page: their next step.
      return reply.redirect(back && back !== '/' ? back : `/o/${user.slug}/work`, 303);
    },
  );

  app.post('/sign-out', async (req, reply) => {
    const sid = req.cookies.sid ? req.unsignCookie(req.cookies.sid) : undefined;
    if (sid?.valid && sid.value) await revokeSession(db, sid.value);
    reply.clearCookie('sid', { path: '/' });
    setFlash(reply, 'auth.signed_out');
    return reply.redirect('/', 303);
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.type('application/json').send(JSON.stringify(app.swagger())));
}

/**
 * A return path after sign-in or a language switch: only paths on this site, as printable ASCII (a
 * browser's own request path is percent-encoded). Browsers drop tabs and line breaks, so "/\t/evil"
 * would lead to //evil, and a Location header cannot carry them at all.
 */
export function safeBack(back: string | undefined, fallback = '/'): string {
  if (typeof back !== 'string' || !/^\/(?![/\\])[\x21-\x7e]*$/.test(back)) return fallback;
  return back;
}

/**
 * The organisation an API call is about: `?organisation=slug`, else the caller's own, else the
 * installation's only one. Exported for modules' API routes.
 */
export async function apiOrganisation(req: import('fastify').FastifyRequest, slug: string | undefined) {
  const db = req.ctx.db;
  if (slug) return requireOrg(db, slug);
  if (req.actor.kind === 'user') {
    const own = await db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', '=', req.actor.organisationId).executeTakeFirst();
    if (own) {
      narrowTenant(own.id);
      return own;
    }
  }
  const orgs = await db.selectFrom('organisations').select(['id', 'slug', 'name']).where('archived_at', 'is', null).limit(2).execute();
  if (orgs.length === 1) {
    narrowTenant(orgs[0]!.id);
    return orgs[0]!;
  }
  throw new AppError('validation', 'error.organisation_required', { fieldErrors: { organisation: req.ctx.t('error.organisation_required') } });
}

export { findOrgBySlug };
