// The contract between a module and the core: what a module declares, and the core gathers without
// ever naming the module (docs/MODULES.md walks through adding one).
import type { FastifyInstance } from 'fastify';
import type { Child } from 'hono/jsx';
import type { RawBuilder } from 'kysely';
import type { Executor } from './db/schema';
import type { RouteAccess } from './access';
import type { Actor, Ctx } from './context';
import type { Messages } from './i18n';
import type { JobDefinition } from './jobs/jobs';
import type { OrgRef } from './html/view';
import type { AccessFixtureSetup } from './access-fixtures';

export interface NavItem {
  /** Path below the organisation, e.g. 'assignments' → /o/malmo/assignments */
  path: string;
  labelKey: string;
  /** Position in the menu; lower first. */
  order: number;
  visible?: (actor: Actor, organisationId: string) => boolean;
}

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  /** The excerpt `rankedSearch` (core/search) makes: text with the matched words marked; the core removes or draws the marks. */
  excerpt: string;
  href: string;
  /** The record's ts_rank for the query: comparable across sources, so one list ranks them all. */
  rank: number;
}

export interface SearchSource {
  type: string;
  /** The type's name (a message key), on each hit and in the filter by type. */
  labelKey: string;
  /**
   * Runs the module's own full-text query (through `rankedSearch` in core/search) and returns only
   * what `ctx.actor` may see: its best `limit` hits, each record once, and how many match in all.
   * With `limit` 0 it only counts.
   */
  search(ctx: Ctx, args: { organisationId: string; orgSlug: string; tsquery: string; limit: number }): Promise<{ hits: SearchHit[]; total: number }>;
}

/**
 * How a stored value reads in the change history. Built with the helpers of `core/history-fields.ts`
 * (`label`, `ref`, `date`, `time`, `yesNo`, `text`, `list`), so the history page resolves every
 * reference on a page in one query per referenced type; a function is the escape hatch.
 */
export type HistoryFormat =
  /** A code shown by its message, `prefix + code` (the same key the lists use). */
  | { kind: 'label'; prefix: string }
  /** An id shown as the name of that record: the history type `type` declares `names`. */
  | { kind: 'ref'; type: string }
  /** ÅÅÅÅ-MM-DD (a timestamp: the day in the organisation's time zone). */
  | { kind: 'date' }
  /** Date and time in the organisation's time zone. */
  | { kind: 'time' }
  | { kind: 'yes-no' }
  /** A long text: a change is shown as a word-level difference. */
  | { kind: 'text' }
  /** A list of values, each read as `of`, joined as words ("A, B och C"). */
  | { kind: 'list'; of: HistoryFormat }
  | ((value: unknown, ctx: Ctx) => string | Promise<string>);

/** How one field of a record reads in the change history: its label, and its value as a person reads it. */
export interface HistoryField {
  labelKey: string;
  /** The raw value (a short text, a number) is shown when absent. */
  format?: HistoryFormat;
}

export interface HistoryType {
  /** entity_type used in audit_events */
  type: string;
  labelKey: string;
  /** The record in a sentence, definite form ("uppdraget", "the assignment"); "posten" when absent. */
  nounKey?: string;
  /** Where the object itself is shown. */
  href(orgSlug: string, id: string): string;
  /**
   * Labels for the record's fields, by column (camelCase keys in older audit rows are read as
   * snake_case); fields not named here are left out of the history (ids, versions, bookkeeping).
   */
  fields?: Record<string, HistoryField>;
  /** The names of records of this type, for `ref(type)` fields and the history page's heading: one query for all ids. */
  names?(db: Executor, organisationId: string, ids: readonly string[]): Promise<Map<string, string>>;
  /** Whether `ctx.actor`, a member, may read this record's history (a reporter and another body's draft); every member when absent. */
  mayRead?(ctx: Ctx, organisationId: string, id: string): Promise<boolean>;
}

/** A role a module adds beside the core's admin, strategist, reporter and reader. Its holders are members of their organisation. */
export interface RoleDefinition {
  name: string;
  labelKey: string;
  descriptionKey: string;
}

/** A list a person can download: the module serves it at `path`, in each of `formats`. */
export interface ExportDefinition {
  id: string;
  labelKey: string;
  /** The download's URL below /o/:org, without the extension, e.g. 'goals' → /o/malmo/goals.csv */
  path: string;
  formats: readonly ('csv' | 'xlsx' | 'json')[];
  /** Who may download it (the route's own access class says the same). */
  visible?: (actor: Actor, organisationId: string) => boolean;
}

/** What a report section is made of: data, never HTML, so every renderer (web page, PDF, Word, Excel) can draw it. */
export type ReportBlock =
  | { kind: 'heading'; level: 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; caption: string; columns: string[]; rows: (string | number | null)[][]; numeric?: boolean[] }
  | { kind: 'chart'; chart: 'bar' | 'line'; title: string; description: string; categories: string[]; series: { name: string; values: (number | null)[] }[] };

export interface ReportScope {
  organisationId: string;
  orgSlug: string;
  year: number;
  /** The follow-up period the report covers; undefined for a whole year. */
  periodId?: string | undefined;
}

export interface ReportSection {
  id: string;
  titleKey: string;
  /** Position in the compiled report; lower first. */
  order: number;
  build(ctx: Ctx, scope: ReportScope): Promise<ReportBlock[]>;
}

/** One line of a widget: a thing to do or to know, with the page where it is done. */
export interface WidgetRow {
  /** What the line is about, e.g. an assignment's reference and title. */
  label: string;
  href?: string | undefined;
  /** Its state, always written out (shown as a badge, never by colour alone). */
  state?: { label: string; tone: 'ok' | 'info' | 'warn' | 'bad' | 'muted' } | undefined;
  /** Facts on a line of their own: whose it is, the deadline, days left or overdue. */
  detail?: string | undefined;
  /** A text the person should read, e.g. the comment a report was returned with. */
  note?: { label: string; text: string } | undefined;
}

/** A box on the organisation's overview (/o/:org) or on a person's work page. */
export interface WidgetView {
  title: string;
  /** A sentence under the title, e.g. which period the box is about and its deadline. */
  lead?: string | undefined;
  /** Figures with the list behind each. */
  items: { label: string; value: string | number; href?: string | undefined }[];
  /** Lines with a link each, below the figures; in groups under headings of their own (e.g. one per body). */
  groups?: { title?: string | undefined; lead?: string | undefined; rows: WidgetRow[] }[] | undefined;
  /** Said when there is nothing to show. */
  empty?: string;
  more?: { label: string; href: string };
}

export interface Widget {
  id: string;
  order: number;
  /** Undefined when the widget has nothing to say to this person. */
  render(ctx: Ctx, org: OrgRef): Promise<WidgetView | undefined>;
}

/**
 * A section one module adds to another module's record page, so that pages lead on without the
 * owner importing the contributor (follow-up's reports on an assignment's page, an assignment list on
 * a goal's). The owner page renders every panel declared for its record type (`renderPanels`).
 */
export interface RecordPanel {
  /** Unique across modules; also the section's heading id on the page. */
  id: string;
  /** The record type whose page shows it, as the owner names it: 'assignment', 'goal', 'body' … */
  on: string;
  /** Position among the record's panels; lower first. */
  order: number;
  /**
   * The section (a heading of level 2 and its content) for the record, shown to `ctx.actor`, who
   * may already read the record itself; null when there is nothing to say. One query per panel,
   * scoped by the organisation, showing only what the actor may see.
   */
  render(ctx: Ctx, org: OrgRef, recordId: string): Promise<Child | null>;
}

/**
 * The bodies a user acts for (a reporter's), which the core needs for every signed-in actor but
 * whose link table belongs to a module. At most one module declares it.
 */
export interface UserBodies {
  /** SQL for the ids of the user's bodies, given SQL for the user's id; composed into the session lookup. */
  ids(userId: RawBuilder<string>): RawBuilder<string[] | null>;
  /** The bodies' names, for the person's own account page. */
  names(db: Executor, userId: string): Promise<string[]>;
}

export interface ModuleManifest {
  /** Unique; also the owner named when two modules collide on a message key, path or type. */
  name: string;
  messages?: Messages;
  /** Registers the module's HTML and API routes. Every route must be listed in `access`. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** Who may call each of the module's routes. */
  access?: RouteAccess;
  /**
   * The records the authorization matrix calls the module's routes with (ids per collection and
   * variant, query strings, request bodies), made through the module's own API the way users make
   * them. A module with routes that take ids provides this.
   */
  accessFixtures?: AccessFixtureSetup;
  roles?: RoleDefinition[];
  nav?: NavItem[];
  search?: SearchSource[];
  exports?: ExportDefinition[];
  reportSections?: ReportSection[];
  /** Widgets on the organisation's overview page. */
  overview?: Widget[];
  /** Widgets on a signed-in person's work page: what is waiting for them. */
  work?: Widget[];
  history?: HistoryType[];
  /** Sections on other modules' record pages. */
  panels?: RecordPanel[];
  userBodies?: UserBodies;
  /** Kinds of background job the module queues (core/jobs); the runner started by serve() runs them. */
  jobs?: JobDefinition[];
}
