-- Core: background jobs (a bulk status change today; imports and report generation later).
-- An own small table rather than a job library (docs/decisions/0009-background-jobs.md): it runs on
-- PGlite's single connection and on PostgreSQL alike, carries organisation_id so row-level security
-- isolates it like every other table, and staff can see every job's state, progress and error.
--
-- A job is claimed with `for update skip locked`, so several app servers on one PostgreSQL never run
-- the same job twice. `attempts` counts the claims and doubles as a fencing token: a server that lost
-- its job (it stalled, another server took over) can no longer write the job's state.

create table jobs (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),
  payload jsonb not null default '{}',
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  -- The job's checkpoint: what it has done so far, saved as it goes, so a resumed job continues from
  -- here. Its `done` and `total` numbers, when present, are shown as the job's progress.
  progress jsonb,
  -- What the job reports when it is done, e.g. the assignments a bulk change could not move.
  result jsonb,
  attempts integer not null default 0 check (attempts >= 0),
  heartbeat_at timestamptz,
  -- Why the job failed: a message key (translated when shown) or a short text.
  error text check (length(error) <= 2000),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint jobs_finished check ((state in ('done', 'failed')) = (finished_at is not null))
);
-- The runner's queue: the oldest queued job first.
create index jobs_queued_idx on jobs (created_at) where state = 'queued';
-- Recovery: jobs left running by a process that died.
create index jobs_running_idx on jobs (heartbeat_at) where state = 'running';
-- The jobs page: an organisation's latest jobs.
create index jobs_organisation_idx on jobs (organisation_id, created_at desc);
