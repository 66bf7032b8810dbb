-- Goals module: goals at every level (council, board, committee …) with parent goals, focus areas and
-- Agenda 2030 links; and the yearly direction texts (inriktning) per body.

create table goals (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  body_id uuid not null references bodies (id),          -- who adopted it: KF for council goals, a committee for its own
  parent_id uuid references goals (id),
  reference text not null default '' check (length(reference) <= 40),  -- e.g. "KF-mål 1"
  title text not null check (length(title) between 1 and 1000),
  description text not null default '',
  year_from integer not null check (year_from between 1990 and 2100),
  year_to integer check (year_to is null or year_to >= year_from),
  published_at timestamptz,                               -- public once published (adopted goals)
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  search tsvector generated always as (
    setweight(to_tsvector('swedish', coalesce(reference, '') || ' ' || title), 'A') ||
    setweight(to_tsvector('swedish', description), 'B')
  ) stored,
  constraint goals_not_own_parent check (parent_id is null or parent_id <> id)
);
create index goals_org_idx on goals (organisation_id, year_from, body_id);
create index goals_search_idx on goals using gin (search);

create table goal_focus_areas (
  organisation_id uuid not null references organisations (id),
  goal_id uuid not null references goals (id),
  focus_area_id uuid not null references focus_areas (id),
  primary key (goal_id, focus_area_id)
);
create index goal_focus_areas_fa_idx on goal_focus_areas (focus_area_id);

-- An Agenda 2030 goal ("11") or target ("11.1", "11.a"); the reference list ships with the product.
create table goal_sdg_links (
  organisation_id uuid not null references organisations (id),
  goal_id uuid not null references goals (id),
  sdg_code text not null check (sdg_code ~ '^(1[0-7]|[1-9])(\.([1-9][0-9]?|[a-z]))?$'),
  primary key (goal_id, sdg_code)
);

create table directions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  body_id uuid not null references bodies (id),
  year integer not null,
  title text not null default '' check (length(title) <= 300),
  body text not null check (length(body) between 1 and 100000),
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  search tsvector generated always as (
    setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', body), 'B')
  ) stored,
  foreign key (organisation_id, year) references years (organisation_id, year)
);
create unique index directions_body_year_key on directions (organisation_id, body_id, year) where archived_at is null;
create index directions_search_idx on directions using gin (search);
