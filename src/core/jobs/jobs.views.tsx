// The jobs pages: an organisation's background jobs, and one job with its progress, error and report.
import { Badge, PageHeader, Pagination } from '../html/components';
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
        <div class="table-wrap">
          <table>
            <caption>{t('jobs.caption', { count: props.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jobs.job')}</th>
                <th scope="col">{t('jobs.state')}</th>
                <th scope="col">{t('jobs.progress')}</th>
                <th scope="col">{t('jobs.created_by')}</th>
                <th scope="col">{t('jobs.created_at')}</th>
                <th scope="col">{t('jobs.finished_at')}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
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
      <dl class="facts">
        <dt>{t('jobs.state')}</dt>
        <dd>
          <Badge tone={job.stateTone}>{job.stateLabel}</Badge>
        </dd>
        <dt>{t('jobs.progress')}</dt>
        <dd>
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
        </dd>
        {job.error ? (
          <>
            <dt>{t('jobs.error')}</dt>
            <dd>{job.error}</dd>
          </>
        ) : null}
        <dt>{t('jobs.created_by')}</dt>
        <dd>{job.createdBy}</dd>
        <dt>{t('jobs.created_at')}</dt>
        <dd>{formatDate(v.locale, job.createdAt)}</dd>
        <dt>{t('jobs.finished_at')}</dt>
        <dd>{job.finishedAt ? formatDate(v.locale, job.finishedAt) : '—'}</dd>
        <dt>{t('jobs.attempts')}</dt>
        <dd>
          {job.attempts}
          {job.attempts > 1 ? <span class="muted"> – {t('jobs.attempts_hint')}</span> : null}
        </dd>
      </dl>
      {job.report ? (
        <section aria-labelledby="job-result">
          <h2 id="job-result">{t('jobs.result')}</h2>
          <p>{job.report.summary}</p>
          {job.report.rows?.length ? (
            <div class="table-wrap">
              <table>
                <caption>{t('jobs.result_caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('jobs.subject')}</th>
                    <th scope="col">{t('jobs.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.report.rows.map((r) => (
                    <tr>
                      <td>{r.href ? <a href={r.href}>{r.subject}</a> : r.subject}</td>
                      <td>{r.outcome}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
