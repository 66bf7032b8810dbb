// Error pages are no dead end: below /o/:org they keep the organisation's menu and lead back to the page
// the person came from (only ever a page of this site), and a refused sign-in still leads to the sign-in.
import { beforeAll, describe, expect, it } from 'vitest';
import { routeOrg } from '../http/routes';
import { AppError } from '../errors';
import type { ModuleManifest } from '../manifest';
import { modules } from '../../modules';
import type { TestClient } from '../../test/client';
import { engines } from '../../test/db';
import { buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';

// A page that always meets a conflict, as a write based on a stale version would.
const conflicting: ModuleManifest = {
  name: 'conflicting',
  access: { 'GET /o/:org/conflicting': 'public' },
  routes(app) {
    app.get('/o/:org/conflicting', async (req) => {
      await routeOrg(req);
      throw new AppError('conflict', 'error.conflict');
    });
  },
};

const MISSING = '/o/felkommun/assignments/00000000-0000-4000-8000-000000000000';
const NAV = '<nav aria-label="Huvudmeny" class="main-nav">';

describe.each(engines)('error pages on %s', (engine) => {
  const h = useFixture(() => startApp(engine, { modules: [...modules, conflicting] }));
  let reader: TestClient;

  beforeAll(async () => {
    const org = await buildOrg(h.db, { slug: 'felkommun', name: 'Felkommun' });
    await buildOrg(h.db, { slug: 'grannfel', name: 'Grannfelkommun' });
    reader = (await h.signIn(org.id, 'reader')).client;
  });

  it('keeps the organisation’s menu on a page not found, and leads back to where the person was', async () => {
    const res = await h.anonymous().get(MISSING, { referer: 'http://localhost:80/o/felkommun/assignments?year=2018' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<h1>Sidan finns inte</h1>');
    expect(res.body).toContain(NAV);
    expect(res.body).toContain('<a href="/o/felkommun/assignments" aria-current="page">Uppdrag</a>');
    expect(res.body).toContain('<span class="brand-org">Felkommun</span>');
    expect(res.body).toContain('<a href="/o/felkommun/assignments?year=2018">Tillbaka till sidan du kom från</a>');
    expect(res.body).toContain('<a href="/o/felkommun">Till startsidan för Felkommun</a>');

    // A path no route answers, below the organisation, too.
    const unrouted = await h.anonymous().get('/o/felkommun/finns-inte');
    expect(unrouted.statusCode).toBe(404);
    expect(unrouted.body).toContain(NAV);

    const en = await h.anonymous().get(`${MISSING}?lang=en`);
    expect(en.body).toContain('<a href="/o/felkommun">Go to the start page of Felkommun</a>');
    // Without a Referer there is no way back to offer, only the organisation's start page.
    expect(en.body).not.toContain('Back to the page you came from');
  });

  it('never leads back to another site, nor to the failing page itself', async () => {
    for (const referer of ['https://elak.example/o/felkommun', 'http://localhost:80//elak.example/x', `http://localhost:80${MISSING}`, 'javascript:alert(1)', 'inte en adress']) {
      const res = await h.anonymous().get(MISSING, { referer });
      expect(res.statusCode, referer).toBe(404);
      expect(res.body, referer).not.toContain('Tillbaka till sidan du kom från');
      expect(res.body, referer).toContain('<a href="/o/felkommun">Till startsidan för Felkommun</a>');
    }
  });

  it('keeps the menu a member sees on a refusal, and the public menu on a conflict', async () => {
    const refused = await reader.get('/o/felkommun/users', { referer: 'http://localhost:80/o/felkommun/bodies' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<h1>Åtkomst nekad</h1>');
    expect(refused.body).toContain(NAV);
    expect(refused.body).toContain('<a href="/o/felkommun/work">Mitt arbete</a>');
    expect(refused.body).toContain('<a href="/o/felkommun/bodies">Tillbaka till sidan du kom från</a>');

    const conflict = await h.anonymous().get('/o/felkommun/conflicting');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('<h1>Konflikt</h1>');
    expect(conflict.body).toContain(NAV);
    expect(conflict.body).not.toContain('/o/felkommun/work');
  });

  it('has no organisation frame where there is no organisation, and still sends the signed-out to sign in', async () => {
    const unknown = await h.anonymous().get('/o/ingen-sadan-kommun/goals');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain(NAV);
    expect(unknown.body).toContain('<a href="/">Till startsidan</a>');

    const outside = await h.anonymous().get('/finns-inte');
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain(NAV);

    const signIn = await h.anonymous().get('/o/felkommun/users');
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe(`/sign-in?back=${encodeURIComponent('/o/felkommun/users')}`);
  });
});
