// The follow-up module's sections of the compiled report (manifest `reportSections`): how the
// assignments stand ("19 av 31 avslutade") and how the goals are assessed, for the report's year —
// the same figures as the overview, as data the report module renders to HTML, PDF, Word and Excel.
import { isMember, type Ctx } from '../../core/context';
import type { ReportBlock, ReportScope, ReportSection } from '../../core/manifest';
import { assignmentCounts, collectionCounts, goalsByAssessment, todayInSweden } from './dashboard.queries';
import { presentDashboard } from './follow-up.presenter';

/** The overview's figures for the report's year, reading only what `parts` asks for. */
async function figures(ctx: Ctx, scope: ReportScope, parts: { assignments?: boolean; goals?: boolean }) {
  const s = { organisationId: scope.organisationId, year: scope.year, publicOnly: !isMember(ctx.actor, scope.organisationId), readBy: ctx.actor, today: todayInSweden() };
  const [counts, collections, goals] = await Promise.all([
    parts.assignments ? assignmentCounts(ctx.db, s) : [],
    parts.assignments ? collectionCounts(ctx.db, s) : [],
    parts.goals ? goalsByAssessment(ctx.db, s) : [],
  ]);
  return presentDashboard(scope.orgSlug, { year: scope.year, bodyId: undefined, focusAreaId: undefined }, { counts, collections, goals, late: [], progress: undefined }, ctx.t);
}

export const followUpReportSections: ReportSection[] = [
  {
    id: 'follow-up.assignments',
    titleKey: 'dashboard.collections_title',
    order: 20,
    async build(ctx, scope) {
      const d = await figures(ctx, scope, { assignments: true });
      const { t } = ctx;
      const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: t('dashboard.collections_title') }];
      for (const c of d.collections) {
        blocks.push({ kind: 'heading', level: 3, text: `${c.title} (${c.kindLabel}, ${c.years})` });
        const others = c.others.map((o) => `${o.label} ${o.n}`).join(', ');
        blocks.push({ kind: 'paragraph', text: [t('dashboard.collection_closed', { closed: c.closed, total: c.total }), others].filter(Boolean).join('. ') });
      }
      const caption = t('dashboard.status_caption', { year: d.year });
      blocks.push({
        kind: 'table',
        caption,
        columns: [t('dashboard.status'), t('dashboard.count')],
        rows: [...d.statuses.map((s) => [s.label, s.n]), [t('dashboard.total'), d.total]],
        numeric: [false, true],
      });
      blocks.push({ kind: 'chart', chart: 'bar', title: caption, description: d.statuses.map((s) => `${s.label}: ${s.n}`).join(', '), categories: d.statuses.map((s) => s.label), series: [{ name: t('dashboard.count'), values: d.statuses.map((s) => s.n) }] });
      return blocks;
    },
  },
  {
    id: 'follow-up.goals',
    titleKey: 'dashboard.goals_caption',
    order: 30,
    async build(ctx, scope) {
      const d = await figures(ctx, scope, { goals: true });
      const caption = ctx.t('dashboard.goals_caption', { year: d.year });
      return [
        { kind: 'heading', level: 2, text: caption },
        { kind: 'table', caption, columns: [ctx.t('followup.assessment'), ctx.t('dashboard.goal_count')], rows: d.goals.map((g) => [g.label, g.n]), numeric: [false, true] },
      ];
    },
  },
];
