// Background jobs: what a module declares (a JobDefinition in its manifest), how a command queues
// one, and how the jobs page and API read them. The runner that executes them is in runner.ts.
import { isUuid } from '../validation';
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Ctx } from '../context';
import type { Executor } from '../db/schema';
import type { Translate } from '../i18n';
import type { JobState } from './jobs.tables';
import './jobs.tables';

/**
 * What a job has done so far. A job saves it as it goes (JobContext.saveCheckpoint) and gets it back
 * when it is resumed after a restart. `done` and `total`, when given, are shown as its progress.
 */
export interface Checkpoint {
  done?: number;
  total?: number;
  [key: string]: unknown;
}

export interface Job<P = unknown> {
  id: string;
  organisationId: string;
  kind: string;
  payload: P;
  state: JobState;
  /** How many times a runner has claimed it; above 1 it was resumed after an interruption. */
  attempts: number;
  createdBy: string | null;
  createdAt: Date;
}

/** What a running job gets: the context of the person who started it, plus its checkpoint and stop signal. */
export interface JobContext<C extends Checkpoint = Checkpoint> extends Ctx {
  /**
   * Saves the checkpoint. Save after each unit of work that committed on its own, so a resumed job
   * neither repeats nor skips work; it also lets waiting requests run, so the server keeps answering
   * while the job works. Throws JobLost if this runner no longer owns the job.
   */
  saveCheckpoint(checkpoint: C): Promise<void>;
  /** Set when the server is stopping: a resumable job should stop after its current unit (throwIfStopping). */
  signal: AbortSignal;
  /** Throws JobStopped when the server is stopping; the runner queues a resumable job again. */
  throwIfStopping(): void;
}

/** One line of a finished job's report, e.g. an assignment the bulk change could not move and why. */
export interface JobReportRow {
  subject: string;
  href?: string;
  outcome: string;
}

export interface JobReport {
  summary: string;
  rows?: JobReportRow[];
}

/** A kind of background job, declared by a module in its manifest (ModuleManifest.jobs). */
export interface JobDefinition<P = any, C extends Checkpoint = any, R = any> {
  /** '<module>.<job>', e.g. 'assignments.bulk-status'. */
  kind: string;
  /** The job's name on the jobs page. */
  labelKey: string;
  /**
   * Resumable jobs are queued again after a restart and continue from their checkpoint; the others
   * are marked failed ("interrupted by a restart"), since running them twice could do harm.
   */
  resumable: boolean;
  /** Does the work. Runs in the job's organisation (row-level security) as the person who started it. */
  run(ctx: JobContext<C>, job: Job<P>, checkpoint: C | undefined): Promise<R>;
  /** The finished job's result in words, for the jobs page. */
  report?(result: R, args: { t: Translate; orgSlug: string }): JobReport;
}

/** Declares a job kind with its payload, checkpoint and result types inferred. */
export const defineJob = <P, C extends Checkpoint, R>(definition: JobDefinition<P, C, R>): JobDefinition<P, C, R> => definition;

/** Thrown into a job when the server stops: resumable jobs go back to the queue. */
export class JobStopped extends Error {
  constructor() {
    super('The server is stopping');
  }
}

/** The job was taken over by another runner (this one stalled past the heartbeat limit); stop quietly. */
export class JobLost extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} is no longer held by this runner`);
  }
}

/** Message keys for the reasons the core itself fails a job. */
export const JOB_ERRORS = {
  interrupted: 'jobs.error.interrupted',
  tooManyInterruptions: 'jobs.error.too_many_interruptions',
  unknownKind: 'jobs.error.unknown_kind',
  creatorGone: 'jobs.error.creator_gone',
  internal: 'jobs.error.internal',
} as const;

// Runners in this process learn of a new job at once; runners elsewhere find it when they next look.
const queued = new EventEmitter();

/** Tells this process's runner that a job was queued. Call after the queueing transaction committed. */
export function jobQueued(): void {
  queued.emit('queued');
}

export function onJobQueued(listener: () => void): () => void {
  queued.on('queued', listener);
  return () => queued.off('queued', listener);
}

export interface JobRow {
  id: string;
  organisation_id: string;
  kind: string;
  payload: unknown;
  state: JobState;
  progress: unknown;
  result: unknown;
  attempts: number;
  heartbeat_at: Date | null;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Queues a job in the caller's transaction, so the job exists exactly when the command's writes do. */
export async function enqueueJob(trx: Executor, job: { organisationId: string; kind: string; payload: unknown; createdBy: string | null }): Promise<JobRow> {
  return trx
    .insertInto('jobs')
    .values({ organisation_id: job.organisationId, kind: job.kind, payload: JSON.stringify(job.payload ?? {}), created_by: job.createdBy, progress: null, result: null, heartbeat_at: null, error: null, started_at: null, finished_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}


export interface JobWithCreator extends JobRow {
  created_by_name: string | null;
}

export async function findJob(db: Executor, organisationId: string, id: string): Promise<JobWithCreator | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('jobs')
    .leftJoin('users', 'users.id', 'jobs.created_by')
    .selectAll('jobs')
    .select('users.name as created_by_name')
    .where('jobs.organisation_id', '=', organisationId)
    .where('jobs.id', '=', id)
    .executeTakeFirst();
}

/** An organisation's jobs, newest first, and how many there are. */
export async function listJobs(db: Executor, organisationId: string, page: { limit: number; offset: number }): Promise<{ rows: JobWithCreator[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('jobs')
      .leftJoin('users', 'users.id', 'jobs.created_by')
      .selectAll('jobs')
      .select('users.name as created_by_name')
      .where('jobs.organisation_id', '=', organisationId)
      .orderBy('jobs.created_at', 'desc')
      .orderBy('jobs.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('jobs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** `done` and `total` of a checkpoint, when it has them. */
export function progressOf(progress: unknown): { done: number; total: number } | undefined {
  if (!progress || typeof progress !== 'object') return undefined;
  const { done, total } = progress as Checkpoint;
  return typeof done === 'number' && typeof total === 'number' ? { done, total } : undefined;
}
