// The follow-up module: status reports and goal assessments per body and period, their approval,
// the public follow-up page, and the organisation's overview at /o/:org.
import { followUpAccess } from './follow-up.access';
import { followUpAccessFixtures } from './follow-up.access-fixtures';
import { isMember } from '../../core/context';
import type { ModuleManifest, SearchSource } from '../../core/manifest';
import { dashboardRoutes } from './dashboard.routes';
import { followUpApi } from './follow-up.api';
import { followUpFeed } from './follow-up.feed';
import { followUpHistory, followUpHistoryMessages } from './follow-up.history';
import { followUpMessages } from './follow-up.messages';
import { followUpWork, followUpWorkMessages } from './follow-up.work';
import { followUpListMessages, followUpListRoutes } from './follow-up.list';
import { goalListMessages, goalListRoutes } from './dashboard.goals';
import { followUpPanels } from './follow-up.panels';
import { followUpReportSections } from './follow-up.report';
import { GOAL_ASSESSMENT, STATUS_REPORT } from './follow-up.kinds';
import { searchItems } from './follow-up.queries';
import { followUpRoutes } from './follow-up.routes';
import './follow-up.tables';

/** Status reports or goal assessments, as one search source each: each finds only what the searcher may read (follow-up.policy). */
const searchSource = (kind: typeof STATUS_REPORT | typeof GOAL_ASSESSMENT): SearchSource => ({
  type: kind.name,
  labelKey: `followup.kind.${kind.name}`,
  async search(ctx, { organisationId, orgSlug, tsquery, limit }) {
    const { rows, total } = await searchItems(ctx.db, kind, organisationId, tsquery, limit, ctx.actor);
    const hits = rows.map((r) => ({
      type: kind.name,
      id: r.id,
      title: ctx.t('followup.search_title', { title: r.title, body: r.body_name, period: r.period_name }),
      excerpt: r.excerpt,
      href: `/o/${orgSlug}/follow-up/${kind.path}/${r.id}`,
      rank: r.rank,
    }));
    return { hits, total };
  },
});

export const followUpModule: ModuleManifest = {
  name: 'follow-up',
  access: followUpAccess,
  accessFixtures: followUpAccessFixtures,
  messages: { sv: { ...followUpMessages.sv, ...followUpWorkMessages.sv, ...followUpListMessages.sv, ...goalListMessages.sv, ...followUpHistoryMessages.sv }, en: { ...followUpMessages.en, ...followUpWorkMessages.en, ...followUpListMessages.en, ...goalListMessages.en, ...followUpHistoryMessages.en } },
  routes(app) {
    dashboardRoutes(app);
    followUpRoutes(app);
    followUpListRoutes(app);
    goalListRoutes(app);
    followUpApi(app);
    followUpFeed(app);
  },
  // Members report; everyone else reads the approved follow-up on the public page.
  exports: [
    { id: 'dashboard', labelKey: 'dashboard.title', path: 'dashboard', formats: ['csv', 'xlsx'] },
    { id: 'follow-up.public', labelKey: 'nav.followup', path: 'follow-up/public', formats: ['csv', 'xlsx'] },
    { id: 'follow-up.reports', labelKey: 'followup.reports.title', path: 'follow-up/reports', formats: ['csv', 'xlsx'], visible: isMember },
    { id: 'follow-up.goals', labelKey: 'followup.goal_list.title_no_year', path: 'follow-up/goals', formats: ['csv', 'xlsx'] },
  ],
  nav: [
    { path: 'follow-up', labelKey: 'nav.followup', order: 40, visible: (actor, organisationId) => isMember(actor, organisationId) },
    { path: 'follow-up/public', labelKey: 'nav.followup', order: 40, visible: (actor, organisationId) => !isMember(actor, organisationId) },
  ],
  search: [searchSource(STATUS_REPORT), searchSource(GOAL_ASSESSMENT)],
  reportSections: followUpReportSections,
  // What waits for reporters, strategists and readers on their work page.
  work: followUpWork,
  // Reports on an assignment's and a goal's page, and a body's follow-up on its page.
  panels: followUpPanels,
  history: followUpHistory,
};
