-- Organisations module: the body tree, reporters' bodies, budget years, follow-up periods, focus areas.

create table bodies (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  parent_id uuid references bodies (id),
  kind text not null check (kind in ('council', 'board', 'committee', 'company', 'administration', 'office', 'external')),
  name text not null check (length(name) between 1 and 200),
  short_name text not null default '' check (length(short_name) <= 40),
  description text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  constraint bodies_not_own_parent check (parent_id is null or parent_id <> id)
);
create index bodies_org_idx on bodies (organisation_id, kind);
create unique index bodies_org_name_key on bodies (organisation_id, lower(name)) where archived_at is null;

-- Which bodies a reporter writes follow-up for.
create table user_bodies (
  organisation_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  body_id uuid not null references bodies (id),
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (user_id, body_id)
);

create table years (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  year integer not null check (year between 1990 and 2100),
  status text not null default 'planning' check (status in ('planning', 'active', 'closed')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  unique (organisation_id, year)
);

create table periods (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  year integer not null,
  kind text not null check (kind in ('tertial', 'interim', 'annual', 'other')),
  name text not null check (length(name) between 1 and 120),
  starts_on date not null,
  ends_on date not null,
  report_due date,
  status text not null default 'open' check (status in ('open', 'closed')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  foreign key (organisation_id, year) references years (organisation_id, year),
  constraint periods_dates check (starts_on <= ends_on)
);
create index periods_org_year_idx on periods (organisation_id, year, starts_on);

create table focus_areas (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz
);
create index focus_areas_org_idx on focus_areas (organisation_id, sort_order);
