// The assignments' search source: Swedish full text on their generated `search` column.
import type { SearchSource } from '../../core/manifest';
import { visibilityFor } from './assignments.policy';
import { searchAssignments } from './assignments.queries';

export const assignmentSearch: SearchSource = {
  type: 'assignment',
  labelKey: 'search.type.assignment',
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const { rows, total } = await searchAssignments(ctx.db, organisationId, tsquery, visibilityFor(ctx.actor, organisationId), limit);
    const hits = rows.map((r) => ({
      type: 'assignment',
      id: r.id,
      title: r.reference ? `${r.reference} ${r.title}` : r.title,
      excerpt: r.excerpt,
      href: `/o/${orgSlug}/assignments/${r.id}`,
      rank: r.rank,
    }));
    return { hits, total };
  },
};
