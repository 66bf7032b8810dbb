// Runs background jobs: claims queued ones, keeps a heartbeat, saves checkpoints, and on start-up
// recovers jobs a dead process left running (resumable ones continue, the others fail with a reason).
import { sql } from 'kysely';
import type { Actor } from '../context';
import type { Engine } from '../db/database';
import type { Db } from '../db/schema';
import { ALL_ORGANISATIONS, withTenant } from '../db/tenant';
import { AppError } from '../errors';
import type { Catalogue } from '../catalogue';
import { isLocale, type Locale } from '../i18n';
import { JOB_ERRORS, JobLost, JobStopped, onJobQueued, type Checkpoint, type Job, type JobContext, type JobDefinition, type JobRow } from './jobs';

export interface RunnerOptions {
  /** The app's catalogue: the job kinds the modules declare, and the texts jobs write in. */
  catalogue: Catalogue;
  /**
   * On PGlite the data directory's lock means no other process runs jobs, so every job still marked
   * running at start-up was left by a dead process. On PostgreSQL other app servers may be running
   * theirs, so only a job whose heartbeat stopped (staleMs) counts as left behind.
   */
  engine: Engine;
  /** How often to look for work nobody told this process about (jobs queued on another server). */
  pollMs?: number;
  heartbeatMs?: number;
  staleMs?: number;
  /** A resumable job interrupted this many times is failed instead, so a job that kills its server cannot loop. */
  maxAttempts?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

const DEFAULTS = { pollMs: 2000, heartbeatMs: 5000, staleMs: 30_000, maxAttempts: 5 };

const SYSTEM: Actor = { kind: 'system', label: 'riktning jobs' };

export class JobRunner {
  private readonly definitions: Map<string, JobDefinition>;
  private readonly options: Required<Omit<RunnerOptions, 'log'>> & Pick<RunnerOptions, 'log'>;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private unsubscribe: (() => void) | undefined;
  private lastStaleCheck = 0;

  constructor(
    private readonly db: Db,
    options: RunnerOptions,
  ) {
    this.definitions = new Map(options.catalogue.jobs);
    this.options = { ...DEFAULTS, ...options };
  }

  /** Recovers what a dead process left, then works through the queue until stop(). */
  async start(): Promise<void> {
    await this.recover(this.options.engine === 'pglite' ? 'all' : 'stale');
    this.unsubscribe = onJobQueued(() => this.wake());
    this.loop = this.work();
  }

  /**
   * Stops taking jobs; a running resumable job stops after its current unit and is queued again.
   * A job still running after `graceMs` is left to recovery at the next start.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping.abort();
    this.unsubscribe?.();
    this.wake();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Runs queued jobs one after another until none is left; for tests and one-off use without start(). */
  async drain(): Promise<number> {
    let n = 0;
    for (let job = await this.claim(); job; job = await this.claim()) {
      await this.execute(job);
      n++;
    }
    return n;
  }

  private async work(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        if (this.options.engine === 'postgres' && Date.now() - this.lastStaleCheck >= this.options.pollMs) {
          this.lastStaleCheck = Date.now();
          await this.recover('stale');
        }
        const job = await this.claim();
        if (job) {
          await this.execute(job);
          await yieldToRequests();
          continue;
        }
      } catch (err) {
        // The database may be away for a while (a restart, the network); try again after the pause.
        this.options.log?.('job runner could not reach the database', { err: String(err) });
      }
      await this.pause();
    }
  }

  private pause(): Promise<void> {
    if (this.pendingWake || this.stopping.signal.aborted) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.pendingWake = false;
        done();
      };
    });
  }

  /** The oldest queued job, now running and ours; several servers never claim the same one. */
  private async claim(): Promise<JobRow | undefined> {
    if (this.stopping.signal.aborted) return undefined;
    return withTenant(ALL_ORGANISATIONS, async () => {
      const result = await sql<JobRow>`
        update jobs set state = 'running', attempts = attempts + 1, heartbeat_at = now(), started_at = coalesce(started_at, now())
        where id = (select id from jobs where state = 'queued' order by created_at, id limit 1 for update skip locked)
        returning *`.execute(this.db);
      return result.rows[0];
    });
  }

  /**
   * Jobs marked running whose runner is gone: every one ('all', on PGlite at start-up) or those
   * without a heartbeat for staleMs. Resumable ones go back to the queue with their checkpoint.
   */
  async recover(which: 'all' | 'stale'): Promise<{ requeued: number; failed: number }> {
    return withTenant(ALL_ORGANISATIONS, async () => {
      let q = this.db.selectFrom('jobs').select(['id', 'kind', 'attempts']).where('state', '=', 'running');
      if (which === 'stale') q = q.where('heartbeat_at', '<', new Date(Date.now() - this.options.staleMs));
      const orphans = await q.execute();
      let requeued = 0;
      let failed = 0;
      for (const job of orphans) {
        const definition = this.definitions.get(job.kind);
        const resume = definition?.resumable && job.attempts < this.options.maxAttempts;
        const error = !definition ? JOB_ERRORS.unknownKind : resume ? null : definition.resumable ? JOB_ERRORS.tooManyInterruptions : JOB_ERRORS.interrupted;
        // Guarded by attempts: a runner that claimed it again in the meantime keeps it.
        const r = await this.db
          .updateTable('jobs')
          .set(resume ? { state: 'queued', heartbeat_at: null } : { state: 'failed', error, finished_at: sql`now()` })
          .where('id', '=', job.id)
          .where('state', '=', 'running')
          .where('attempts', '=', job.attempts)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) continue;
        if (resume) requeued++;
        else failed++;
        this.options.log?.(resume ? 'interrupted job queued again' : 'interrupted job failed', { jobId: job.id, kind: job.kind });
      }
      return { requeued, failed };
    });
  }

  private async execute(row: JobRow): Promise<void> {
    const definition = this.definitions.get(row.kind);
    if (!definition) return this.finish(row, { state: 'failed', error: JOB_ERRORS.unknownKind });
    const heartbeat = setInterval(() => {
      this.touch(row).catch(() => {});
    }, this.options.heartbeatMs);
    heartbeat.unref();
    try {
      const result = await withTenant(row.organisation_id, async () => {
        const { actor, locale } = await this.creatorOf(row);
        const ctx = this.contextFor(row, actor, locale);
        return definition.run(ctx, toJob(row), (row.progress ?? undefined) as Checkpoint | undefined);
      });
      await this.finish(row, { state: 'done', result });
    } catch (err) {
      if (err instanceof JobLost) return;
      if (err instanceof JobStopped && definition.resumable) {
        await this.release(row);
        return;
      }
      const error = err instanceof AppError ? err.messageKey : err instanceof JobStopped ? JOB_ERRORS.interrupted : JOB_ERRORS.internal;
      if (!(err instanceof AppError) && !(err instanceof JobStopped)) this.options.log?.('job failed', { jobId: row.id, kind: row.kind, err: String((err as Error)?.stack ?? err) });
      await this.finish(row, { state: 'failed', error }).catch(() => {});
    } finally {
      clearInterval(heartbeat);
    }
  }

  private contextFor(row: JobRow, actor: Actor, locale: Locale): JobContext {
    const db = this.db;
    const signal = this.stopping.signal;
    return {
      db,
      actor,
      locale,
      t: this.options.catalogue.messages.translator(locale),
      catalogue: this.options.catalogue,
      signal,
      throwIfStopping() {
        if (signal.aborted) throw new JobStopped();
      },
      async saveCheckpoint(checkpoint: Checkpoint) {
        const r = await db
          .updateTable('jobs')
          .set({ progress: JSON.stringify(checkpoint), heartbeat_at: sql`now()` })
          .where('id', '=', row.id)
          .where('state', '=', 'running')
          .where('attempts', '=', row.attempts)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new JobLost(row.id);
        await yieldToRequests();
      },
    };
  }

  /** The person who started the job, as they are now: their role decides what the job may still do. */
  private async creatorOf(row: JobRow): Promise<{ actor: Actor; locale: Locale }> {
    if (!row.created_by) return { actor: SYSTEM, locale: 'sv' };
    const user = await sql<{ id: string; organisation_id: string; role: 'admin' | 'strategist' | 'reporter' | 'reader'; name: string; email: string; locale: string | null; body_ids: string[] | null }>`
      select u.id, u.organisation_id, u.role, u.name, u.email, u.locale, ${this.options.catalogue.userBodies.ids(sql<string>`u.id`)} as body_ids
      from users u where u.id = ${row.created_by} and u.archived_at is null`
      .execute(this.db)
      .then((r) => r.rows[0]);
    if (!user) throw new AppError('forbidden', JOB_ERRORS.creatorGone);
    return {
      actor: { kind: 'user', id: user.id, organisationId: user.organisation_id, role: user.role, name: user.name, email: user.email, bodyIds: user.body_ids ?? [] },
      locale: isLocale(user.locale) ? user.locale : 'sv',
    };
  }

  private async touch(row: JobRow): Promise<void> {
    await withTenant(ALL_ORGANISATIONS, () =>
      this.db.updateTable('jobs').set({ heartbeat_at: sql`now()` }).where('id', '=', row.id).where('state', '=', 'running').where('attempts', '=', row.attempts).execute(),
    );
  }

  /** Back to the queue with its checkpoint, for the next runner (or this server's next start). */
  private async release(row: JobRow): Promise<void> {
    await withTenant(ALL_ORGANISATIONS, () =>
      this.db.updateTable('jobs').set({ state: 'queued', heartbeat_at: null }).where('id', '=', row.id).where('state', '=', 'running').where('attempts', '=', row.attempts).execute(),
    );
  }

  private async finish(row: JobRow, outcome: { state: 'done'; result: unknown } | { state: 'failed'; error: string }): Promise<void> {
    await withTenant(ALL_ORGANISATIONS, () =>
      this.db
        .updateTable('jobs')
        .set({
          state: outcome.state,
          finished_at: sql`now()`,
          heartbeat_at: sql`now()`,
          ...(outcome.state === 'done' ? { result: JSON.stringify(outcome.result ?? null), error: null } : { error: outcome.error.slice(0, 2000) }),
        })
        .where('id', '=', row.id)
        .where('state', '=', 'running')
        .where('attempts', '=', row.attempts)
        .execute(),
    );
  }
}

/**
 * PGlite answers inside this process, through promises alone: a job doing unit after unit would never
 * let the event loop take a request, and the server would stand still until the job is done. Between
 * units, requests waiting for their turn go first.
 */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
