// Background jobs: declare a kind (defineJob) in a module's manifest, queue one from a command
// (enqueueJob in its transaction, jobQueued after commit); serve() runs them (JobRunner).
export { defineJob, enqueueJob, findJob, jobQueued, JobLost, JobStopped, JOB_ERRORS, progressOf, type Checkpoint, type Job, type JobContext, type JobDefinition, type JobReport, type JobReportRow, type JobRow } from './jobs';
export { jobsModule } from './jobs.manifest';
export { jobJson } from './jobs.presenter';
export { jobSchema } from './jobs.routes';
export { JobRunner, type RunnerOptions } from './runner';
export type { JobState } from './jobs.tables';
