// Swedish full-text search across every module that declares a search source: one ranked list,
// counted and filtered by type, paged, with the matched words marked.
import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { Ctx } from './context';
import type { Executor } from './db/schema';
import { compareText } from './i18n';
import type { SearchHit, SearchSource } from './manifest';

/** Hits on one page of the search page and the API. */
export const SEARCH_PAGE_SIZE = 20;
/**
 * How deep paging reaches. Each source is asked for its best `offset + limit` hits (a merged,
 * ranked list cannot be paged inside one source), so a page past this would cost every source
 * thousands of excerpts; a narrower query or a type filter gets there instead.
 */
export const SEARCH_MAX_OFFSET = 1000;
/** The most hits one search exports. */
export const SEARCH_EXPORT_LIMIT = SEARCH_MAX_OFFSET;

/**
 * The marks ts_headline puts around matched words: two private-use characters, which no keyboard
 * types and which are taken out of the text before it is marked, so stored text cannot fake a mark.
 * They never reach a page or an API answer: `excerptParts` turns them into parts, the page draws
 * the matched parts as <mark> through JSX, which escapes everything else.
 */
const START = '\uE000';
const STOP = '\uE001';
const FRAGMENT_DELIMITER = ' … ';
const HEADLINE_OPTIONS = `StartSel="${START}",StopSel="${STOP}",MaxWords=30,MinWords=12,ShortWord=2,MaxFragments=2,FragmentDelimiter="${FRAGMENT_DELIMITER}"`;

/**
 * Turns what a user typed into a tsquery: each word stemmed by the Swedish configuration and
 * matched as a prefix ("kommun" finds "kommunens", "uppdrag" finds "uppdragen"). Only letters and
 * digits pass, so nothing a user types is read as tsquery syntax.
 */
export function toTsquery(q: string): string | undefined {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (!words.length) return undefined;
  return words.map((w) => `${w.toLowerCase()}:*`).join(' & ');
}

/** The tsquery as SQL, for a source's `search @@` condition and its `ts_rank`. */
export const tsQuery = (tsquery: string): RawBuilder<unknown> => sql`to_tsquery('swedish', ${tsquery})`;

/**
 * A source's query, ranked and cut for the merged list, in one round trip. `matches` is the
 * module's own query with its visibility rules, selecting at least `rank` (its `ts_rank`) and `doc`
 * (the text the excerpt is taken from). It returns the best `limit` rows, plus every row tied with
 * the last of them (so the merged list can order ties by title without missing one), each with its
 * marked excerpt in place of `doc`, and the number of all matching rows. Excerpts are made only for
 * the rows returned. With `limit` 0 it only counts.
 */
export async function rankedSearch<R extends { rank: number | string; doc: string }>(
  db: Executor,
  matches: Compilable<R>,
  tsquery: string,
  limit: number,
): Promise<{ rows: (Omit<R, 'doc' | 'rank'> & { rank: number; excerpt: string })[]; total: number }> {
  if (limit <= 0) {
    const counted = await sql<{ n: number | string }>`select count(*) as n from (${matches}) m`.execute(db);
    return { rows: [], total: Number(counted.rows[0]?.n ?? 0) };
  }
  const result = await sql<R & { total: number | string; place: number | string; excerpt: string }>`
    select s.*, ts_headline('swedish', translate(s.doc, ${START + STOP}, ''), ${tsQuery(tsquery)}, ${HEADLINE_OPTIONS}) as excerpt
    from (select m.*, count(*) over () as total, rank() over (order by m.rank desc) as place from (${matches}) m) s
    where s.place <= ${limit}
    order by s.place`.execute(db);
  const total = Number(result.rows[0]?.total ?? 0);
  const rows = result.rows.map(({ doc: _doc, total: _total, place: _place, ...row }) => ({ ...row, rank: Number(row.rank) }));
  return { rows: rows as unknown as (Omit<R, 'doc' | 'rank'> & { rank: number; excerpt: string })[], total };
}

/** A piece of a title or an excerpt; `match` pieces are the words the search found. */
export interface TextPart {
  text: string;
  match: boolean;
}

export interface ShownHit {
  type: string;
  typeLabelKey: string;
  id: string;
  href: string;
  rank: number;
  title: string;
  titleParts: TextPart[];
  /** Plain text, without marks; '' when it would only repeat the title. */
  excerpt: string;
  excerptParts: TextPart[];
}

export interface TypeCount {
  type: string;
  labelKey: string;
  count: number;
}

export interface SearchResults {
  /** The hits on the page asked for, best first. */
  hits: ShownHit[];
  /** Hits of the chosen type (of every type without one), over all pages. */
  total: number;
  /** Hits per type, for every type there is, whichever is chosen. */
  counts: TypeCount[];
  offset: number;
  limit: number;
}

/**
 * Searches every source and returns one page of the merged list: best rank first, ties in natural
 * title order (MK 2 before MK 10) in the reader's language, then by type and id, so paging is stable.
 * Each source runs one query (counting only, for types not chosen); a record found twice is shown once.
 */
export async function searchAll(
  ctx: Ctx,
  sources: readonly SearchSource[],
  args: { organisationId: string; orgSlug: string; q: string; offset?: number; limit: number; type?: string | undefined },
): Promise<SearchResults> {
  const offset = Math.min(Math.max(0, args.offset ?? 0), SEARCH_MAX_OFFSET);
  const limit = Math.max(0, args.limit);
  const tsquery = toTsquery(args.q);
  const empty = { hits: [], total: 0, counts: sources.map((s) => ({ type: s.type, labelKey: s.labelKey, count: 0 })), offset, limit };
  if (!tsquery) return empty;
  const chosen = (s: SearchSource) => !args.type || args.type === s.type;
  const [lexemes, ...results] = await Promise.all([
    queryLexemes(ctx.db, tsquery),
    ...sources.map((s) => s.search(ctx, { organisationId: args.organisationId, orgSlug: args.orgSlug, tsquery, limit: chosen(s) ? offset + limit : 0 })),
  ]);
  const byTitle = compareText(ctx.locale);
  const seen = new Set<string>();
  const merged: (SearchHit & { typeLabelKey: string })[] = [];
  const counts = sources.map((s, i) => ({ type: s.type, labelKey: s.labelKey, count: results[i]!.total }));
  results.forEach((r, i) => {
    const source = sources[i]!;
    if (!chosen(source)) return;
    for (const hit of r.hits) {
      const key = `${hit.type}\u0000${hit.id}`;
      if (seen.has(key)) {
        counts[i]!.count--;
        continue;
      }
      seen.add(key);
      merged.push({ ...hit, typeLabelKey: source.labelKey });
    }
  });
  merged.sort((a, b) => b.rank - a.rank || byTitle(a.title, b.title) || cmp(a.type, b.type) || cmp(a.id, b.id));
  const total = counts.filter((c) => !args.type || args.type === c.type).reduce((sum, c) => sum + c.count, 0);
  const hits = merged.slice(offset, offset + limit).map((h) => shown(h, lexemes));
  return { hits, total, counts, offset, limit };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function shown(hit: SearchHit & { typeLabelKey: string }, lexemes: readonly string[]): ShownHit {
  const titleParts = markWords(hit.title, lexemes);
  let parts = excerptParts(hit.excerpt);
  // An excerpt that only says what the title says (a record whose only text is its title) is left out.
  if (normalise(hit.title).includes(normalise(plain(parts)))) parts = [];
  return {
    type: hit.type,
    typeLabelKey: hit.typeLabelKey,
    id: hit.id,
    href: hit.href,
    rank: hit.rank,
    title: hit.title,
    titleParts,
    excerpt: plain(parts),
    excerptParts: parts,
  };
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const plain = (parts: readonly TextPart[]) => parts.map((p) => p.text).join('');

/**
 * A marked excerpt as parts. Fragments that read the same (a text that repeats a sentence) are
 * shown once; a mark without its pair is dropped, never shown.
 */
export function excerptParts(marked: string): TextPart[] {
  const fragments: string[] = [];
  const seen = new Set<string>();
  // Runs of white space (line breaks, and the spaces ts_headline leaves where it drops a tag) read as one.
  for (const fragment of marked.replace(/\s+/g, ' ').trim().split(FRAGMENT_DELIMITER)) {
    const key = normalise(fragment.replace(/[\uE000\uE001]/g, ''));
    if (!key || seen.has(key)) continue;
    seen.add(key);
    fragments.push(fragment);
  }
  const parts: TextPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  fragments.forEach((fragment, i) => {
    if (i > 0) push(FRAGMENT_DELIMITER, false);
    // Split on the start mark: before the first is plain; after each, up to its stop mark, is a match.
    const [head, ...rest] = fragment.split(START);
    push(strip(head!), false);
    for (const piece of rest) {
      const stop = piece.indexOf(STOP);
      if (stop < 0) push(strip(piece), false);
      else {
        push(strip(piece.slice(0, stop)), true);
        push(strip(piece.slice(stop + 1)), false);
      }
    }
  });
  return parts;
}

const strip = (s: string) => s.replace(/[\uE000\uE001]/g, '');

/**
 * Marks the words of a title that the search matched: words beginning with one of the query's
 * stemmed lexemes, as the prefix query itself matches them. Titles are often put together by the
 * source (a report's title names its assignment, body and period), so they are marked here rather
 * than by ts_headline.
 */
export function markWords(text: string, lexemes: readonly string[]): TextPart[] {
  if (!lexemes.length) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    if (!lexemes.some((l) => word.startsWith(l))) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** The stemmed words of the tsquery ('uppdragen:*' → uppdrag), as the database reads them; stop words drop out. */
async function queryLexemes(db: Executor, tsquery: string): Promise<string[]> {
  const { rows } = await sql<{ q: string }>`select ${tsQuery(tsquery)}::text as q`.execute(db);
  return [...(rows[0]?.q ?? '').matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'").toLowerCase()).filter(Boolean);
}
