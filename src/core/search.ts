// Swedish full-text search across every module that declares a search source.
import type { Ctx } from './context';
import type { SearchHit, SearchSource } from './manifest';

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

export async function searchAll(
  ctx: Ctx,
  sources: readonly SearchSource[],
  args: { organisationId: string; orgSlug: string; q: string; limit: number; types?: string[] | undefined },
): Promise<SearchHit[]> {
  const tsquery = toTsquery(args.q);
  if (!tsquery) return [];
  const chosen = sources.filter((s) => !args.types?.length || args.types.includes(s.type));
  const results = await Promise.all(chosen.map((s) => s.search(ctx, { organisationId: args.organisationId, orgSlug: args.orgSlug, tsquery, limit: args.limit })));
  return results
    .flat()
    .sort((a, b) => b.rank - a.rank || a.title.localeCompare(b.title, 'sv'))
    .slice(0, args.limit);
}
