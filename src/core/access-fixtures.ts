// What a module gives the authorization matrix so that it can call every one of the module's routes:
// records made through the module's own API, the way users make them. Core never names a module here.
import type { Db } from './db/schema';

/** The actors whose API calls a fixture may make while setting up. */
export type FixtureActor = 'strategist' | 'reporterA' | 'admin';

export interface FixtureResponse {
  statusCode: number;
  body: string;
  json(): unknown;
}

export interface AccessFixtureContext {
  db: Db;
  org: { id: string; slug: string };
  /** A word that must appear in every unpublished record made here, and never reach an outsider. */
  marker: string;
  /** A JSON API call as one of the demo's signed-in actors; `?organisation=` is added. */
  call(actor: FixtureActor, method: 'GET' | 'POST' | 'PUT', url: string, json?: unknown): Promise<FixtureResponse>;
  /** `call` for a create: the new record's id, or the set-up fails with the answer. */
  create(actor: FixtureActor, url: string, json: unknown): Promise<string>;
  /** Named values other modules' fixtures set ("body.a", "period", "assignment.draft"); throws when missing. */
  value(name: string): string;
}

/** A request body for a write, by operation ("goals.create", "assignments.status"). */
export type FixturePayload = Record<string, unknown> | ((args: { api: boolean; unique: string; stale: number }) => Record<string, unknown>);

export interface AccessFixtures {
  /** Named values for other modules' fixtures and payloads. */
  values?: Record<string, string | string[]>;
  /**
   * The record a route's `:id` stands for, by the collection (the path segment before `:id`):
   * an unpublished one or a draft; its published counterpart; and for follow-up, one approved on an
   * unpublished subject (still not public).
   */
  ids?: Record<string, { unpublished: string; published?: string; approvedOnUnpublished?: string }>;
  /** Query strings that make a page show what its policy is about, by route key. */
  queries?: Record<string, Record<string, string>>;
  /**
   * Bodies for the module's writes, by operation. Creates should be valid, so a missing policy shows
   * as a write; changes to existing records carry the stale version, so allowed actors end in 409.
   */
  payloads?: Record<string, FixturePayload>;
  /** A record whose change history the matrix reads (/o/:org/history/:type/:id): an unpublished one. */
  history?: { type: string; id: string };
  /** Writes that queue a background job and check ids only when it runs: queuing succeeds even for another organisation's ids. */
  checkedLater?: string[];
}

export interface AccessFixtureSetup {
  /** Modules whose fixtures must be made first (their values are used here). */
  after?: string[];
  setup(ctx: AccessFixtureContext): Promise<AccessFixtures>;
}
