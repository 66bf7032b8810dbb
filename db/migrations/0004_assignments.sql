-- Assignments module: tasks given by one body to others, tracked through their lifecycle to closure.

create table assignments (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  reference text not null default '' check (length(reference) <= 40),   -- a short handle, e.g. "U2018-1"
  title text not null check (length(title) between 1 and 1000),
  body text not null default '',                                          -- the full text as decided
  year integer not null,
  issuer_body_id uuid not null references bodies (id),
  -- 'bodies': the lead and co-responsible bodies in assignment_bodies;
  -- 'all_committees_and_companies': every committee and company (expanded when read), as budgets say.
  target text not null default 'bodies' check (target in ('bodies', 'all_committees_and_companies')),
  target_note text not null default '' check (length(target_note) <= 300), -- e.g. "tillsammans med berörda nämnder"
  source_kind text not null check (source_kind in ('budget', 'decision', 'commission', 'other')),
  source_title text not null default '' check (length(source_title) <= 300),
  registration_number text not null default '' check (length(registration_number) <= 40), -- diarienummer, e.g. KS 2017/0406
  decision_date date,
  deadline date,
  status text not null default 'new'
    check (status in ('new', 'ongoing', 'progress_reported', 'reported', 'closed', 'cancelled', 'transferred')),
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  search tsvector generated always as (
    setweight(to_tsvector('swedish', coalesce(reference, '') || ' ' || title), 'A') ||
    setweight(to_tsvector('swedish', body), 'B') ||
    setweight(to_tsvector('swedish', source_title || ' ' || registration_number || ' ' || target_note), 'C')
  ) stored,
  foreign key (organisation_id, year) references years (organisation_id, year),
  constraint assignments_deadline check (deadline is null or decision_date is null or deadline >= decision_date)
);
create index assignments_org_year_idx on assignments (organisation_id, year, status);
create index assignments_search_idx on assignments using gin (search);

create table assignment_bodies (
  organisation_id uuid not null references organisations (id),
  assignment_id uuid not null references assignments (id),
  body_id uuid not null references bodies (id),
  role text not null check (role in ('lead', 'co')),
  primary key (assignment_id, body_id)
);
create unique index assignment_bodies_one_lead on assignment_bodies (assignment_id) where role = 'lead';
create index assignment_bodies_body_idx on assignment_bodies (body_id);

create table assignment_focus_areas (
  organisation_id uuid not null references organisations (id),
  assignment_id uuid not null references assignments (id),
  focus_area_id uuid not null references focus_areas (id),
  primary key (assignment_id, focus_area_id)
);

create table assignment_goals (
  organisation_id uuid not null references organisations (id),
  assignment_id uuid not null references assignments (id),
  goal_id uuid not null references goals (id),
  primary key (assignment_id, goal_id)
);

-- Every status change with who made it, when, and why; the lifecycle's full history.
create table assignment_status_changes (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  assignment_id uuid not null references assignments (id),
  from_status text,
  to_status text not null,
  comment text not null default '',
  decision_reference text not null default '' check (length(decision_reference) <= 80),
  changed_by uuid references users (id),
  changed_by_label text not null,
  changed_at timestamptz not null default now()
);
create index assignment_status_changes_idx on assignment_status_changes (assignment_id, changed_at);
