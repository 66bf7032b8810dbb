// Search sources for goals and direction texts: Swedish full text on their generated `search` columns.
import type { SearchSource } from '../../core/manifest';
import { listBodies } from '../organisations';
import { isMember } from '../../core/context';
import { goalLabel } from './goals.presenter';
import { searchDirections, searchGoals } from './goals.queries';

export const goalSearch: SearchSource = {
  type: 'goal',
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const rows = await searchGoals(ctx.db, { organisationId, tsquery, limit, publishedOnly: !isMember(ctx.actor, organisationId) });
    return rows.map((r) => ({
      type: 'goal',
      typeLabelKey: 'search.type.goal',
      id: r.id,
      title: goalLabel(r),
      excerpt: r.excerpt,
      href: `/o/${orgSlug}/goals/${r.id}`,
      rank: r.rank,
    }));
  },
};

export const directionSearch: SearchSource = {
  type: 'direction',
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const rows = await searchDirections(ctx.db, { organisationId, tsquery, limit, publishedOnly: !isMember(ctx.actor, organisationId) });
    if (!rows.length) return [];
    const names = new Map((await listBodies(ctx.db, organisationId, { includeArchived: true })).map((b) => [b.id, b.name]));
    return rows.map((r) => ({
      type: 'direction',
      typeLabelKey: 'search.type.direction',
      id: r.id,
      title: r.title || ctx.t('directions.default_title', { year: r.year, body: names.get(r.body_id) ?? '' }),
      excerpt: r.excerpt,
      href: `/o/${orgSlug}/directions/${r.id}`,
      rank: r.rank,
    }));
  },
};
