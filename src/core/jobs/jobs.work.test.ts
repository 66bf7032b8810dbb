// Failed background jobs on the work page: staff see the jobs that failed lately with the reason and
// a link to each; older failures and jobs that did their work are left out; others see nothing.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { organisationApp, useFixture } from '../../test/harness';

describe.each(engines)('failed jobs on the work page on %s', (engine) => {
  const t = useFixture(() => organisationApp(engine, ['strategist', 'reader']));

  it('shows staff the jobs that failed lately, each linked to its page with the reason', async () => {
    const { db, org } = t;
    const job = (state: 'done' | 'failed', daysAgo: number, error: string | null) =>
      db
        .insertInto('jobs')
        .values({ organisation_id: org.id, kind: 'assignments.bulk-status', payload: '{}', state, progress: null, result: null, heartbeat_at: null, error, created_by: null, started_at: null, finished_at: new Date(Date.now() - daysAgo * 86_400_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
    const none = await t.strategist.get('/o/testkommun/work');
    expect(none.body).not.toContain('Bakgrundsjobb som misslyckades');

    const failed = await job('failed', 1, 'jobs.error.interrupted');
    await job('failed', 40, 'jobs.error.internal');
    await job('done', 1, null);
    const page = await t.strategist.get('/o/testkommun/work');
    const box = /<h2>Bakgrundsjobb som misslyckades<\/h2>(.*?)<\/li><\/ul><p>/s.exec(page.body)?.[1] ?? '';
    expect(box.match(/<span class="widget-row-head">/g)).toHaveLength(1);
    expect(box).toContain(`<a href="/o/testkommun/jobs/${failed.id}">`);
    expect(box).toContain('Misslyckades');
    expect(box).toContain('Avbrutet av en omstart av servern.');
    expect(page.body).toContain('<a href="/o/testkommun/jobs">Alla bakgrundsjobb</a>');
    // The link leads to the job's page, which says the same reason.
    expect((await t.strategist.get(`/o/testkommun/jobs/${failed.id}`)).body).toContain('Avbrutet av en omstart av servern.');

    expect((await t.reader.get('/o/testkommun/work')).body).not.toContain('Bakgrundsjobb som misslyckades');
  });
});
