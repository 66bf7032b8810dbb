// Search as a person uses it: the field in every page's header, one list ranked by relevance,
// counted and filtered by type, the matched words marked (and nothing else turned into markup),
// references in natural order, paged with honest totals, each record once, and downloads.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssignment, buildGoal } from '../modules/follow-up/follow-up.factories';
import { engines } from '../test/db';
import { column, expectSameTable } from '../test/exports';
import { buildBody, buildYear } from '../test/factories';
import { organisationApp, useFixture } from '../test/harness';
import { actorCtx } from '../test/context';
import { ANONYMOUS } from './context';
import { excerptParts, markWords, searchAll } from './search';
import type { SearchSource } from './manifest';

interface ApiHit {
  type: string;
  id: string;
  title: string;
  excerpt: string;
  highlights: { title: { text: string; match: boolean }[]; excerpt: { text: string; match: boolean }[] };
  href: string;
  rank: number;
}
interface ApiAnswer {
  items: ApiHit[];
  total: number;
  counts: { type: string; count: number }[];
}

const YEAR = 2018;
const FILLER = Array.from({ length: 40 }, (_, i) => `ord${i}`).join(' ');

describe.each(engines)('search on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['reader']));
  const ids: Record<string, string> = {};
  const api = async (query: string, status = 200): Promise<ApiAnswer> => {
    const res = await h.anonymous().get(`/api/v1/search?organisation=testkommun&${query}`, { accept: 'application/json' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    return res.json() as ApiAnswer;
  };
  const page = async (query: string) => {
    const res = await h.anonymous().get(`/o/testkommun/search?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const db = h.db;
    const org = h.org.id;
    const body = await buildBody(db, { organisationId: org, name: 'Tekniska nämnden' });
    await buildYear(db, org, YEAR);
    const goal = async (key: string, title: string, description = '', o: { reference?: string; published?: boolean } = {}) => {
      const g = await buildGoal(db, { organisationId: org, bodyId: body.id, yearFrom: YEAR, title, ...o });
      if (description) await db.updateTable('goals').set({ description }).where('id', '=', g.id).execute();
      ids[key] = g.id;
    };
    const assignment = async (key: string, title: string, text = '', reference = '') => {
      const a = await buildAssignment(db, { organisationId: org, year: YEAR, issuerBodyId: body.id, title, reference });
      if (text) await db.updateTable('assignments').set({ body: text }).where('id', '=', a.id).execute();
      ids[key] = a.id;
    };

    // Ranking: the word in one goal's title, in another's description, in an assignment's text.
    await goal('titleHit', 'Cykelbanor i hela staden');
    await goal('bodyHit', 'Trafikplan', `Planen bygger fler cykelbanor och säkrare cykelbanor vid skolor. ${FILLER}`);
    await assignment('assignmentBodyHit', 'Utred trafiken', 'Utredningen ska särskilt se på cykelbanor.');
    // Counting and filtering by type: parks in two goals, three assignments and a direction text.
    await goal('park1', 'Parker för alla');
    await goal('park2', 'Grönare stad', 'Fler parker i ytterområdena.');
    await goal('parkHidden', 'Parker som ännu inte är beslutade', '', { published: false });
    for (const n of [1, 2, 3]) await assignment(`parkA${n}`, `Rusta parker, etapp ${n}`);
    for (const n of [1, 2, 3]) await assignment(`pool${n}`, `Kommissionsuppdrag ${n}`, 'Kommissionen föreslår att staden bygger fler simhallar i ytterområdena.');
    const direction = await db
      .insertInto('directions')
      .values({ organisation_id: org, body_id: body.id, year: YEAR, title: '', body: 'Nämnden ska vårda stadens parker.', published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.parkDirection = direction.id;
    // Highlighting: markup in a title and a description, and text that pretends to carry the marks.
    await goal('markup', '<script>alert(1)</script> Belysning', 'Mer belysning <b>nu</b> och \uE000falsk\uE001 markering.');
    // Natural order of references among equal ranks.
    for (const ref of ['MK 10', 'MK 2', 'MK 1']) await assignment(`ref ${ref}`, 'Lekplatser', '', ref);
    // Paging: 45 hits of one word.
    for (let i = 1; i <= 45; i++) await assignment(`page${i}`, `Snöröjning område ${i}`);
    // Records whose only text is their title: an excerpt would say the title again.
    await goal('titleOnly', 'Ett tryggare torg');
    await assignment('titleOnlyAssignment', 'Torghandel', '', 'KS 4');
  });

  it('ranks a hit in the title above hits in the text, of any type', async () => {
    const { items } = await api('q=cykelbanor');
    expect(items.map((i) => i.id)).toEqual([ids.titleHit, ids.bodyHit, ids.assignmentBodyHit]);
    expect(items[0]!.rank).toBeGreaterThan(items[1]!.rank);
  });

  it('counts hits per type and filters by type, the counts staying for every type', async () => {
    const all = await api('q=parker');
    const counts = Object.fromEntries(all.counts.map((c) => [c.type, c.count]));
    // The unpublished goal is neither shown nor counted for the public.
    expect(counts).toMatchObject({ goal: 2, assignment: 3, direction: 1 });
    expect(all.total).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(all.items.map((i) => i.id)).not.toContain(ids.parkHidden);

    const assignments = await api('q=parker&type=assignment');
    expect(assignments.total).toBe(3);
    expect(assignments.items.map((i) => i.type)).toEqual(['assignment', 'assignment', 'assignment']);
    expect(assignments.counts).toEqual(all.counts);

    const html = await page('q=parker&type=direction');
    expect(html).toContain('Inriktning (1)');
    expect(html).toMatch(/<a href="\/o\/testkommun\/search\?q=parker&amp;type=goal">Mål \(2\)<\/a>/);
    expect(html).toMatch(/<a href="\/o\/testkommun\/search\?q=parker&amp;type=direction" aria-current="true">Inriktning \(1\)<\/a>/);
    expect(html).toContain(`href="/o/testkommun/directions/${ids.parkDirection}"`);
    expect(html).not.toContain(`href="/o/testkommun/goals/${ids.park1}"`);

    // A member also finds, and counts, the unpublished goal.
    const member = await h.reader.get('/api/v1/search?q=parker&type=goal', { accept: 'application/json' });
    expect((member.json() as ApiAnswer).total).toBe(3);
  });

  it('marks the matched words and shows everything else as text', async () => {
    const html = await page('q=belysning');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <mark>Belysning</mark>');
    expect(html).not.toContain('<script>alert(1)');
    // ts_headline leaves tags out of the excerpt; nothing of them becomes markup either way.
    expect(html).toContain('<p>Mer <mark>belysning</mark> nu och falsk markering</p>');
    expect(html).not.toContain('<b>');
    // <mark> around the matched words only, never from the stored text.
    const marked = [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]!.toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((w) => w.startsWith('belysning'))).toBe(true);
    expect(html).not.toMatch(/[\uE000\uE001]/);

    const { items } = await api('q=belysning');
    const hit = items.find((i) => i.id === ids.markup)!;
    expect(hit.title).toBe('<script>alert(1)</script> Belysning');
    expect(hit.excerpt).toBe('Mer belysning nu och falsk markering');
    expect(hit.highlights.excerpt.filter((p) => p.match).map((p) => p.text)).toEqual(['belysning']);
    expect(hit.highlights.title.map((p) => p.text).join('')).toBe(hit.title);
  });

  it('puts references in natural order among equal ranks: MK 1, MK 2, MK 10', async () => {
    const { items } = await api('q=lekplatser');
    expect(items.map((i) => i.title)).toEqual(['MK 1 Lekplatser', 'MK 2 Lekplatser', 'MK 10 Lekplatser']);
    expect(new Set(items.map((i) => i.rank)).size).toBe(1);
  });

  it('pages through the hits with the total of all pages', async () => {
    const first = await page('q=snöröjning');
    expect(first).toContain('45 träffar för ”snöröjning”');
    expect(first).toContain('Visar 1–20 av 45');
    const second = await page('q=sn%C3%B6r%C3%B6jning&offset=20');
    expect(second).toContain('Visar 21–40 av 45');
    expect(second).toMatch(/<ol class="hits" start="21">/);
    expect(second).toContain('href="/o/testkommun/search?q=sn%C3%B6r%C3%B6jning" rel="prev"');
    expect(second).toContain('href="/o/testkommun/search?q=sn%C3%B6r%C3%B6jning&amp;offset=40" rel="next"');

    const pages = await Promise.all([0, 20, 40].map((offset) => api(`q=sn%C3%B6r%C3%B6jning&limit=20&offset=${offset}`)));
    expect(pages.map((p) => p.total)).toEqual([45, 45, 45]);
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5]);
    const seen = pages.flatMap((p) => p.items.map((i) => i.title));
    expect(new Set(seen).size).toBe(45);
    expect(seen.slice(0, 3)).toEqual(['Snöröjning område 1', 'Snöröjning område 2', 'Snöröjning område 3']);
    expect(seen.at(-1)).toBe('Snöröjning område 45');
    // Past the last page: no empty list, the way back to the first page.
    const past = await page('q=sn%C3%B6r%C3%B6jning&offset=60');
    expect(past).not.toContain('<ol class="hits"');
    expect(past).toContain('<a href="/o/testkommun/search?q=sn%C3%B6r%C3%B6jning">Till första sidan med träffar</a>');
  });

  it('leaves out an excerpt that only says the title again', async () => {
    const { items } = await api('q=torg');
    expect(items.find((i) => i.id === ids.titleOnly)).toMatchObject({ title: 'Ett tryggare torg', excerpt: '', highlights: { excerpt: [] } });
    expect(items.find((i) => i.id === ids.titleOnlyAssignment)).toMatchObject({ title: 'KS 4 Torghandel', excerpt: '' });
    const html = await page('q=torg');
    expect(html).toMatch(/<a href="\/o\/testkommun\/goals\/[0-9a-f-]{36}">Ett tryggare <mark>torg<\/mark><\/a><\/li>/);
  });

  it('shows a record once even when a source finds it twice', async () => {
    const hit = (id: string, rank: number) => ({ type: 'note', id, title: `Anteckning ${id}`, excerpt: 'Samma \uE000text\uE001', href: `/o/testkommun/notes/${id}`, rank });
    const source: SearchSource = { type: 'note', labelKey: 'search.title', search: async () => ({ hits: [hit('a', 0.5), hit('b', 0.4), hit('a', 0.5)], total: 3 }) };
    const r = await searchAll(actorCtx(h.db, ANONYMOUS), [source], { organisationId: h.org.id, orgSlug: 'testkommun', q: 'text', limit: 20 });
    expect(r.hits.map((x) => x.id)).toEqual(['a', 'b']);
    expect(r.total).toBe(2);
    expect(r.counts).toEqual([{ type: 'note', labelKey: 'search.title', count: 2 }]);
  });

  it('shows a snippet that several records share once on the page, and keeps it for each in the API', async () => {
    const { items } = await api('q=simhallar&type=assignment');
    const shared = items.filter((i) => i.title.startsWith('Kommissionsuppdrag'));
    expect(shared).toHaveLength(3);
    expect(new Set(shared.map((i) => i.excerpt)).size).toBe(1);
    expect(shared[0]!.excerpt).not.toBe('');
    const html = await page('q=simhallar&type=assignment');
    const snippets = [...html.matchAll(/<\/a><p>(.*?)<\/p><\/li>/g)].map((m) => m[1]);
    expect(snippets).toHaveLength(new Set(snippets).size);
    expect(snippets.length).toBeGreaterThan(0);
  });

  it('says what was wrong with a filter and searches without it; the API refuses it', async () => {
    const html = await page('q=parker&type=nonsense');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('6 träffar för ”parker”');
    expect((await h.anonymous().get('/api/v1/search?organisation=testkommun&q=parker&type=nonsense', { accept: 'application/json' })).statusCode).toBe(400);
    expect((await h.anonymous().get('/api/v1/search?organisation=testkommun&q=parker&offset=5000', { accept: 'application/json' })).statusCode).toBe(400);
    expect(await page('q=%3A%2A%20%26')).toContain('Skriv minst ett ord med bokstäver eller siffror.');
  });

  it('downloads the hits as Excel and CSV, the same rows in the same order', async () => {
    const book = await expectSameTable(h.anonymous(), '/o/testkommun/search', '?q=parker&type=assignment');
    expect(book.header).toEqual(['Typ', 'Rubrik', 'Utdrag', 'Länk', 'Relevans']);
    expect(column(book, 'Rubrik')).toEqual(['Rusta parker, etapp 1', 'Rusta parker, etapp 2', 'Rusta parker, etapp 3']);
    expect(String(column(book, 'Länk')[0])).toMatch(new RegExp(`/o/testkommun/assignments/${ids.parkA1}$`));
    const html = await page('q=parker');
    expect(html).toContain('href="/o/testkommun/search.xlsx?q=parker"');
  });

  it('offers the search field in the header of every page of the organisation', async () => {
    const goals = await h.anonymous().get('/o/testkommun/goals');
    expect(goals.body).toMatch(/<form method="get" action="\/o\/testkommun\/search" role="search" aria-label="Sök i Testkommun" class="site-search">/);
    expect(goals.body).toContain('<label for="site-search-q" class="visually-hidden">Sök i Testkommun</label>');
    // Outside an organisation there is nothing to search in.
    expect((await h.anonymous().get('/')).body).not.toContain('class="site-search"');
  });
});

describe('marks', () => {
  it('turns the marks into parts and drops a mark without its pair', () => {
    expect(excerptParts('a \uE000b\uE001 c')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
    expect(excerptParts('a \uE000b c')).toEqual([{ text: 'a b c', match: false }]);
    expect(excerptParts('x \uE001y')).toEqual([{ text: 'x y', match: false }]);
    expect(excerptParts('Samma text … samma  text … annan')).toEqual([{ text: 'Samma text … annan', match: false }]);
  });

  it('marks the words of a title that begin with a lexeme of the query', () => {
    expect(markWords('Uppdragen i kommunen', ['uppdrag'])).toEqual([
      { text: 'Uppdragen', match: true },
      { text: ' i kommunen', match: false },
    ]);
    expect(markWords('Skoluppdrag', ['uppdrag'])).toEqual([{ text: 'Skoluppdrag', match: false }]);
  });
});
