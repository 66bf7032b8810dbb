-- Follow-up module: each body's status report per assignment and assessment per goal, per period,
-- moving draft → submitted → approved. Only approved ones are public.

create table status_reports (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  period_id uuid not null references periods (id),
  body_id uuid not null references bodies (id),
  assignment_id uuid not null references assignments (id),
  progress text not null check (progress in ('not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled')),
  comment text not null default '',
  state text not null default 'draft' check (state in ('draft', 'submitted', 'approved')),
  return_comment text not null default '',               -- why a strategist sent it back to draft
  submitted_at timestamptz,
  submitted_by uuid references users (id),
  approved_at timestamptz,
  approved_by uuid references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  search tsvector generated always as (to_tsvector('swedish', comment)) stored
);
create unique index status_reports_one_per_period on status_reports (period_id, body_id, assignment_id) where archived_at is null;
create index status_reports_org_idx on status_reports (organisation_id, period_id, state);
create index status_reports_assignment_idx on status_reports (assignment_id);
create index status_reports_search_idx on status_reports using gin (search);

create table goal_assessments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  period_id uuid not null references periods (id),
  body_id uuid not null references bodies (id),
  goal_id uuid not null references goals (id),
  assessment text not null check (assessment in ('met', 'partly_met', 'not_met', 'not_assessed')),
  comment text not null default '',
  state text not null default 'draft' check (state in ('draft', 'submitted', 'approved')),
  return_comment text not null default '',
  submitted_at timestamptz,
  submitted_by uuid references users (id),
  approved_at timestamptz,
  approved_by uuid references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  search tsvector generated always as (to_tsvector('swedish', comment)) stored
);
create unique index goal_assessments_one_per_period on goal_assessments (period_id, body_id, goal_id) where archived_at is null;
create index goal_assessments_org_idx on goal_assessments (organisation_id, period_id, state);
create index goal_assessments_search_idx on goal_assessments using gin (search);
