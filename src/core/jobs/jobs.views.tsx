// The jobs pages: an organisation's background jobs, and one job with its progress, error and report.
import { Badge, Fact, Facts, PageHeader, Pagination, Section, Table } from '../html/components';
import { Layout } from '../html/layout';
import type { OrgRef, View } from '../html/view';
import { formatDate } from '../i18n';
import type { JobView } from './jobs.presenter';

export function JobsPage(props: { v: View; org: OrgRef; jobs: JobView[]; total: number; page: { limit: number; offset: number } }) {
  const { v, org, jobs } = props;
  const { t } = v;
  return (
    <Layout v={v} title={t('jobs.title')} wide>
      <PageHeader title={t('jobs.title')} lead={t('jobs.lead')} />
      {jobs.length ? (
        <Table caption={t('jobs.caption', { count: props.total })} columns={[t('jobs.job'), t('jobs.state'), t('jobs.progress'), t('jobs.created_by'), t('jobs.created_at'), t('jobs.finished_at')]}>
              {jobs.map((j) => (
                <tr>
                  <td>
                    <a href={`/o/${org.slug}/jobs/${j.id}`}>{j.label}</a>
                  </td>
                  <td>
                    <Badge tone={j.stateTone}>{j.stateLabel}</Badge>
                    {j.error ? <span class="muted"> – {j.error}</span> : null}
                  </td>
                  <td>{j.progress?.text ?? '—'}</td>
                  <td>{j.createdBy}</td>
                  <td>{formatDate(v.locale, j.createdAt)}</td>
                  <td>{j.finishedAt ? formatDate(v.locale, j.finishedAt) : '—'}</td>
                </tr>
              ))}
        </Table>
      ) : (
        <p class="empty">{t('jobs.empty')}</p>
      )}
      <Pagination v={v} total={props.total} limit={props.page.limit} offset={props.page.offset} href={(offset) => `/o/${org.slug}/jobs${offset ? `?offset=${offset}` : ''}`} />
    </Layout>
  );
}

export function JobPage(props: { v: View; org: OrgRef; job: JobView }) {
  const { v, org, job } = props;
  const { t } = v;
  const unfinished = job.state === 'queued' || job.state === 'running';
  return (
    <Layout v={v} title={job.label}>
      <PageHeader title={job.label}>
        <a href={`/o/${org.slug}/jobs`}>{t('jobs.title')}</a>
      </PageHeader>
      {unfinished ? (
        // Updated by reloading rather than automatically: a page that refreshes itself takes the reader's place away (WCAG 2.2.1).
        <p>
          {t('jobs.still_running')} <a href={`/o/${org.slug}/jobs/${job.id}`}>{t('jobs.refresh')}</a>
        </p>
      ) : null}
      <Facts>
        <Fact label={t('jobs.state')}>
          <Badge tone={job.stateTone}>{job.stateLabel}</Badge>
        </Fact>
        <Fact label={t('jobs.progress')}>
          {job.progress ? (
            <>
              <progress max={job.progress.total} value={job.progress.done} aria-label={t('jobs.progress')}>
                {job.progress.text}
              </progress>{' '}
              {job.progress.text}
            </>
          ) : (
            '—'
          )}
        </Fact>
        {job.error ? <Fact label={t('jobs.error')}>{job.error}</Fact> : null}
        <Fact label={t('jobs.created_by')}>{job.createdBy}</Fact>
        <Fact label={t('jobs.created_at')}>{formatDate(v.locale, job.createdAt)}</Fact>
        <Fact label={t('jobs.finished_at')}>{job.finishedAt ? formatDate(v.locale, job.finishedAt) : '—'}</Fact>
        <Fact label={t('jobs.attempts')}>
          {job.attempts}
          {job.attempts > 1 ? <span class="muted"> – {t('jobs.attempts_hint')}</span> : null}
        </Fact>
      </Facts>
      {job.report ? (
        <Section id="job-result" title={t('jobs.result')}>
          <p>{job.report.summary}</p>
          {job.report.rows?.length ? (
            <Table caption={t('jobs.result_caption')} columns={[t('jobs.subject'), t('jobs.outcome')]}>
              {job.report.rows.map((r) => (
                <tr>
                  <td>{r.href ? <a href={r.href}>{r.subject}</a> : r.subject}</td>
                  <td>{r.outcome}</td>
                </tr>
              ))}
            </Table>
          ) : null}
        </Section>
      ) : null}
    </Layout>
  );
}
