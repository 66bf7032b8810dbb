// Search sources for goals and direction texts: Swedish full text on their generated `search` columns.
import type { SearchSource } from '../../core/manifest';
import { listBodies } from '../organisations';
import { isMember } from '../../core/context';
import { goalLabel } from './goals.presenter';
import { searchDirections, searchGoals } from './goals.queries';

export const goalSearch: SearchSource = {
  type: 'goal',
  labelKey: 'search.type.goal',
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const { rows, total } = await searchGoals(ctx.db, { organisationId, tsquery, limit, publishedOnly: !isMember(ctx.actor, organisationId) });
    const hits = rows.map((r) => ({ type: 'goal', id: r.id, title: goalLabel(r), excerpt: r.excerpt, href: `/o/${orgSlug}/goals/${r.id}`, rank: r.rank }));
    return { hits, total };
  },
};

export const directionSearch: SearchSource = {
  type: 'direction',
  labelKey: 'search.type.direction',
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const { rows, total } = await searchDirections(ctx.db, { organisationId, tsquery, limit, publishedOnly: !isMember(ctx.actor, organisationId) });
    // Body names only when there are hits to name (a count-only call needs none).
    const names = rows.length ? new Map((await listBodies(ctx.db, organisationId, { includeArchived: true })).map((b) => [b.id, b.name])) : new Map<string, string>();
    const hits = rows.map((r) => ({
      type: 'direction',
      id: r.id,
      title: r.title || ctx.t('directions.default_title', { year: r.year, body: names.get(r.body_id) ?? '' }),
      excerpt: r.excerpt,
      href: `/o/${orgSlug}/directions/${r.id}`,
      rank: r.rank,
    }));
    return { hits, total };
  },
};
