// The reporting page: choose period and body, then every assignment and goal the body reports on
// with the state of its report. Staff without a chosen body see each body's progress instead.
import { Badge, Empty, FilterForm, num, type Option, PageHeader, Section, Select, Table } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import { reportListHref } from '../follow-up.list';
import { STATE_TONE, valueTone, type ProgressView, type ReportLineView } from '../follow-up.presenter';

export interface ReportingPageProps {
  v: View;
  org: OrgRef;
  periods: Option[];
  bodies: Option[];
  /** Staff and readers may leave the body open to see every body's progress. */
  bodyOptional: boolean;
  periodId: string | undefined;
  bodyId: string | undefined;
  periodName: string | undefined;
  periodClosed: boolean;
  bodyName: string | undefined;
  assignments: ReportLineView[];
  goals: ReportLineView[];
  progress: ProgressView | undefined;
  noBodies: boolean;
}

export function ReportingPage(props: ReportingPageProps) {
  const { v, org } = props;
  const base = `/o/${org.slug}/follow-up`;
  const query = new URLSearchParams({ ...(props.periodId ? { period: props.periodId } : {}), ...(props.bodyId ? { body: props.bodyId } : {}) }).toString();
  return (
    <Layout v={v} title={v.t('followup.title')} wide>
      <PageHeader title={v.t('followup.title')} lead={v.t('followup.lead')}>
        <a href={`${base}/public`}>{v.t('followup.public.link')}</a>
      </PageHeader>
      {props.noBodies ? <Empty>{v.t('followup.no_bodies')}</Empty> : null}
      {props.periods.length ? (
        <FilterForm v={v} action={base}>
          <Select name="period" label={v.t('followup.period')} options={props.periods} value={props.periodId} />
          <Select
            name="body"
            label={v.t('followup.body')}
            options={props.bodies}
            value={props.bodyId}
            {...(props.bodyOptional ? { empty: v.t('followup.all_bodies') } : {})}
          />
        </FilterForm>
      ) : (
        <Empty>{v.t('followup.no_periods')}</Empty>
      )}
      {props.periodClosed ? (
        <p>
          <Badge tone="muted">{v.t('period.status.closed')}</Badge> {v.t('followup.period_closed_note')}
        </p>
      ) : null}
      {props.bodyName && props.periodName ? (
        <>
          <h2>{v.t('followup.body_in_period', { body: props.bodyName, period: props.periodName })}</h2>
          <p>
            <DownloadLinks v={v} href={base} query={query} label={v.t('followup.body_in_period', { body: props.bodyName, period: props.periodName })} />
          </p>
          <Lines v={v} id="assignments" title={v.t('followup.assignments')} caption={v.t('followup.assignments_caption', { body: props.bodyName })} targetHeader={v.t('followup.assignment')} valueHeader={v.t('followup.progress')} lines={props.assignments} empty={v.t('followup.no_assignments')} />
          <Lines v={v} id="goals" title={v.t('followup.goals')} caption={v.t('followup.goals_caption', { body: props.bodyName })} targetHeader={v.t('followup.goal')} valueHeader={v.t('followup.assessment')} lines={props.goals} empty={v.t('followup.no_goals')} />
        </>
      ) : null}
      {props.progress ? <ProgressTable v={v} progress={props.progress} internal bodyHref={(id) => `${base}?period=${props.periodId}&body=${id}`} countHref={progressCountHref(org.slug, props.progress.periodId)} /> : null}
    </Layout>
  );
}

function Lines(props: { v: View; id: string; title: string; caption: string; targetHeader: string; valueHeader: string; lines: ReportLineView[]; empty: string }) {
  const { v } = props;
  return (
    <Section id={`${props.id}-title`} title={props.title} level={3}>
      {props.lines.length ? (
        <Table caption={props.caption} columns={[props.targetHeader, props.valueHeader, v.t('followup.state'), v.t('followup.action')]}>
          {props.lines.map((line) => (
                <tr>
                  <th scope="row">
                    {line.reference ? <span class="muted">{line.reference} </span> : null}
                    {line.title}
                    <br />
                    <span class="muted">{line.facts}</span>
                  </th>
                  <td>{line.value ? <Badge tone={valueTone(line.value)}>{line.valueLabel}</Badge> : '—'}</td>
                  <td>
                    <Badge tone={STATE_TONE[line.state]}>{line.stateLabel}</Badge>
                  </td>
                  <td>
                    <a href={line.href}>
                      {actionLabel(v, line)}
                      <span class="visually-hidden">: {line.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
        </Table>
      ) : (
        <Empty>{props.empty}</Empty>
      )}
    </Section>
  );
}

function actionLabel(v: View, line: ReportLineView): string {
  if (line.state === 'none') return line.can.save ? v.t('followup.write') : v.t('followup.view');
  if (line.can.save) return v.t('followup.edit');
  if (line.can.approve) return v.t('followup.review');
  return v.t('followup.view');
}

/** A count of the progress table: what it counts (a report state, or every line the body owes). */
export type ProgressCount = 'expected' | 'draft' | 'submitted' | 'approved';

/** The lists behind the progress table's counts of one period: the body's lines, or its reports in a state. */
export const progressCountHref =
  (orgSlug: string, periodId: string) =>
  (bodyId: string, count: ProgressCount): string =>
    count === 'expected' ? `/o/${orgSlug}/follow-up?period=${periodId}&body=${bodyId}` : reportListHref(orgSlug, { period: periodId, body: bodyId, state: count });

/** Each body's progress in a period, as numbers in a table; with `countHref`, each number links to the list behind it. */
export function ProgressTable(props: { v: View; progress: ProgressView; internal: boolean; bodyHref?: (bodyId: string) => string; countHref?: ((bodyId: string, count: ProgressCount) => string | undefined) | undefined }) {
  const { v, progress: p } = props;
  const count = (b: { body_id: string; body_name: string }, what: ProgressCount, n: number, label: string) => {
    const href = props.countHref?.(b.body_id, what);
    return (
      <td class="num">
        {href ? (
          <a href={href}>
            {n}
            <span class="visually-hidden">
              {' '}
              {label}, {b.body_name}
            </span>
          </a>
        ) : (
          n
        )}
      </td>
    );
  };
  return (
    <Section id="progress-title" title={v.t('followup.progress_title', { period: p.periodName })}>
      <p>
        {props.internal
          ? v.t('followup.progress_summary', { complete: p.bodiesComplete, approved: p.bodiesApproved, total: p.bodiesTotal, count: p.bodiesTotal })
          : v.t('followup.progress_summary_public', { approved: p.bodiesApproved, total: p.bodiesTotal, count: p.bodiesTotal })}
      </p>
      {p.bodies.length ? (
        <Table
          caption={v.t('followup.progress_caption', { period: p.periodName })}
          columns={[
            v.t('followup.body'),
            num(v.t('followup.expected')),
            props.internal && num(v.t('followup.col.drafts')),
            props.internal && num(v.t('followup.col.submitted')),
            num(v.t('followup.col.approved')),
          ]}
        >
              {p.bodies.map((b) => (
                <tr>
                  <th scope="row">{props.bodyHref ? <a href={props.bodyHref(b.body_id)}>{b.body_name}</a> : b.body_name}</th>
                  {count(b, 'expected', b.expected, v.t('followup.expected'))}
                  {props.internal ? (
                    <>
                      {count(b, 'draft', b.drafts, v.t('followup.col.drafts'))}
                      {count(b, 'submitted', b.submitted, v.t('followup.col.submitted'))}
                    </>
                  ) : null}
                  {count(b, 'approved', b.approved, v.t('followup.col.approved'))}
                </tr>
              ))}
        </Table>
      ) : (
        <Empty>{v.t('followup.progress_empty')}</Empty>
      )}
    </Section>
  );
}
