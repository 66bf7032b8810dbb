// The follow-up module: status reports and goal assessments per body and period, their approval,
// the public follow-up page, and the organisation's overview at /o/:org.
import { followUpAccess } from './follow-up.access';
import { followUpAccessFixtures } from './follow-up.access-fixtures';
import { isMember } from '../../core/context';
import type { ModuleManifest, SearchHit } from '../../core/manifest';
import { dashboardRoutes } from './dashboard.routes';
import { followUpApi } from './follow-up.api';
import { followUpFeed } from './follow-up.feed';
import { followUpMessages } from './follow-up.messages';
import { canReadInternal } from './follow-up.policy';
import { searchGoalAssessments, searchStatusReports, type SearchRow } from './follow-up.queries';
import { followUpRoutes } from './follow-up.routes';
import './follow-up.tables';

const hit = (type: 'status_report' | 'goal_assessment', href: string, r: SearchRow, title: string): SearchHit => ({
  type,
  typeLabelKey: `followup.kind.${type}`,
  id: r.id,
  title,
  excerpt: r.excerpt,
  href,
  rank: r.rank,
});

export const followUpModule: ModuleManifest = {
  name: 'follow-up',
  access: followUpAccess,
  accessFixtures: followUpAccessFixtures,
  messages: followUpMessages,
  routes(app) {
    dashboardRoutes(app);
    followUpRoutes(app);
    followUpApi(app);
    followUpFeed(app);
  },
  // Members report; everyone else reads the approved follow-up on the public page.
  exports: [
    { id: 'dashboard', labelKey: 'dashboard.title', path: 'dashboard', formats: ['csv'] },
    { id: 'follow-up.public', labelKey: 'nav.followup', path: 'follow-up/public', formats: ['csv'] },
  ],
  nav: [
    { path: 'follow-up', labelKey: 'nav.followup', order: 40, visible: (actor, organisationId) => isMember(actor, organisationId) },
    { path: 'follow-up/public', labelKey: 'nav.followup', order: 40, visible: (actor, organisationId) => !isMember(actor, organisationId) },
  ],
  search: [
    {
      type: 'status_report',
      async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
        const rows = await searchStatusReports(ctx.db, organisationId, tsquery, limit, !canReadInternal(ctx.actor, organisationId));
        return rows.map((r) =>
          hit('status_report', `/o/${orgSlug}/follow-up/status-reports/${r.id}`, r, ctx.t('followup.search_title', { title: r.title, body: r.body_name, period: r.period_name })),
        );
      },
    },
    {
      type: 'goal_assessment',
      async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
        const rows = await searchGoalAssessments(ctx.db, organisationId, tsquery, limit, !canReadInternal(ctx.actor, organisationId));
        return rows.map((r) =>
          hit('goal_assessment', `/o/${orgSlug}/follow-up/goal-assessments/${r.id}`, r, ctx.t('followup.search_title', { title: r.title, body: r.body_name, period: r.period_name })),
        );
      },
    },
  ],
  history: [
    { type: 'status_report', labelKey: 'followup.kind.status_report', href: (org, id) => `/o/${org}/follow-up/status-reports/${id}` },
    { type: 'goal_assessment', labelKey: 'followup.kind.goal_assessment', href: (org, id) => `/o/${org}/follow-up/goal-assessments/${id}` },
  ],
};
