// How status reports and goal assessments read in the change history: what they are about by name,
// progress and state by their labels, the steps (submitted, approved, returned with a comment) as
// sentences, and word-level differences in comments. Read only by those who may read the report.
import { sql } from 'kysely';
import { field, label, ref, text } from '../../core/history-fields';
import type { HistoryType } from '../../core/manifest';
import { GOAL_ASSESSMENT, STATUS_REPORT, type ItemKind } from './follow-up.kinds';
import { mayReadReport } from './follow-up.policy';
import type { ReportState } from './follow-up.tables';

/** "Uppdrag 2018:1 Titel – Servicenämnden, Tertial 1 2018" for each report, in one query. */
const names =
  (kind: ItemKind): HistoryType['names'] =>
  async (db, organisationId, ids) => {
    if (!ids.length) return new Map();
    const rows = await sql<{ id: string; reference: string; title: string; body_name: string; period_name: string }>`
      select i.id, t.reference, t.title, b.name as body_name, p.name as period_name
      from ${sql.table(kind.table)} i
      join ${sql.table(kind.targetTable)} t on t.id = i.${sql.ref(kind.targetColumn)}
      join bodies b on b.id = i.body_id
      join periods p on p.id = i.period_id
      where i.organisation_id = ${organisationId} and i.id::text in (${sql.join([...ids])})`.execute(db);
    return new Map(rows.rows.map((r) => [r.id, `${[r.reference, r.title].filter(Boolean).join(' ')} – ${r.body_name}, ${r.period_name}`]));
  };

/** A reporter reads another body's report, and so its history, only once it is approved (follow-up.policy). */
const mayRead =
  (kind: ItemKind): HistoryType['mayRead'] =>
  async (ctx, organisationId, id) => {
    const row = await sql<{ body_id: string; state: ReportState }>`
      select body_id, state from ${sql.table(kind.table)} where organisation_id = ${organisationId} and id = ${id}`.execute(ctx.db);
    const report = row.rows[0];
    return report ? mayReadReport(ctx.actor, organisationId, report) : true;
  };

const where = {
  period_id: field('followup.period', ref('period')),
  body_id: field('followup.body', ref('body')),
};
const workflow = {
  state: field('followup.state', label('followup.state.')),
  comment: field('followup.comment', text),
  return_comment: field('followup.return_comment', text),
};

export const followUpHistory: HistoryType[] = [
  {
    type: STATUS_REPORT.name,
    labelKey: 'followup.kind.status_report',
    nounKey: 'history.noun.status_report',
    href: (org, id) => `/o/${org}/follow-up/status-reports/${id}`,
    fields: {
      assignment_id: field('followup.assignment', ref('assignment')),
      ...where,
      progress: field('followup.progress', label('followup.progress.')),
      ...workflow,
    },
    names: names(STATUS_REPORT),
    mayRead: mayRead(STATUS_REPORT),
  },
  {
    type: GOAL_ASSESSMENT.name,
    labelKey: 'followup.kind.goal_assessment',
    nounKey: 'history.noun.goal_assessment',
    href: (org, id) => `/o/${org}/follow-up/goal-assessments/${id}`,
    fields: {
      goal_id: field('followup.goal', ref('goal')),
      ...where,
      assessment: field('followup.assessment', label('followup.assessment.')),
      ...workflow,
    },
    names: names(GOAL_ASSESSMENT),
    mayRead: mayRead(GOAL_ASSESSMENT),
  },
];

export const followUpHistoryMessages = {
  sv: { 'history.noun.status_report': 'lägesrapporten', 'history.noun.goal_assessment': 'målbedömningen' },
  en: { 'history.noun.status_report': 'the status report', 'history.noun.goal_assessment': 'the goal assessment' },
};
