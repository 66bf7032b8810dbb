// Jobs as pages and the API show them: state and progress in words, errors translated, results reported by their kind.
import type { Translate } from '../i18n';
import { progressOf, type JobDefinition, type JobReport, type JobRow, type JobWithCreator } from './jobs';
import type { JobState } from './jobs.tables';

export interface JobView {
  id: string;
  kind: string;
  label: string;
  state: JobState;
  stateLabel: string;
  stateTone: 'info' | 'warn' | 'ok' | 'bad';
  progress: { done: number; total: number; text: string } | undefined;
  attempts: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | undefined;
  report: JobReport | undefined;
}

const TONES: Record<JobState, JobView['stateTone']> = { queued: 'info', running: 'warn', done: 'ok', failed: 'bad' };

/** A stored error is a message key when the core or a command gave the reason, else a short text. */
export const errorText = (error: string | null, t: Translate): string | undefined => (error ? (t.has(error) ? t(error) : error) : undefined);

export function presentJob(row: JobWithCreator, definitions: ReadonlyMap<string, JobDefinition>, t: Translate, orgSlug: string): JobView {
  const definition = definitions.get(row.kind);
  const progress = progressOf(row.progress);
  return {
    id: row.id,
    kind: row.kind,
    label: definition ? t(definition.labelKey) : t('jobs.unknown_kind', { kind: row.kind }),
    state: row.state,
    stateLabel: t(`jobs.state.${row.state}`),
    stateTone: TONES[row.state],
    progress: progress ? { ...progress, text: t('jobs.progress_value', progress) } : undefined,
    attempts: row.attempts,
    createdBy: row.created_by_name ?? t('jobs.system'),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: errorText(row.error, t),
    report: row.state === 'done' && definition?.report ? definition.report(row.result as never, { t, orgSlug }) : undefined,
  };
}

export function jobJson(row: JobRow, t: Translate) {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: progressOf(row.progress) ?? null,
    checkpoint: row.progress ?? null,
    result: row.result ?? null,
    error: errorText(row.error, t) ?? null,
    attempts: row.attempts,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    heartbeatAt: row.heartbeat_at?.toISOString() ?? null,
  };
}
