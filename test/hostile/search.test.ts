// Hostile search queries, and hostile text found by search: the query is echoed as text, excerpts are
// plain text, nothing a user types is read as tsquery syntax, and nothing crashes.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssignment, buildGoal } from '../../src/modules/follow-up/follow-up.factories';
import { engines } from '../../src/test/db';
import { CRITICAL, expectSafe, hostileParam, hostileRuns, hostileText, MARKUP, PROPERTY_TIMEOUT, showsAsText, SQL, useHostileWorld, wellFormed } from '../../src/test/hostile';

describe.each(engines)('hostile input: search on %s', (engine) => {
  const s = 'hostile-search';
  const w = useHostileWorld(engine, s);

  beforeAll(async () => {
    // Records whose text is itself hostile, so excerpts and titles of hits carry it.
    for (const text of [...MARKUP, ...SQL]) {
      await buildGoal(w.db, { organisationId: w.org.id, bodyId: w.council.id, yearFrom: w.year, title: `Trygghet ${text}` });
      await buildAssignment(w.db, { organisationId: w.org.id, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id, title: `Uppdrag om trygghet ${text}` });
    }
  });

  const readers = () => [w.clients.anonymous, w.clients.reader, w.clients.reporter];

  it('answers any query on the search page and the search API safely, and shows the query as text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), fc.option(hostileText(), { freq: 3 }), fc.nat(2), async (q, type, who) => {
        const reader = readers()[who]!;
        const params = `q=${encodeURIComponent(wellFormed(q))}${type === null ? '' : `&type=${encodeURIComponent(wellFormed(type))}`}`;
        const page = await reader.get(`/o/${s}/search?${params}`);
        expectSafe(page, `search page for ${JSON.stringify(q.slice(0, 60))}`);
        expect(page.statusCode).toBe(200);
        // The page echoes what it searched for (a query over the limit, or with a type it does not know, is not searched at all).
        const echoed = wellFormed(q);
        if (type === null && echoed.length <= 200 && echoed.trim()) expect(showsAsText(page.body, echoed), 'the query is shown as text').toBe(true);
        const res = await reader.get(`/api/v1/search?organisation=${s}&${params}`, { accept: 'application/json' });
        expectSafe(res, `search API for ${JSON.stringify(q.slice(0, 60))}`);
        expect([200, 400]).toContain(res.statusCode);
      }),
      hostileRuns(25, [...CRITICAL, ...SQL, '', ' ', 'trygghet:* & !', "trygghet' | '1", '\u0000', 'a'.repeat(201)].map((q) => [q, null, 0] as [string, string | null, number])),
    );
  }, PROPERTY_TIMEOUT);

  it('finds hostile records and shows their titles and excerpts as text', async () => {
    for (const reader of readers()) {
      // The hits come 20 a page: every page is safe, and the hostile title is on one of them as text.
      const pages: string[] = [];
      for (let next: string | undefined = `/o/${s}/search?q=trygghet`; next; ) {
        const page = await reader.get(next);
        expectSafe(page, `search page ${next}`);
        pages.push(page.body);
        next = /<a href="([^"]+)" rel="next">/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
        expect(pages.length).toBeLessThan(10);
      }
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.some((body) => showsAsText(body, `Trygghet ${MARKUP[0]}`))).toBe(true);
      const res = await reader.get(`/api/v1/search?organisation=${s}&q=trygghet&limit=200`, { accept: 'application/json' });
      expectSafe(res, 'search API');
      const titles = (res.json() as { items: { title: string }[] }).items.map((h) => h.title);
      expect(titles).toContain(`Uppdrag om trygghet ${MARKUP[1]}`);
    }
  });

  it('answers garbage in the query parameters of the search API with 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('q', 'type', 'limit', 'organisation', 'lang'), hostileParam(), { minKeys: 1 }), async (query) => {
        const qs = Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&');
        for (const url of [`/api/v1/search?${qs}`, `/o/${s}/search?${qs}`]) {
          const res = await w.clients.anonymous.get(url, url.startsWith('/api/') ? { accept: 'application/json' } : {});
          expectSafe(res, `GET ${url.slice(0, 200)}`);
          expect([200, 400, 404]).toContain(res.statusCode);
        }
      }),
      hostileRuns(30),
    );
  }, PROPERTY_TIMEOUT);
});
