// The organisation's home page: the state of the year at a glance, every number written out in a table.
import { Empty, FilterForm, num, type Option, PageHeader, Select, Table } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import { Widgets } from '../../../core/html/widgets';
import type { WidgetView } from '../../../core/manifest';
import { ASSIGNMENT_STATUS_ORDER, type DashboardView } from '../follow-up.presenter';
import { ProgressTable, progressCountHref, type ProgressCount } from './reporting';
import { statusLabelKey } from '../../assignments';

export interface DashboardPageProps {
  v: View;
  org: OrgRef;
  years: Option[];
  bodies: Option[];
  focusAreas: Option[];
  bodyId: string | undefined;
  focusAreaId: string | undefined;
  /** The overview's filters as a query string for its downloads. */
  exportQuery: string;
  /** Anonymous visitors see published data only, and are told so. */
  publicOnly: boolean;
  dashboard: DashboardView | undefined;
  /** What other modules put on the overview (manifest `overview` widgets). */
  widgets: readonly WidgetView[];
}

export function DashboardPage(props: DashboardPageProps) {
  const { v, org, dashboard: d } = props;
  return (
    <Layout v={v} title={v.t('dashboard.title')} wide>
      <PageHeader title={org.name} lead={d ? v.t('dashboard.lead', { year: d.year }) : v.t('dashboard.lead_no_year')} />
      {props.publicOnly ? <p class="hint">{v.t('dashboard.public_note')}</p> : null}
      {props.years.length ? (
        <FilterForm v={v} action={`/o/${org.slug}`}>
          <Select name="year" label={v.t('dashboard.year')} options={props.years} value={d ? String(d.year) : undefined} />
          <Select name="body" label={v.t('followup.body')} options={props.bodies} value={props.bodyId} empty={v.t('list.all')} />
          <Select name="focusArea" label={v.t('dashboard.focus_area')} options={props.focusAreas} value={props.focusAreaId} empty={v.t('list.all')} />
        </FilterForm>
      ) : (
        <Empty>{v.t('dashboard.no_years')}</Empty>
      )}
      {d ? (
        <>
          {d.collections.length ? (
            <section aria-labelledby="collections-title">
              <h2 id="collections-title">{v.t('dashboard.collections_title')}</h2>
              <p class="hint">{v.t('dashboard.collections_lead')}</p>
              <ul class="stats collections">
                {d.collections.map((c) => (
                  <li class="stat">
                    <h3>
                      <a href={c.href}>{c.title}</a>
                    </h3>
                    <p class="muted">
                      {c.kindLabel} · {c.years}
                    </p>
                    <p>
                      <a class="n" href={c.closedHref}>
                        {v.t('dashboard.collection_closed', { closed: c.closed, total: c.total })}
                      </a>
                    </p>
                    {c.others.length ? (
                      <ul class="plain">
                        {c.others.map((o) => (
                          <li>
                            <a href={o.href}>
                              {o.label}: {o.n}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="status-title">
            <h2 id="status-title">{v.t('dashboard.assignments_title', { year: d.year })}</h2>
            <Table caption={v.t('dashboard.status_caption', { year: d.year })} columns={[v.t('dashboard.status'), num(v.t('dashboard.count'))]} foot={
              <tr>
                    <th scope="row">{v.t('dashboard.total')}</th>
                    <td class="num">
                      <a href={d.totalHref} aria-label={v.t('dashboard.total_link', { count: d.total })}>
                        {d.total}
                      </a>
                    </td>
                  </tr>
              }
            >
              {d.statuses.map((s) => (
                    <tr>
                      <th scope="row">{s.label}</th>
                      <td class="num">
                        <a href={s.href} aria-label={v.t('dashboard.count_link', { count: s.n, status: s.label })}>
                          {s.n}
                        </a>
                      </td>
                    </tr>
                  ))}
            </Table>
            <p>
              <DownloadLinks v={v} href={`/o/${org.slug}/dashboard`} query={props.exportQuery} label={v.t('dashboard.status_caption', { year: d.year })} />
            </p>
          </section>

          <section aria-labelledby="source-title">
            <h2 id="source-title">{v.t('dashboard.sources_title')}</h2>
            {d.sources.length ? (
              <Table caption={v.t('dashboard.sources_caption', { year: d.year })} columns={[v.t('dashboard.source'), ...ASSIGNMENT_STATUS_ORDER.map((s) => num(v.t(statusLabelKey(s)))), num(v.t('dashboard.total'))]}>
                    {d.sources.map((row) => (
                      <tr>
                        <th scope="row">{row.label}</th>
                        {row.counts.map((c) => (
                          <td class="num"><a href={c.href} aria-label={v.t('dashboard.source_count_link', { count: c.n, status: c.label, source: row.label })}>{c.n}</a></td>
                        ))}
                        <td class="num">
                          <a href={row.href} aria-label={v.t('dashboard.source_total_link', { count: row.total, source: row.label })}>
                            {row.total}
                          </a>
                        </td>
                      </tr>
                    ))}
              </Table>
            ) : (
              <Empty>{v.t('dashboard.no_assignments')}</Empty>
            )}
          </section>

          <section aria-labelledby="late-title">
            <h2 id="late-title">{v.t('dashboard.late_title', { n: d.late.length })}</h2>
            {d.late.length ? (
              <Table caption={v.t('dashboard.late_caption')} columns={[v.t('followup.assignment'), v.t('dashboard.responsible'), v.t('dashboard.deadline'), v.t('dashboard.status')]}>
                {d.late.map((l) => (
                      <tr>
                        <th scope="row">
                          <a href={l.href}>
                            {l.reference ? `${l.reference} ` : ''}
                            {l.title}
                          </a>
                        </th>
                        <td>{l.responsible || '—'}</td>
                        <td>{l.deadline}</td>
                        <td>{l.statusLabel}</td>
                      </tr>
                    ))}
              </Table>
            ) : (
              <Empty>{v.t('dashboard.no_late')}</Empty>
            )}
            {d.late.length ? (
              <p>
                <a href={d.lateHref}>{v.t('dashboard.late_list')}</a>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="goals-title">
            <h2 id="goals-title">{v.t('dashboard.goals_title', { year: d.year })}</h2>
            <Table caption={v.t('dashboard.goals_caption', { year: d.year })} columns={[v.t('followup.assessment'), num(v.t('dashboard.goal_count'))]} foot={
              <tr>
                    <th scope="row">{v.t('dashboard.total')}</th>
                    <td class="num">
                      <a href={d.goalsHref}>
                        {d.goalsTotal}
                        <span class="visually-hidden"> {v.t('dashboard.goal_count')}</span>
                      </a>
                    </td>
                  </tr>
              }
            >
              {d.goals.map((g) => (
                    <tr>
                      <th scope="row">{g.label}</th>
                      <td class="num">
                        <a href={g.href}>
                          {g.n}
                          <span class="visually-hidden"> – {g.label}</span>
                        </a>
                      </td>
                    </tr>
                  ))}
            </Table>
          </section>

          {d.progress ? (
            <ProgressTable
              v={v}
              progress={d.progress}
              internal={!props.publicOnly}
              // The public has no reporting lines to open: a body leads to its own page, whose follow-up
              // per period is what "to report" counts, and the approved reports to the public follow-up.
              bodyHref={(id: string) => (props.publicOnly ? `/o/${org.slug}/bodies/${id}` : `/o/${org.slug}/follow-up?period=${d.progress!.periodId}&body=${id}`)}
              countHref={
                props.publicOnly
                  ? (body: string, count: ProgressCount) =>
                      count === 'approved' ? `/o/${org.slug}/follow-up/public?period=${d.progress!.periodId}` : count === 'expected' ? `/o/${org.slug}/bodies/${body}#followup-body-periods` : undefined
                  : progressCountHref(org.slug, d.progress.periodId)
              }
            />
          ) : (
            <section aria-labelledby="progress-title">
              <h2 id="progress-title">{v.t('dashboard.progress_title')}</h2>
              <Empty>{v.t('dashboard.no_periods')}</Empty>
            </section>
          )}
        </>
      ) : null}
      <Widgets views={props.widgets} />
    </Layout>
  );
}
