// The public Atom feed of assignments: follow an organisation's assignments without an account.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOrganisation } from '../../core/http/core-routes';
import { feedRoute } from '../../core/http/feeds';
import { organisationQuery } from '../../core/http/routes';
import { recentlyChangedAssignments } from './assignments.queries';

export function assignmentsFeed(app: FastifyInstance): void {
  feedRoute(
    app,
    {
      url: '/api/v1/feeds/assignments.atom',
      operationId: 'assignmentsFeed',
      summary: 'Atom feed of published assignments, the most recently changed first',
      tags: ['assignments', 'feeds'],
      query: organisationQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    async (req, query) => {
      const org = await apiOrganisation(req, query.organisation);
      const t = req.ctx.t;
      const rows = await recentlyChangedAssignments(req.ctx.db, org.id, query.limit);
      return {
        title: `${t('nav.assignments')} – ${org.name}`,
        path: `/o/${org.slug}/assignments`,
        entries: rows.map((a) => ({
          id: a.id,
          title: a.reference ? `${a.reference}: ${a.title}` : a.title,
          path: `/o/${org.slug}/assignments/${a.id}`,
          updated: a.updated_at,
          summary: `${t(`assignment.status.${a.status}`)} · ${a.year}${a.deadline ? ` · ${a.deadline}` : ''}`,
        })),
      };
    },
  );
}
