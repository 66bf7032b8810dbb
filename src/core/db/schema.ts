// The database's table types. Core declares its own tables here; each module adds its tables
// to `Tables` by declaration merging in its own `<module>.tables.ts`, so core never names them.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  municipality_code: string | null;
  default_locale: 'sv' | 'en';
  description: string;
  is_demo: Generated<boolean>;
  /** IANA name; times are shown in it (migration 0017). */
  time_zone: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

export interface UsersTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  name: string;
  /** A core role or one a module declares (core/context.ts). */
  role: string;
  password_hash: string;
  locale: 'sv' | 'en' | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  /** The last activity before the current sign-in (0015_core_last_visit.sql); bookkeeping, not audited. */
  previous_visit_at: Generated<Date | null>;
}

export interface SessionsTable {
  id: string;
  organisation_id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  organisation_id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organisation_id: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  at: Generated<Date>;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  created_at: Generated<Date>;
}

/** Sign-in attempts for throttling; keys are keyed hashes of the e-mail and the client address. */
export interface SignInAttemptsTable {
  id: Generated<number>;
  account_key: string;
  client_key: string;
  attempted_at: Generated<Date>;
  counts: Generated<boolean>;
}

export interface Tables {
  settings: SettingsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  sign_in_attempts: SignInAttemptsTable;
}

export type Db = Kysely<Tables>;
export type Trx = Transaction<Tables>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<Tables>;

export type Row<T extends keyof Tables> = Selectable<Tables[T]>;
export type NewRow<T extends keyof Tables> = Insertable<Tables[T]>;
export type RowUpdate<T extends keyof Tables> = Updateable<Tables[T]>;
