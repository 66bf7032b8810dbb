// The public Atom feed of approved status reports: the follow-up as it is published.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOrganisation } from '../../core/http/core-routes';
import { feedRoute } from '../../core/http/feeds';
import { organisationQuery } from '../../core/http/routes';
import { recentlyApprovedReports } from './follow-up.queries';

export function followUpFeed(app: FastifyInstance): void {
  feedRoute(
    app,
    {
      url: '/api/v1/feeds/status-reports.atom',
      operationId: 'statusReportsFeed',
      summary: 'Atom feed of approved status reports on published assignments, the latest approval first',
      tags: ['follow-up', 'feeds'],
      query: organisationQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    },
    async (req, query) => {
      const org = await apiOrganisation(req, query.organisation);
      const t = req.ctx.t;
      const rows = await recentlyApprovedReports(req.ctx.db, org.id, query.limit);
      return {
        title: `${t('followup.public.title')} – ${org.name}`,
        path: `/o/${org.slug}/follow-up/public`,
        entries: rows.map((r) => ({
          id: r.id,
          title: `${r.body_name}: ${r.target_reference ? `${r.target_reference} ` : ''}${r.target_title}`,
          path: `/o/${org.slug}/follow-up/status-reports/${r.id}`,
          updated: r.approved_at ?? r.updated_at,
          summary: `${r.period_name} · ${t(`followup.progress.${r.value}`)}${r.comment ? ` – ${r.comment}` : ''}`,
          author: r.body_name,
        })),
      };
    },
  );
}
