// A browser-like client over fastify.inject: keeps cookies, reads CSRF tokens from forms, signs in.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class TestClient {
  private jar = new Map<string, string>();

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers } }));
  }

  /** A CSRF token valid for this client's cookie, as a form on a page would carry it. */
  async csrf(): Promise<string> {
    const res = await this.get('/sign-in');
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error('no CSRF token on /sign-in');
    return m[1]!;
  }

  /** Posts a form the way a browser does (urlencoded, with the page's CSRF token unless given). */
  async post(url: string, form: Record<string, string | string[] | number | undefined>, opts: { csrf?: string | false } = {}): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    }
    if (opts.csrf !== false && !params.has('_csrf')) params.set('_csrf', opts.csrf ?? (await this.csrf()));
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: params.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: this.cookieHeader() },
      }),
    );
  }

  /** A JSON API call with the session cookie (and CSRF header for writes). */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    // The token first: fetching it may set the CSRF cookie the header below must carry.
    const token = method !== 'GET' ? await this.csrf() : undefined;
    const h: Record<string, string> = { accept: 'application/json', cookie: this.cookieHeader(), ...headers };
    if (token) h['x-csrf-token'] = token;
    return this.keep(
      await this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: JSON.stringify(body), headers: { ...h, 'content-type': 'application/json' } } : {}) }),
    );
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/sign-in', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`);
    return res;
  }

  hasCookie(name: string): boolean {
    return this.jar.has(name);
  }
}
