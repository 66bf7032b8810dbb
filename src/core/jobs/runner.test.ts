import { buildCatalogue } from '../catalogue';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database';
import { engines, testDatabase } from '../../test/db';
import { buildOrg, buildUser, type OrgFixture } from '../../test/factories';
import { waitFor } from '../../test/wait';
import { AppError } from '../errors';
import { defineJob, enqueueJob, JOB_ERRORS, JobLost, type Checkpoint, type JobDefinition } from './jobs';
import { JobRunner } from './runner';

interface CountCheckpoint extends Checkpoint {
  done: number;
  total: number;
}

/** Every unit of work any test job did, by job id: to prove nothing ran twice and nothing was skipped. */
const units = new Map<string, number[]>();
const record = (jobId: string, unit: number) => units.set(jobId, [...(units.get(jobId) ?? []), unit]);

/** Counts to payload.total, one checkpointed unit at a time; stops early when told to (payload.stopAt). */
const counting = (resumable: boolean, kind: string): JobDefinition =>
  defineJob<{ total: number; stopAt?: number }, CountCheckpoint, { counted: number }>({
    kind,
    labelKey: 'jobs.title',
    resumable,
    async run(ctx, job, checkpoint) {
      let cp = checkpoint ?? { done: 0, total: job.payload.total };
      for (let i = cp.done; i < cp.total; i++) {
        ctx.throwIfStopping();
        record(job.id, i);
        cp = { ...cp, done: i + 1 };
        await ctx.saveCheckpoint(cp);
      }
      return { counted: cp.done };
    },
  });

const resumable = counting(true, 'test.resumable');
const oneShot = counting(false, 'test.one-shot');

/** Reports what the job sees: who it runs as, and how many organisations row-level security lets it read. */
const whoAmI = defineJob<Record<string, never>, CountCheckpoint, { actor: string; role: string | null; organisations: number }>({
  kind: 'test.who-am-i',
  labelKey: 'jobs.title',
  resumable: false,
  async run(ctx) {
    const orgs = await ctx.db.selectFrom('organisations').select('id').execute();
    return { actor: ctx.actor.kind === 'user' ? ctx.actor.email : ctx.actor.kind, role: ctx.actor.kind === 'user' ? ctx.actor.role : null, organisations: orgs.length };
  },
});

const failing = defineJob<{ app: boolean }, CountCheckpoint, never>({
  kind: 'test.failing',
  labelKey: 'jobs.title',
  resumable: false,
  async run(_ctx, job) {
    if (job.payload.app) throw new AppError('forbidden', 'error.forbidden');
    throw new Error('connection details nobody should read: password=hemligt');
  },
});

/** Jobs holding in the middle of a unit, by job id: calling the function lets the job go on. */
const holding = new Map<string, () => void>();
/** How each holding job's run ended: 'done', 'lost' (another runner had taken it over) or 'stopped'. */
const endings = new Map<string, string>();

/**
 * Counts like the others, but holds in unit `holdAt` until the test lets it go on or the server
 * stops: so a test catches it mid-job at a known unit, without racing a timer.
 */
const held = defineJob<{ total: number; holdAt: number }, CountCheckpoint, { counted: number }>({
  kind: 'test.held',
  labelKey: 'jobs.title',
  resumable: true,
  async run(ctx, job, checkpoint) {
    let cp = checkpoint ?? { done: 0, total: job.payload.total };
    try {
      for (let i = cp.done; i < cp.total; i++) {
        ctx.throwIfStopping();
        record(job.id, i);
        if (i === job.payload.holdAt) {
          await new Promise<void>((resolve) => {
            holding.set(job.id, resolve);
            ctx.signal.addEventListener('abort', () => resolve(), { once: true });
            if (ctx.signal.aborted) resolve();
          });
        }
        cp = { ...cp, done: i + 1 };
        await ctx.saveCheckpoint(cp);
      }
      endings.set(job.id, 'done');
      return { counted: cp.done };
    } catch (err) {
      endings.set(job.id, err instanceof JobLost ? 'lost' : 'stopped');
      throw err;
    }
  },
});

const definitions = [resumable, oneShot, whoAmI, failing, held];

describe.each(engines)('the job runner on %s', (engine) => {
  let database: Database;
  let org: OrgFixture;
  let strategist: { id: string; email: string };
  const runners: JobRunner[] = [];

  const runner = (options: Partial<ConstructorParameters<typeof JobRunner>[1]> = {}) => {
    const r = new JobRunner(database.db, { catalogue: buildCatalogue([{ name: 'runner-test', jobs: definitions }]), engine, pollMs: 50, heartbeatMs: 100, staleMs: 1000, ...options });
    runners.push(r);
    return r;
  };

  const queue = (kind: string, payload: unknown, createdBy: string | null = strategist.id) => enqueueJob(database.db, { organisationId: org.id, kind, payload, createdBy });
  const job = (id: string) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** A job as a killed server leaves it: claimed, part done, heartbeat stopped. */
  async function leftRunning(kind: string, payload: unknown, progress: CountCheckpoint | null, attempts = 1) {
    const row = await queue(kind, payload);
    await database.db
      .updateTable('jobs')
      .set({ state: 'running', attempts, progress: progress ? JSON.stringify(progress) : null, started_at: sql`now()`, heartbeat_at: sql`now() - interval '1 hour'` })
      .where('id', '=', row.id)
      .execute();
    return row;
  }

  beforeAll(async () => {
    database = await testDatabase(engine);
    org = await buildOrg(database.db);
    await buildOrg(database.db);
    strategist = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
  });
  afterEach(async () => {
    while (runners.length) await runners.pop()!.stop();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('runs a queued job to the end, saving its progress, and keeps its result', async () => {
    const queued = await queue('test.resumable', { total: 5 });
    expect(await runner().drain()).toBe(1);
    const done = await job(queued.id);
    expect(done).toMatchObject({ state: 'done', attempts: 1, error: null, progress: { done: 5, total: 5 }, result: { counted: 5 } });
    expect(done.started_at).toBeInstanceOf(Date);
    expect(done.finished_at).toBeInstanceOf(Date);
    expect(units.get(queued.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs a job as the person who started it, inside their organisation only', async () => {
    const queued = await queue('test.who-am-i', {});
    await runner().drain();
    expect((await job(queued.id)).result).toEqual({ actor: strategist.email, role: 'strategist', organisations: 1 });
  });

  it('picks up a job queued while it runs, without waiting for its next look', async () => {
    const r = runner({ pollMs: 60_000 });
    await r.start();
    const queued = await queue('test.resumable', { total: 2 });
    const { jobQueued } = await import('./jobs');
    jobQueued();
    await expect.poll(async () => (await job(queued.id)).state, { timeout: 10_000 }).toBe('done');
  });

  it('resumes a resumable job a dead process left running, from its checkpoint', async () => {
    const left = await leftRunning('test.resumable', { total: 6 }, { done: 4, total: 6 });
    const r = runner();
    await r.start();
    await expect.poll(async () => (await job(left.id)).state, { timeout: 10_000 }).toBe('done');
    const done = await job(left.id);
    expect(done).toMatchObject({ attempts: 2, progress: { done: 6, total: 6 }, result: { counted: 6 }, error: null });
    // Units 0–3 were done by the dead process: only 4 and 5 ran again.
    expect(units.get(left.id)).toEqual([4, 5]);
  });

  it('fails a job that cannot resume with the reason, and never runs it again', async () => {
    const left = await leftRunning('test.one-shot', { total: 3 }, { done: 1, total: 3 });
    const r = runner();
    await r.start();
    await expect.poll(async () => (await job(left.id)).state, { timeout: 10_000 }).toBe('failed');
    expect(await job(left.id)).toMatchObject({ error: JOB_ERRORS.interrupted, attempts: 1 });
    expect(units.get(left.id)).toBeUndefined();
  });

  it('stops resuming a job that keeps being interrupted', async () => {
    const left = await leftRunning('test.resumable', { total: 3 }, { done: 1, total: 3 }, 5);
    await runner({ maxAttempts: 5 }).start();
    await expect.poll(async () => (await job(left.id)).state, { timeout: 10_000 }).toBe('failed');
    expect((await job(left.id)).error).toBe(JOB_ERRORS.tooManyInterruptions);
  });

  it('fails a job of a kind no module declares', async () => {
    const left = await leftRunning('test.gone', {}, null);
    const queued = await queue('test.also-gone', {});
    await runner().start();
    await expect.poll(async () => [(await job(left.id)).state, (await job(queued.id)).state], { timeout: 10_000 }).toEqual(['failed', 'failed']);
    expect((await job(left.id)).error).toBe(JOB_ERRORS.unknownKind);
  });

  it('records why a job failed: the message of a refusal, and no internals for an unexpected error', async () => {
    const refused = await queue('test.failing', { app: true });
    const crashed = await queue('test.failing', { app: false });
    const logged: string[] = [];
    await runner({ log: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`) }).drain();
    expect(await job(refused.id)).toMatchObject({ state: 'failed', error: 'error.forbidden' });
    expect(await job(crashed.id)).toMatchObject({ state: 'failed', error: JOB_ERRORS.internal });
    // The details are in the server log, for whoever runs the server.
    expect(logged.join('\n')).toContain('password=hemligt');
  });

  it('stops a job whose creator has left, with the reason', async () => {
    const leaving = await buildUser(database.db, { organisationId: org.id, role: 'strategist' });
    const queued = await queue('test.resumable', { total: 2 }, leaving.id);
    await database.db.updateTable('users').set({ archived_at: new Date() }).where('id', '=', leaving.id).execute();
    await runner().drain();
    expect(await job(queued.id)).toMatchObject({ state: 'failed', error: JOB_ERRORS.creatorGone });
    expect(units.get(queued.id)).toBeUndefined();
  });

  it('on stop, queues a running resumable job again with its checkpoint, and the next runner finishes it', async () => {
    const queued = await queue('test.held', { total: 40, holdAt: 2 });
    const first = runner();
    await first.start();
    // The job is in its third unit, two units saved, when the server stops.
    await waitFor(() => holding.has(queued.id), { what: 'the job to reach unit 2' });
    expect(((await job(queued.id)).progress as CountCheckpoint | null)?.done).toBe(2);
    await first.stop();
    const stopped = await job(queued.id);
    expect(stopped.state).toBe('queued');
    const doneBefore = (stopped.progress as CountCheckpoint).done;
    expect(doneBefore).toBeLessThan(40);
    await runner().drain();
    expect(await job(queued.id)).toMatchObject({ state: 'done', attempts: 2, result: { counted: 40 } });
    expect(units.get(queued.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a runner that lost its job to another (it stalled) can no longer write the job', async () => {
    const queued = await queue('test.held', { total: 30, holdAt: 1 });
    const stalled = runner();
    await stalled.start();
    await waitFor(() => holding.has(queued.id), { what: 'the job to reach unit 1' });
    expect((await job(queued.id)).state).toBe('running');
    // Another server decides the heartbeat stopped and takes the job over.
    await database.db.updateTable('jobs').set({ state: 'queued', heartbeat_at: null }).where('id', '=', queued.id).execute();
    await database.db.updateTable('jobs').set({ state: 'running', attempts: sql`attempts + 1` }).where('id', '=', queued.id).execute();
    const taken = await job(queued.id);
    // The stalled runner wakes up, finishes its unit and tries to save it.
    holding.get(queued.id)!();
    await waitFor(() => endings.get(queued.id), { what: 'the stalled runner to give the job up' });
    expect(endings.get(queued.id)).toBe('lost');
    expect(units.get(queued.id)).toEqual([0, 1]);
    await stalled.stop();
    // The stalled runner stopped at its next checkpoint and left the job as the new owner has it.
    const after = await job(queued.id);
    expect(after.state).toBe('running');
    expect(after.attempts).toBe(taken.attempts);
    expect(after.progress).toEqual(taken.progress);
  });

  it.runIf(engine === 'postgres')('on PostgreSQL, servers running side by side never run one job twice, and a dead server’s job is taken over once its heartbeat stops', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => queue('test.resumable', { total: 3 }).then((j) => j.id)));
    const a = runner();
    const b = runner();
    await Promise.all([a.drain(), b.drain()]);
    for (const id of ids) {
      expect(await job(id)).toMatchObject({ state: 'done', attempts: 1 });
      expect(units.get(id)).toEqual([0, 1, 2]);
    }
    // A job whose heartbeat is fresh belongs to a live server: left alone at start-up.
    const live = await leftRunning('test.resumable', { total: 2 }, { done: 1, total: 2 });
    await database.db.updateTable('jobs').set({ heartbeat_at: sql`now()` }).where('id', '=', live.id).execute();
    const watcher = runner({ staleMs: 60_000 });
    const looks = vi.spyOn(watcher, 'recover');
    await watcher.start();
    // At start-up and twice more as it runs, it looks for jobs left behind, and leaves this one alone.
    await waitFor(() => looks.mock.calls.length >= 3, { what: 'three looks for left-behind jobs' });
    expect(await Promise.all(looks.mock.results.slice(0, 3).map((r) => r.value))).toEqual([
      { requeued: 0, failed: 0 },
      { requeued: 0, failed: 0 },
      { requeued: 0, failed: 0 },
    ]);
    expect((await job(live.id)).state).toBe('running');
    // Without a heartbeat for staleMs, another server resumes it.
    await runner({ staleMs: 500 }).start();
    await expect.poll(async () => (await job(live.id)).state, { timeout: 10_000 }).toBe('done');
    expect(units.get(live.id)).toEqual([1]);
  });
});
