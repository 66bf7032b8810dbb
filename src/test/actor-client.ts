// A client over fastify.inject that acts as one actor: anonymous, a user with a session cookie, or
// an API token. Sessions are created directly (as the sign-in form would), so suites that need many
// signed-in actors neither hash passwords nor run into the sign-in rate limit.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApiToken, createSession } from '../core/auth/sessions';

export type CsrfMode = 'valid' | 'none' | { token: string };

export interface ActorRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Sent urlencoded, as a browser posts a form. */
  form?: Record<string, unknown>;
  /** Sent as JSON, as an API caller does. */
  json?: unknown;
  /** For writes: the client's own token (default), none, or someone else's. */
  csrf?: CsrfMode;
}

interface UserRef {
  id: string;
  organisation_id: string;
}

export class ActorClient {
  private jar = new Map<string, string>();
  private csrfToken: string | undefined;

  private constructor(
    readonly app: FastifyInstance,
    private readonly bearer?: string,
  ) {}

  static anonymous(app: FastifyInstance): ActorClient {
    return new ActorClient(app);
  }

  /** A browser signed in as `user`: a fresh server-side session in a signed cookie. */
  static async signedIn(app: FastifyInstance, user: UserRef, settings = { idleMinutes: 120, maxHours: 12 }): Promise<ActorClient> {
    const client = new ActorClient(app);
    const token = await createSession(app.database.db, user, settings);
    client.jar.set('sid', encodeURIComponent(app.signCookie(token)));
    return client;
  }

  /** An API caller with a bearer token and no cookies at all. */
  static async withApiToken(app: FastifyInstance, user: UserRef): Promise<ActorClient> {
    return new ActorClient(app, await createApiToken(app.database.db, user, 'test'));
  }

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, encodeURIComponent(c.value));
    }
    return res;
  }

  private headers(accept: string): Record<string, string> {
    const h: Record<string, string> = { accept };
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    else if (this.jar.size) h.cookie = this.cookieHeader();
    return h;
  }

  /** This client's CSRF token, as the forms on its pages carry it; fetched once. */
  async csrf(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    const res = await this.send({ method: 'GET', url: '/sign-in' });
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on /sign-in (status ${res.statusCode})`);
    this.csrfToken = m[1]!;
    return this.csrfToken;
  }

  async send(req: ActorRequest): Promise<LightMyRequestResponse> {
    const write = req.method !== 'GET';
    const mode = req.csrf ?? (write && !this.bearer ? 'valid' : 'none');
    const token = mode === 'valid' ? await this.csrf() : mode === 'none' ? undefined : mode.token;
    if (req.json !== undefined || req.url.startsWith('/api/')) {
      const headers = this.headers('application/json');
      if (token) headers['x-csrf-token'] = token;
      if (req.json !== undefined) headers['content-type'] = 'application/json';
      return this.keep(await this.app.inject({ method: req.method, url: req.url, headers, ...(req.json !== undefined ? { payload: JSON.stringify(req.json) } : {}) }));
    }
    const headers = this.headers('text/html');
    if (!write) return this.keep(await this.app.inject({ method: 'GET', url: req.url, headers }));
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form ?? {})) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    }
    if (token) params.set('_csrf', token);
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return this.keep(await this.app.inject({ method: req.method, url: req.url, headers, payload: params.toString() }));
  }
}
