// Follow-up's sections on other modules' pages (manifest `panels`): an assignment's status reports per
// period, a goal's assessments (the latest per body and the history), and a body's follow-up state per
// period. Each shows only the reports the reader may read (follow-up.policy: mayReadReport).
import { isMember, type Actor, type Ctx } from '../../core/context';
import { Badge, Empty, Section, Table } from '../../core/html/components';
import type { OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import type { RecordPanel } from '../../core/manifest';
import { todayInSweden } from '../assignments';
import { GOAL_ASSESSMENT, STATUS_REPORT, type ItemKind } from './follow-up.kinds';
import { bodyProgressByPeriod, reportsOnTarget, type TargetReportRow } from './follow-up.panels.queries';
import { mayReadReport } from './follow-up.policy';
import { STATE_TONE, valueLabel, valueTone } from './follow-up.presenter';
import { findBodyRef, listPeriods } from './follow-up.queries';

/** A long-lived goal gathers many assessments; the page shows the latest ones. */
const HISTORY_LIMIT = 100;
/** The body page shows the follow-up of its latest periods. */
const BODY_PERIODS = 6;

const itemHref = (org: OrgRef, kind: ItemKind, id: string) => `/o/${org.slug}/follow-up/${kind.path}/${id}`;

/** The report's value as a badge and, for members (who also see drafts and submitted ones), its state. */
function ValueAndState(props: { kind: ItemKind; row: TargetReportRow; t: Translate; showState: boolean }) {
  const { row, t } = props;
  return (
    <>
      <Badge tone={valueTone(row.value)}>{valueLabel(props.kind.name, row.value, t)}</Badge>
      {props.showState && row.state !== 'approved' ? (
        <>
          {' '}
          <Badge tone={STATE_TONE[row.state]}>{t(`followup.state.${row.state}`)}</Badge>
        </>
      ) : null}
    </>
  );
}

/** Members may be shown drafts and submitted reports (as far as the read rule lets them), so the state is written out for them. */
const showsStates = (actor: Actor, organisationId: string) => isMember(actor, organisationId);

/** One report in a panel's history table: the period (to the report), the body (to its page), the value and the comment. */
function ReportRow(props: { org: OrgRef; kind: ItemKind; row: TargetReportRow; t: Translate; showState: boolean }) {
  const { org, kind, row: r, t } = props;
  return (
    <tr>
      <th scope="row">
        <a href={itemHref(org, kind, r.id)}>{r.period_name}</a>
      </th>
      <td>
        <a href={`/o/${org.slug}/bodies/${r.body_id}`}>{r.body_name}</a>
      </td>
      <td>
        <ValueAndState kind={kind} row={r} t={t} showState={props.showState} />
      </td>
      <td class="prose">{r.comment || t('followup.no_comment')}</td>
    </tr>
  );
}

const assignmentReports: RecordPanel = {
  id: 'followup-assignment-reports',
  on: 'assignment',
  order: 10,
  async render(ctx: Ctx, org: OrgRef, assignmentId: string) {
    const { t } = ctx;
    const rows = await reportsOnTarget(ctx.db, STATUS_REPORT, org.id, assignmentId, ctx.actor, HISTORY_LIMIT, ctx.locale);
    const member = showsStates(ctx.actor, org.id);
    return (
      <Section id="followup-assignment-reports" title={t('followup.panel.reports')}>
        {rows.length ? (
          <Table
            caption={t('followup.panel.reports_caption')}
            hiddenCaption
            columns={[t('followup.period'), t('followup.body'), t('followup.progress'), t('followup.comment')]}
          >
            {rows.map((r) => (
              <ReportRow org={org} kind={STATUS_REPORT} row={r} t={t} showState={member} />
            ))}
          </Table>
        ) : (
          <Empty>{t(member ? 'followup.panel.no_reports' : 'followup.panel.no_approved_reports')}</Empty>
        )}
      </Section>
    );
  },
};

const goalAssessments: RecordPanel = {
  id: 'followup-goal-assessments',
  on: 'goal',
  order: 20,
  async render(ctx: Ctx, org: OrgRef, goalId: string) {
    const { t } = ctx;
    const rows = await reportsOnTarget(ctx.db, GOAL_ASSESSMENT, org.id, goalId, ctx.actor, HISTORY_LIMIT, ctx.locale);
    const member = showsStates(ctx.actor, org.id);
    // Rows come newest period first, so each body's first row is its latest assessment.
    const latest = new Map<string, TargetReportRow>();
    for (const r of rows) if (!latest.has(r.body_id)) latest.set(r.body_id, r);
    return (
      <Section id="followup-goal-assessments" title={t('followup.panel.assessments')}>
        {rows.length ? (
          <>
            <Table caption={t('followup.panel.latest_caption')} columns={[t('followup.body'), t('followup.period'), t('followup.assessment')]}>
              {[...latest.values()].map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/o/${org.slug}/bodies/${r.body_id}`}>{r.body_name}</a>
                  </th>
                  <td>
                    <a href={itemHref(org, GOAL_ASSESSMENT, r.id)}>{r.period_name}</a>
                  </td>
                  <td>
                    <ValueAndState kind={GOAL_ASSESSMENT} row={r} t={t} showState={member} />
                  </td>
                </tr>
              ))}
            </Table>
            <Table
              caption={t('followup.panel.history_caption')}
              columns={[t('followup.period'), t('followup.body'), t('followup.assessment'), t('followup.comment')]}
            >
              {rows.map((r) => (
                <ReportRow org={org} kind={GOAL_ASSESSMENT} row={r} t={t} showState={member} />
              ))}
            </Table>
          </>
        ) : (
          <Empty>{t(member ? 'followup.panel.no_assessments' : 'followup.panel.no_approved_assessments')}</Empty>
        )}
      </Section>
    );
  },
};

const bodyFollowUp: RecordPanel = {
  id: 'followup-body-periods',
  on: 'body',
  order: 30,
  async render(ctx: Ctx, org: OrgRef, bodyId: string) {
    const { t, actor } = ctx;
    const today = todayInSweden();
    const [body, periods] = await Promise.all([findBodyRef(ctx.db, org.id, bodyId), listPeriods(ctx.db, org.id)]);
    if (!body) return null;
    const recent = periods.filter((p) => p.starts_on <= today).slice(0, BODY_PERIODS);
    const member = isMember(actor, org.id);
    const progress = await bodyProgressByPeriod(ctx.db, org.id, body, recent, actor, !member);
    const shown = recent.filter((p) => (progress.get(p.id)?.expected ?? 0) > 0);
    // Nothing owed in any recent period (the council, an external actor): no section at all.
    if (!shown.length) return null;
    // Who sees this body's drafts and submitted reports sees the full counts, and its reporting page.
    const seesAll = mayReadReport(actor, org.id, { body_id: body.id, state: 'draft' });
    const reportsHere = seesAll && member;
    const href = (periodId: string) => (reportsHere ? `/o/${org.slug}/follow-up?period=${periodId}&body=${body.id}` : `/o/${org.slug}/follow-up/public?period=${periodId}`);
    return (
      <Section id="followup-body-periods" title={t('followup.panel.body_title')}>
        <Table
          caption={t('followup.panel.body_caption', { body: body.name })}
          hiddenCaption
          columns={[t('followup.period'), t('followup.col.approved'), seesAll && t('followup.col.submitted'), seesAll && t('followup.col.drafts'), seesAll && t('followup.col.not_started')]}
        >
          {shown.map((p) => {
            const c = progress.get(p.id)!;
            return (
              <tr>
                <th scope="row">
                  <a href={href(p.id)}>{p.name}</a>
                  {p.status === 'closed' ? <span class="muted"> ({t('period.status.closed').toLocaleLowerCase(ctx.locale)})</span> : null}
                </th>
                <td>{t('followup.panel.approved_of', { approved: c.approved, expected: c.expected })}</td>
                {seesAll ? <td>{c.submitted}</td> : null}
                {seesAll ? <td>{c.drafts}</td> : null}
                {seesAll ? <td>{c.expected - c.submitted - c.drafts - c.approved}</td> : null}
              </tr>
            );
          })}
        </Table>
      </Section>
    );
  },
};

export const followUpPanels: RecordPanel[] = [assignmentReports, goalAssessments, bodyFollowUp];
