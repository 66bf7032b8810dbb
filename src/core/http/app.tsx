// Builds the Fastify application: security plumbing, who-is-asking, errors, core pages, then every module.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { ANONYMOUS } from '../context';
import { actorForApiToken, actorForSession } from '../auth/sessions';
import type { Database } from '../db/database';
import { ALL_ORGANISATIONS, enterRequestScope } from '../db/tenant';
import { AppError, STATUS } from '../errors';
import { sendErrorPage } from '../html/error-page';
import { isLocale, type Locale, type Translate } from '../i18n';
import type { ModuleManifest } from '../manifest';
import { ensureSecret } from '../orgs';
import { buildCatalogue, type Catalogue } from '../catalogue';
import { fromRoot } from '../paths';
import { apiErrorSchema } from './api';
import { registerAccountRoutes } from './account-routes';
import { registerCoreRoutes } from './core-routes';
import { searchRoutes } from '../search-page';
import { formShape } from './forms';
import { inputRefusal, isDatabaseDown } from './db-errors';
import type { RouteEntry } from './types';

const PUBLIC_DIR = fromRoot('public');

export interface AppOptions {
  config: Config;
  database: Database;
  modules: readonly ModuleManifest[];
  logger?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const catalogue = buildCatalogue(options.modules);
  const { modules } = catalogue;
  const sv = catalogue.messages.translator('sv');
  const en = catalogue.messages.translator('en');
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Sessions' cookie flags depend on TLS; we also never want Fastify to echo internals.
    return503OnClosing: true,
    // A URL the router cannot even parse (broken percent-encoding, an over-long parameter) is
    // answered before any hook runs; answer it plainly, with the headers every other answer has.
    frameworkErrors: (err, req, reply) => {
      const api = req.url.startsWith('/api/');
      void (reply as unknown as FastifyReply)
        .status(err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
        .header('cache-control', 'no-store')
        .type(api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8')
        .send(api ? JSON.stringify({ error: 'bad_request', message: sv('error.bad_request'), messages: { sv: sv('error.bad_request'), en: en('error.bad_request') } }) : `${sv('error.bad_request')}\n${en('error.bad_request')}\n`);
    },
  });
  app.decorate('database', database);
  app.decorate('catalogue', catalogue);
  // Every route as registered, each with the access class its module declares: a route nobody
  // decided the access of cannot be registered (the authorization matrix then holds each to its class).
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      const access = catalogue.access.get(key);
      if (!access && method !== 'HEAD') throw new Error(`Route ${key} has no access class: declare it in its module's manifest (access)`);
      routeTable.push({ method, url: route.url, config: route.config, access: access ?? catalogue.access.get(`GET ${route.url}`)! });
    }
  });
  app.addHook('onReady', async () => {
    const registered = new Set(routeTable.map((r) => `${r.method} ${r.url}`));
    const stale = [...catalogue.access.keys()].filter((key) => !registered.has(key));
    if (stale.length) throw new Error(`Access is declared for routes that do not exist: ${stale.join(', ')}`);
  });

  // Schemas on routes document the API (OpenAPI); input is parsed by Zod in the handlers and
  // commands, so the same rules and messages serve forms and API.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  const secret = config.cookieSecret ?? (await ensureSecret(database.db, 'cookie_secret'));
  // Secure by default for every cookie (flash and language too), not only the session's.
  await app.register(cookie, { secret, parseOptions: { secure: config.secureCookies } });
  await app.register(formbody);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: config.secureCookies },
  });
  app.addSchema(apiErrorSchema);
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1h', index: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Riktning open data API',
        version: '1',
        description:
          'Goals, assignments, follow-up and more from municipalities using Riktning. Anonymous callers see what is published; ' +
          'signed-in users (session cookie or `Authorization: Bearer` API token) see what their role allows. ' +
          'Collections answer `{ items, total }` and page with `limit` and `offset`.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: ({ schema, url }) => ({
      schema: url.startsWith('/api/v1/') && url !== '/api/v1/openapi.json' ? schema : ({ ...schema, hide: true } as typeof schema),
      url,
    }),
  });

  // Language: an explicit choice (cookie or ?lang=) wins; else Swedish, or English for API callers asking for it.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', 'sv');
  app.decorateRequest('viaToken', false);
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req);
    req.actor = ANONYMOUS;
    // Set before anything can fail (a database that is down answers the session lookup with an
    // error), so that the error page has the request's language and texts.
    req.ctx = { db: database.db, actor: ANONYMOUS, locale: req.locale, t: catalogue.messages.translator(req.locale), catalogue };
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const actor = await actorForApiToken(database.db, auth.slice(7).trim(), catalogue.userBodies);
      if (!actor) throw new AppError('unauthenticated', 'error.bad_token');
      req.actor = actor;
      req.viaToken = true;
    } else {
      const sid = req.cookies.sid;
      const unsigned = sid ? req.unsignCookie(sid) : undefined;
      if (unsigned?.valid && unsigned.value) {
        req.actor =
          (await actorForSession(database.db, unsigned.value, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }, catalogue.userBodies)) ??
          ANONYMOUS;
      }
    }
    req.ctx.actor = req.actor;
  });
  // From here on the request's queries run in its own tenant scope: all organisations until its route
  // resolves the one it is about (requireOrg / apiOrganisation narrow it), then only that one.
  app.addHook('preHandler', (_req, _reply, done) => enterRequestScope({ organisationId: ALL_ORGANISATIONS }, done));
  // Pages take forms: whatever was posted to one (JSON too) is read as form fields, texts or lists of texts.
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && !isApi(req)) req.body = formShape(req.body);
  });
  // CSRF is checked once the body is parsed (preHandler); token-authenticated API calls carry no cookie to forge.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.viaToken) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler((err, req, reply) => handleError(catalogue, err as FastifyError, req, reply));
  app.setNotFoundHandler((req, reply) => handleError(catalogue, new AppError('not_found', 'error.page_not_found'), req, reply));

  await registerCoreRoutes(app, { config });
  searchRoutes(app, catalogue);
  await registerAccountRoutes(app, { config });
  for (const m of modules) if (m.routes) await app.register(async (scope) => m.routes!(scope));
  return app;
}

function pickLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(q)) return q;
  const c = req.cookies?.lang;
  if (isLocale(c)) return c;
  if (req.url.startsWith('/api/')) {
    const first = req.headers['accept-language']?.split(',')[0]?.trim().slice(0, 2);
    if (isLocale(first)) return first;
  }
  return 'sv';
}

export const isApi = (req: FastifyRequest): boolean => req.url.startsWith('/api/');

function handleError(catalogue: Catalogue, err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  // An error before the request's context exists (a malformed cookie, say) is answered in Swedish.
  const t = req.ctx?.t ?? catalogue.messages.translator(req.locale ?? 'sv');
  let kind: AppError['kind'];
  let key: string;
  let details: Record<string, unknown> | undefined;
  let params: Record<string, string | number> | undefined;
  if (err instanceof AppError) {
    kind = err.kind;
    key = err.messageKey;
    details = err.details;
    params = err.params;
  } else if (isDatabaseDown(err)) {
    kind = 'unavailable';
    key = 'error.db_unavailable';
  } else if (inputRefusal(err)) {
    ({ kind, key } = inputRefusal(err)!);
  } else if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
    kind = 'forbidden';
    key = 'error.csrf';
  } else if (err.statusCode === 429) {
    return reply.status(429).type(isApi(req) ? 'application/json' : 'text/plain; charset=utf-8').send(
      isApi(req) ? { error: 'rate_limited', message: t('error.rate_limited') } : t('error.rate_limited'),
    );
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    kind = err.statusCode === 404 ? 'not_found' : err.statusCode === 403 ? 'forbidden' : 'bad_request';
    key = err.statusCode === 413 ? 'error.too_large' : err.statusCode === 415 ? 'error.media_type' : 'error.bad_request';
  } else {
    req.log.error({ err }, 'unhandled error');
    return renderError(t, req, reply, 500, 'internal', 'error.internal');
  }
  if (kind === 'unauthenticated' && !isApi(req) && req.method === 'GET') {
    return reply.redirect(`/sign-in?back=${encodeURIComponent(req.url)}`, 303);
  }
  const status = STATUS[kind];
  if (kind === 'unavailable') reply.header('retry-after', '5');
  return renderError(t, req, reply, status, kind, key, err instanceof AppError ? details : undefined, params);
}

function renderError(t: Translate, req: FastifyRequest, reply: FastifyReply, status: number, kind: string, key: string, details?: Record<string, unknown>, params?: Record<string, string | number>) {
  if (isApi(req) || !req.headers.accept?.includes('text/html') && req.method !== 'GET') {
    return reply.status(status).send({ error: kind, message: t(key, params), ...(details ? details : {}) });
  }
  return sendErrorPage(req, reply, t, status, t(key, params));
}
