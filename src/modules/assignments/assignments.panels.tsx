// The assignments' sections on other modules' pages (manifest `panels`): on a goal's page the
// assignments linked to it, on a body's page the assignments it answers for, grouped by status.
import { isMember, type Ctx } from '../../core/context';
import { Badge, Empty, Section } from '../../core/html/components';
import type { OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import type { RecordPanel } from '../../core/manifest';
import { findBody } from '../organisations';
import { assignmentsForBody, assignmentsForGoal, type PanelAssignmentRow } from './assignments.panels.queries';
import { isLate, visibilityFor } from './assignments.policy';
import { todayInSweden } from './assignments.queries';
import { ASSIGNMENT_STATUSES } from './assignments.tables';

/** Each status group on a body's page lists this many; the list behind the heading has the rest. */
const GROUP_LIMIT = 20;

/** One assignment as a line: its name as a link, then status, lateness and, for members, whether it is published. */
function AssignmentLine(props: { org: OrgRef; a: PanelAssignmentRow; t: Translate; today: string; member: boolean; status?: boolean; extra?: string | undefined }) {
  const { a, t } = props;
  const name = [a.reference, a.title].filter(Boolean).join(' ');
  return (
    <>
      <a href={`/o/${props.org.slug}/assignments/${a.id}`}>{name}</a>{' '}
      <span class="muted">
        · {a.year}
        {a.lead_name ? ` · ${a.lead_name}` : ''}
        {props.extra ? ` · ${props.extra}` : ''}
        {a.deadline ? ` · ${t('assignments.deadline')} ${a.deadline}` : ''}
      </span>
      {props.status ? (
        <>
          {' '}
          <Badge tone="info">{t(`assignment.status.${a.status}`)}</Badge>
        </>
      ) : null}
      {isLate(a, props.today) ? (
        <>
          {' '}
          <Badge tone="bad">{t('assignments.late')}</Badge>
        </>
      ) : null}
      {props.member && !a.published ? (
        <>
          {' '}
          <Badge tone="muted">{t('assignments.not_published')}</Badge>
        </>
      ) : null}
    </>
  );
}

const goalAssignments: RecordPanel = {
  id: 'assignments-of-goal',
  on: 'goal',
  order: 10,
  async render(ctx: Ctx, org: OrgRef, goalId: string) {
    const { t } = ctx;
    const rows = await assignmentsForGoal(ctx.db, org.id, goalId, visibilityFor(ctx.actor, org.id), ctx.locale);
    const today = todayInSweden();
    const member = isMember(ctx.actor, org.id);
    return (
      <Section id="assignments-of-goal" title={t('assignments.panel.goal_title')}>
        {rows.length ? (
          <ul>
            {rows.map((a) => (
              <li>
                <AssignmentLine org={org} a={a} t={t} today={today} member={member} status />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('assignments.panel.goal_none')}</Empty>
        )}
      </Section>
    );
  },
};

const bodyAssignments: RecordPanel = {
  id: 'assignments-of-body',
  on: 'body',
  order: 10,
  async render(ctx: Ctx, org: OrgRef, bodyId: string) {
    const { t } = ctx;
    const body = await findBody(ctx.db, org.id, bodyId);
    if (!body) return null;
    const rows = await assignmentsForBody(ctx.db, org.id, body, visibilityFor(ctx.actor, org.id), ctx.locale);
    const today = todayInSweden();
    const member = isMember(ctx.actor, org.id);
    const groups = ASSIGNMENT_STATUSES.map((status) => ({ status, rows: rows.filter((r) => r.status === status) })).filter((g) => g.rows.length);
    const list = (status: string) => `/o/${org.slug}/assignments?body=${body.id}&status=${status}`;
    return (
      <Section id="assignments-of-body" title={t('assignments.panel.body_title')}>
        {groups.length ? (
          groups.map((g) => (
            <section aria-labelledby={`assignments-of-body-${g.status}`}>
              <h3 id={`assignments-of-body-${g.status}`}>
                {t(`assignment.status.${g.status}`)} ({g.rows.length})
              </h3>
              <ul>
                {g.rows.slice(0, GROUP_LIMIT).map((a) => (
                  <li>
                    <AssignmentLine org={org} a={a} t={t} today={today} member={member} extra={t(`assignment.role.${a.role}`)} />
                  </li>
                ))}
              </ul>
              {g.rows.length > GROUP_LIMIT ? (
                <p>
                  <a href={list(g.status)}>{t('assignments.panel.all_in_status', { count: g.rows.length })}</a>
                </p>
              ) : null}
            </section>
          ))
        ) : (
          <Empty>{t('assignments.panel.body_none')}</Empty>
        )}
        {groups.length ? (
          <p>
            <a href={`/o/${org.slug}/assignments?body=${body.id}`}>{t('assignments.panel.body_list')}</a>
          </p>
        ) : null}
      </Section>
    );
  },
};

export const assignmentPanels: RecordPanel[] = [goalAssignments, bodyAssignments];
