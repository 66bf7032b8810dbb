// The public follow-up page: for a period, the approved status reports on published assignments
// and the approved assessments of published goals. Readable without an account.
import { Badge, Empty, FilterForm, type Option, PageHeader, Select, Table } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import { valueTone } from '../follow-up.presenter';

export interface PublicEntry {
  bodyName: string;
  value: string;
  valueLabel: string;
  comment: string;
  href: string;
}

export interface PublicGroup {
  id: string;
  reference: string;
  title: string;
  href: string;
  entries: PublicEntry[];
}

export function PublicPage(props: { v: View; org: OrgRef; periods: Option[]; periodId: string | undefined; periodName: string | undefined; assignments: PublicGroup[]; goals: PublicGroup[] }) {
  const { v, org } = props;
  const base = `/o/${org.slug}/follow-up/public`;
  const title = v.t('followup.public.title');
  return (
    <Layout v={v} title={title} wide>
      <PageHeader title={title} lead={v.t('followup.public.lead')}>
        {v.actor.kind === 'anonymous' ? <a href={`/sign-in?back=${encodeURIComponent(`/o/${org.slug}/follow-up`)}`}>{v.t('followup.public.sign_in')}</a> : <a href={`/o/${org.slug}/follow-up`}>{v.t('followup.public.to_reporting')}</a>}
      </PageHeader>
      {props.periods.length ? (
        <FilterForm v={v} action={base}>
          <Select name="period" label={v.t('followup.period')} options={props.periods} value={props.periodId} />
        </FilterForm>
      ) : (
        <Empty>{v.t('followup.no_periods')}</Empty>
      )}
      {props.periodName ? (
        <>
          <p>
            <DownloadLinks v={v} href={base} query={`?period=${props.periodId}`} label={v.t('followup.public.title')} /> ·{' '}
            <a href={`/api/v1/feeds/status-reports.atom?organisation=${v.org?.slug ?? ''}`} type="application/atom+xml">
              {v.t('list.subscribe_feed')}
            </a>
          </p>
          <h2>{v.t('followup.public.assignments', { period: props.periodName })}</h2>
          <Groups v={v} groups={props.assignments} valueHeader={v.t('followup.progress')} empty={v.t('followup.public.no_reports')} />
          <h2>{v.t('followup.public.goals', { period: props.periodName })}</h2>
          <Groups v={v} groups={props.goals} valueHeader={v.t('followup.assessment')} empty={v.t('followup.public.no_assessments')} />
        </>
      ) : null}
    </Layout>
  );
}

function Groups(props: { v: View; groups: PublicGroup[]; valueHeader: string; empty: string }) {
  const { v } = props;
  if (!props.groups.length) return <Empty>{props.empty}</Empty>;
  return (
    <>
      {props.groups.map((g) => (
        <section aria-labelledby={`g-${g.id}`}>
          <h3 id={`g-${g.id}`}>
            <a href={g.href}>
              {g.reference ? `${g.reference} ` : ''}
              {g.title}
            </a>
          </h3>
          <Table caption={v.t('followup.public.caption', { title: g.title })} hiddenCaption columns={[v.t('followup.body'), props.valueHeader, v.t('followup.comment')]}>
            {g.entries.map((e) => (
                  <tr>
                    <th scope="row">
                      <a href={e.href}>{e.bodyName}</a>
                    </th>
                    <td>
                      <Badge tone={valueTone(e.value)}>{e.valueLabel}</Badge>
                    </td>
                    <td class="prose">{e.comment || '—'}</td>
                  </tr>
                ))}
          </Table>
        </section>
      ))}
    </>
  );
}
