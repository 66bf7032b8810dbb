// Search in an organisation: the page (reached from the search field in every page's header), its
// downloads as Excel and CSV, and GET /api/v1/search. What is searched comes from the modules'
// search sources; core/search.ts merges, ranks, counts and pages them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { Catalogue } from './catalogue';
import { exportRoutes, sendTable } from './export';
import type { FieldErrors } from './errors';
import { ErrorSummary, PageHeader, Pagination } from './html/components';
import { DownloadLinks } from './html/downloads';
import { Layout } from './html/layout';
import { sendHtml, view, type OrgRef, type View } from './html/view';
import { apiRoute } from './http/api';
import { apiOrganisation } from './http/core-routes';
import { organisationQuery, parseFilters, routeOrg } from './http/routes';
import { SEARCH_EXPORT_LIMIT, SEARCH_MAX_OFFSET, SEARCH_PAGE_SIZE, searchAll, toTsquery, type SearchResults, type ShownHit, type TextPart } from './search';
import { wholeNumber } from './validation';

export function searchRoutes(app: FastifyInstance, catalogue: Catalogue): void {
  const sources = catalogue.search;
  const types = sources.map((s) => s.type);
  // The types the modules declare; an installation without search sources accepts none.
  const typeSchema = types.length ? z.enum(types as [string, ...string[]]) : z.never();

  const pageFilters = z.object({
    q: z.string().max(200).default(''),
    type: typeSchema.optional(),
    offset: wholeNumber(0, SEARCH_MAX_OFFSET).default(0),
  });
  type PageFilters = z.output<typeof pageFilters>;

  /** A search with a filter that does not parse still answers: the page says what was wrong and searches without it. */
  const readFilters = (req: FastifyRequest) => parseFilters(pageFilters, req.query, req.ctx.t);

  app.get('/o/:org/search', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters, errors } = readFilters(req);
    const results = filters.q ? await searchAll(req.ctx, sources, { organisationId: org.id, orgSlug: org.slug, q: filters.q, type: filters.type, offset: filters.offset, limit: SEARCH_PAGE_SIZE }) : undefined;
    return sendHtml(reply, <SearchPage v={view(req, reply, org)} org={org} filters={filters} results={results} errors={errors} />);
  });

  exportRoutes(app, 'search', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { filters } = readFilters(req);
    const { hits } = filters.q
      ? await searchAll(req.ctx, sources, { organisationId: org.id, orgSlug: org.slug, q: filters.q, type: filters.type, limit: SEARCH_EXPORT_LIMIT })
      : { hits: [] as ShownHit[] };
    const t = req.ctx.t;
    const base = origin(req);
    return sendTable<ShownHit>(
      reply,
      format,
      `${org.slug}-search`,
      [
        { header: t('search.col.type'), value: (h) => t(h.typeLabelKey) },
        { header: t('search.col.title'), value: (h) => h.title },
        { header: t('search.col.excerpt'), value: (h) => h.excerpt },
        { header: t('search.col.link'), value: (h) => `${base}${h.href}` },
        { header: t('search.col.rank'), value: (h) => Math.round(h.rank * 10000) / 10000, kind: 'number' },
      ],
      hits,
      { sheetName: t('search.hits') },
    );
  });

  const partSchema = z.object({ text: z.string(), match: z.boolean().describe('A word the search matched') });
  const hitSchema = z.object({
    type: z.string().describe("The type of record, as the modules name it (the `type` filter's values)"),
    id: z.string(),
    title: z.string(),
    excerpt: z.string().describe('Plain text around the matched words; empty when it would only repeat the title'),
    highlights: z
      .object({ title: z.array(partSchema), excerpt: z.array(partSchema) })
      .describe('The title and the excerpt in parts, the matched words marked: joined, each reads as the plain text above'),
    href: z.string(),
    rank: z.number().describe('Relevance (PostgreSQL ts_rank); the items come best first'),
  });
  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/search',
      operationId: 'search',
      summary: 'Full-text search (Swedish) across what the modules make searchable: best first, paged, counted per type',
      tags: ['search'],
      access: 'public',
      query: z.object({
        q: z.string().min(1).max(200),
        ...organisationQuery.shape,
        type: typeSchema.optional().describe('Only hits of this type; `counts` still covers every type'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce
          .number()
          .int()
          .min(0)
          .max(SEARCH_MAX_OFFSET)
          .default(0)
          .describe(`Hits to skip; at most ${SEARCH_MAX_OFFSET} (narrow the query or filter by type to reach further)`),
      }),
      response: z.object({
        items: z.array(hitSchema),
        total: z.number().int().describe('Hits over all pages (of the chosen type, if any), not only this page'),
        counts: z.array(z.object({ type: z.string(), count: z.number().int() })).describe('Hits per type, for every type'),
      }),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const r = await searchAll(req.ctx, sources, { organisationId: org.id, orgSlug: org.slug, q: query.q, type: query.type, offset: query.offset, limit: query.limit });
      return {
        items: r.hits.map((h) => ({ type: h.type, id: h.id, title: h.title, excerpt: h.excerpt, highlights: { title: h.titleParts, excerpt: h.excerptParts }, href: h.href, rank: h.rank })),
        total: r.total,
        counts: r.counts.map((c) => ({ type: c.type, count: c.count })),
      };
    },
  );

  function SearchPage(props: { v: View; org: OrgRef; filters: PageFilters; results: SearchResults | undefined; errors: FieldErrors | undefined }) {
    const { v, org, filters, results } = props;
    const { q, type } = filters;
    const href = (params: { type?: string | undefined; offset?: number }) => `/o/${org.slug}/search${queryString({ q, type: params.type, offset: params.offset || undefined })}`;
    const errors = props.errors ? formErrors(props.errors) : undefined;
    const noWords = !!q && !toTsquery(q);
    const reachable = SEARCH_MAX_OFFSET + SEARCH_PAGE_SIZE;
    return (
      <Layout v={v} title={q ? v.t('search.title_for', { q }) : v.t('search.title')}>
        <PageHeader title={v.t('search.title')} lead={v.t('search.lead', { org: org.name })} />
        <ErrorSummary v={v} errors={errors} />
        <form method="get" action={`/o/${org.slug}/search`} role="search" aria-label={v.t('search.again')} class="search-form">
          <label for="f-q">{v.t('search.label')}</label>
          {errors?.q ? (
            <p class="field-error" id="f-q-error">
              {errors.q}
            </p>
          ) : null}
          <span class="search-row">
            <input id="f-q" name="q" type="search" value={q} aria-describedby={errors?.q ? 'f-q-error' : undefined} />
            {type ? <input type="hidden" name="type" value={type} /> : null}
            <button type="submit" class="button">
              {v.t('search.submit')}
            </button>
          </span>
        </form>
        {noWords ? <p>{v.t('search.no_words')}</p> : null}
        {results && !noWords ? (
          <section aria-labelledby="hits-title">
            <h2 id="hits-title">{v.t('search.results', { count: results.total, q })}</h2>
            <nav aria-label={v.t('search.types')} class="hit-types">
              <ul>
                <TypeLink v={v} href={href({})} current={!type} label={v.t('search.all_types')} count={results.counts.reduce((n, c) => n + c.count, 0)} />
                {results.counts.map((c) => (
                  <TypeLink v={v} href={href({ type: c.type })} current={type === c.type} label={v.t(c.labelKey)} count={c.count} />
                ))}
              </ul>
            </nav>
            {results.hits.length ? (
              <>
                <p>
                  <DownloadLinks v={v} href={`/o/${org.slug}/search`} query={queryString({ q, type })} label={v.t('search.export_label', { q })} />
                </p>
                <ol class="hits" start={results.offset + 1}>
                  {results.hits.map((h, i) => (
                    <li>
                      <span class="hit-type">{v.t(h.typeLabelKey)}</span>{' '}
                      <a href={h.href}>
                        <Marked parts={h.titleParts} />
                      </a>
                      {h.excerptParts.length && !repeatsEarlier(results.hits, i) ? (
                        <p>
                          <Marked parts={h.excerptParts} />
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ol>
                {/* Paging stops at SEARCH_MAX_OFFSET; past it, the page says how to narrow the search instead. */}
                <Pagination v={v} total={Math.min(results.total, reachable)} limit={results.limit} offset={results.offset} href={(offset) => href({ type, offset })} />
                {results.total > reachable ? <p>{v.t('search.too_deep', { shown: reachable, count: results.total })}</p> : null}
              </>
            ) : results.total ? (
              // A page past the last one (an old link, a hand-made offset): the way back to the first.
              <p>
                <a href={href({ type })}>{v.t('search.first_page')}</a>
              </p>
            ) : null}
          </section>
        ) : null}
      </Layout>
    );
  }
}

/** One entry of the filter by type: a link with its count, or plain text when there is nothing to show. */
function TypeLink(props: { v: View; href: string; current: boolean; label: string; count: number }) {
  const text = props.v.t('search.type_count', { label: props.label, count: props.count });
  if (props.current)
    return (
      <li>
        <a href={props.href} aria-current="true">
          {text}
        </a>
      </li>
    );
  return <li>{props.count ? <a href={props.href}>{text}</a> : <span class="muted">{text}</span>}</li>;
}

/** Text with the matched words in <mark>; every part is a text node, so JSX escapes it. */
function Marked(props: { parts: readonly TextPart[] }): Child {
  return <>{props.parts.map((p) => (p.match ? <mark>{p.text}</mark> : p.text))}</>;
}

/** The query's words are the one field on the page; a type or page that does not parse is told at the top. */
function formErrors(errors: FieldErrors): FieldErrors {
  const { q, ...rest } = errors;
  const others = [...new Set(Object.values(rest))];
  return { ...(q ? { q } : {}), ...(others.length ? { _form: others.join(' ') } : {}) };
}

function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// A host name, IPv4 or [IPv6] address with an optional port: nothing else goes into a downloaded link.
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** The site's origin as the client reached it, so the downloaded links open from a spreadsheet; none when the Host header is odd. */
function origin(req: FastifyRequest): string {
  return HOST.test(req.host) ? `${req.protocol}://${req.host}` : '';
}

/**
 * Whether the hit's excerpt reads the same as one shown above it on the page: records that share a
 * text (a commission's many assignments) would otherwise repeat one snippet down the list. The
 * downloads and the API keep every excerpt.
 */
function repeatsEarlier(hits: readonly ShownHit[], i: number): boolean {
  const text = hits[i]!.excerpt.replace(/\s+/g, ' ').trim();
  return hits.slice(0, i).some((h) => h.excerpt.replace(/\s+/g, ' ').trim() === text);
}
