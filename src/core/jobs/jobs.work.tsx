// Background jobs on the work page of strategists and admins: the jobs that failed lately, each a
// link to its page with the reason, so nobody has to look through the jobs list to find them.
import type { Messages } from '../i18n';
import { formatDate } from '../i18n';
import type { Widget } from '../manifest';
import { canSeeJobs } from './jobs.policy';
import { errorText } from './jobs.presenter';

/** How long a failed job stays on the work page. */
export const FAILED_JOB_DAYS = 30;
const ROWS = 10;

const failedJobs: Widget = {
  id: 'jobs.failed',
  order: 90,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || !canSeeJobs(ctx.actor, org.id)) return undefined;
    const { t } = ctx;
    const since = new Date(Date.now() - FAILED_JOB_DAYS * 86_400_000);
    const rows = await ctx.db
      .selectFrom('jobs')
      .select(['id', 'kind', 'error', 'finished_at'])
      .select((eb) => eb.fn.countAll<number>().over().as('total'))
      .where('organisation_id', '=', org.id)
      .where('state', '=', 'failed')
      .where('finished_at', '>', since)
      .orderBy('finished_at', 'desc')
      .orderBy('id')
      .limit(ROWS)
      .execute();
    // Said only when something failed: a box saying nothing went wrong is noise on a work page.
    if (!rows.length) return undefined;
    const total = Number(rows[0]!.total);
    return {
      title: t('work.jobs.title'),
      lead: t('work.jobs.lead', { count: FAILED_JOB_DAYS }),
      items: [],
      groups: [
        {
          rows: rows.map((j) => {
            const definition = ctx.catalogue.jobs.get(j.kind);
            return {
              label: definition ? t(definition.labelKey) : t('jobs.unknown_kind', { kind: j.kind }),
              href: `/o/${org.slug}/jobs/${j.id}`,
              state: { label: t('jobs.state.failed'), tone: 'bad' as const },
              detail: [formatDate(ctx.locale, j.finished_at), errorText(j.error, t)].filter(Boolean).join(' · '),
            };
          }),
        },
      ],
      more: { label: total > rows.length ? t('work.jobs.more', { count: total }) : t('work.jobs.all'), href: `/o/${org.slug}/jobs` },
    };
  },
};

export const jobsWork: Widget[] = [failedJobs];

export const jobsWorkMessages: Messages = {
  sv: {
    'work.jobs.title': 'Bakgrundsjobb som misslyckades',
    'work.jobs.lead': { one: 'Det senaste dygnet. Läs orsaken och starta jobbet igen om det behövs.', other: 'De senaste {count} dagarna. Läs orsaken och starta jobbet igen om det behövs.' },
    'work.jobs.more': 'Alla {count} misslyckade finns bland bakgrundsjobben',
    'work.jobs.all': 'Alla bakgrundsjobb',
  },
  en: {
    'work.jobs.title': 'Background jobs that failed',
    'work.jobs.lead': { one: 'The last day. Read the reason and start the job again if needed.', other: 'The last {count} days. Read the reason and start the job again if needed.' },
    'work.jobs.more': 'All {count} failed ones are among the background jobs',
    'work.jobs.all': 'All background jobs',
  },
};
