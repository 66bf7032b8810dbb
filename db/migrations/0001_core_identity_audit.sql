-- Core: organisations (tenants), user identities, sessions, API tokens and the audit trail.
-- Every tenant-owned row carries organisation_id, so a distributed PostgreSQL (Citus) can shard by it.

create table organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  municipality_code text check (municipality_code ~ '^[0-9]{4}$'),
  default_locale text not null default 'sv' check (default_locale in ('sv', 'en')),
  description text not null default '',
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz
);

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('admin', 'strategist', 'reporter', 'reader')),
  password_hash text not null,
  locale text check (locale in ('sv', 'en')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz
);
-- Sign-in is by e-mail across the installation, so an address belongs to one account.
create unique index users_email_key on users (email);
create index users_organisation_idx on users (organisation_id);

create table sessions (
  id text primary key, -- sha256 of the cookie token: a leaked table does not leak sessions
  organisation_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  token_hash text not null unique,
  label text not null default '',
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table audit_events (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references organisations (id),
  actor_id uuid references users (id),
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  at timestamptz not null default now(),
  prev_hash text not null,
  hash text not null
);
create index audit_events_entity_idx on audit_events (organisation_id, entity_type, entity_id, id);
create index audit_events_org_idx on audit_events (organisation_id, id);

-- Installation-wide settings shared by every app server (e.g. the cookie-signing secret).
create table settings (
  key text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
