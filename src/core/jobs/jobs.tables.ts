// The jobs table, added to the database type (db/migrations/0013_core_jobs.sql).
import type { Generated } from 'kysely';
import type { Json } from '../db/schema';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobsTable {
  id: Generated<string>;
  organisation_id: string;
  kind: string;
  payload: Json;
  state: Generated<JobState>;
  progress: Json | null;
  result: Json | null;
  attempts: Generated<number>;
  heartbeat_at: Date | null;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

declare module '../db/schema' {
  interface Tables {
    jobs: JobsTable;
  }
}
