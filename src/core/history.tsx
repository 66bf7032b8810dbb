// The change history of one record: read as sentences with names, labels and local times for
// members (/o/:org/history/:type/:id), and as stored, raw before and after, for admins through the API.
// Modules declare how their fields read (HistoryType.fields, helpers in history-fields.ts) once.
import type { FastifyInstance } from 'fastify';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { diffWords } from 'diff';
import { auditHistory, type AuditRow } from './audit';
import type { Catalogue } from './catalogue';
import { isAdmin, isMember, type Ctx } from './context';
import type { Executor } from './db/schema';
import { AppError, forbidden, notFound } from './errors';
import { PageHeader } from './html/components';
import { Layout } from './html/layout';
import { sendHtml, view, type View } from './html/view';
import { apiRoute, list } from './http/api';
import { apiOrganisation } from './http/core-routes';
import { organisationQuery, routeOrgAndId } from './http/routes';
import { formatList, type Locale, type Translate } from './i18n';
import type { HistoryField, HistoryFormat, HistoryType, ModuleManifest } from './manifest';
import { organisationTimeZone } from './time-zone';

/** Columns that are bookkeeping, never news: left out when a history type declares no fields. */
const INTERNAL = new Set(['id', 'organisation_id', 'version', 'created_at', 'updated_at', 'search', 'archived_at', 'archived', 'sort_order']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Word diffs of texts longer than this many edits are shown as before and after instead (they would be noise, and slow). */
const MAX_EDITS = 4000;
/** Steps a sentence of their own tells ("lämnade in rapporten"); the state they moved is shown beside it. */
const STEP_ACTIONS = new Set(['submit', 'approve', 'return', 'publish', 'unpublish', 'archive', 'restore', 'close', 'reopen']);

/** One changed field: a value before and after, or a word-level difference of a long text. */
export type Change =
  | { field: string; label: string; kind: 'value'; before: string; after: string }
  | { field: string; label: string; kind: 'diff'; parts: { text: string; added: boolean; removed: boolean }[] };

export interface HistoryEvent {
  id: number;
  /** The whole sentence, "Anna Andersson (strateg) lämnade in rapporten". */
  sentence: string;
  at: Date;
  /** "12 maj 2018 kl. 14:03", in the organisation's time zone. */
  when: string;
  /** A created record's fields have no "before": they are shown as its first values. */
  created: boolean;
  changes: Change[];
}

export interface RecordHistory {
  /** The record's name, when its type can say it ("Uppdrag 2018:1 …"). */
  name: string | undefined;
  timeZone: string;
  events: HistoryEvent[];
}

/**
 * Reads one record's history as a person reads it. One query for the events, one for the people who
 * made them, one per type of record the changes refer to, one for the organisation's time zone.
 */
export async function readHistory(ctx: Ctx, catalogue: Catalogue, organisationId: string, ht: HistoryType, id: string): Promise<RecordHistory> {
  const t = ctx.t;
  const rows = await auditHistory(ctx.db, organisationId, ht.type, id);
  const timeZone = await organisationTimeZone(ctx.db, organisationId);
  const events = rows.map((r) => ({ row: r, before: snakeKeys(r.before), after: snakeKeys(r.after) }));

  // Every id any shown field refers to, by the type of record it names; the record itself for the heading.
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, value: unknown) => {
    if (typeof value !== 'string') return;
    const set = wanted.get(type) ?? new Set<string>();
    set.add(value);
    wanted.set(type, set);
  };
  if (ht.names) want(ht.type, id);
  for (const e of events) {
    for (const [key, f] of shownFields(ht, e.before, e.after)) {
      for (const v of [e.before[key], e.after[key]]) collectRefs(f.format, v, want);
    }
  }
  const names = new Map<string, Map<string, string>>();
  for (const [type, ids] of wanted) {
    const lookup = catalogue.history.get(type)?.names;
    names.set(type, lookup ? await lookup(ctx.db, organisationId, [...ids]) : new Map());
  }
  const actors = await actorNames(ctx.db, organisationId, rows);

  const roleKeys = new Map(catalogue.roles.map((r) => [r.name, r.labelKey]));
  const read = reader(t, timeZone, names);
  const when = clock(t, timeZone);
  const out: HistoryEvent[] = [];
  for (const e of events) {
    const changes: Change[] = [];
    for (const [key, f] of shownFields(ht, e.before, e.after)) {
      const label = t(f.labelKey);
      const b = e.before[key];
      const a = e.after[key];
      if (f.format && typeof f.format !== 'function' && f.format.kind === 'text' && typeof b === 'string' && typeof a === 'string' && b && a) {
        const parts = diffWords(b, a, { maxEditLength: MAX_EDITS });
        if (parts) {
          changes.push({ field: key, label, kind: 'diff', parts: parts.map((p) => ({ text: p.value, added: p.added, removed: p.removed })) });
          continue;
        }
      }
      changes.push({ field: key, label, kind: 'value', before: key in e.before ? await read(f.format, b, ctx) : '—', after: key in e.after ? await read(f.format, a, ctx) : '—' });
    }
    const { sentence, shown } = sentenceOf(t, ht, e.row, actors, roleKeys, changes);
    out.push({ id: e.row.id, sentence, at: e.row.at, when: when(e.row.at), created: Object.keys(e.before).length === 0, changes: shown });
  }
  return { name: names.get(ht.type)?.get(id), timeZone, events: out };
}

/** The fields of an event to show, in the order the module declared them; unchanged ones left out. */
function shownFields(ht: HistoryType, before: Record<string, unknown>, after: Record<string, unknown>): [string, HistoryField][] {
  const declared: [string, HistoryField][] = ht.fields
    ? Object.entries(ht.fields).map(([k, f]) => [snake(k), f])
    : [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !INTERNAL.has(k)).map((k) => [k, { labelKey: k }]);
  return declared.filter(([k]) => {
    if (!(k in before) && !(k in after)) return false;
    if (k in before && k in after && JSON.stringify(before[k]) === JSON.stringify(after[k])) return false;
    // A created record's empty fields say nothing.
    if (!(k in before) && isEmpty(after[k])) return false;
    return true;
  });
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function collectRefs(format: HistoryFormat | undefined, value: unknown, want: (type: string, value: unknown) => void) {
  if (!format || typeof format === 'function') return;
  if (format.kind === 'ref') want(format.type, value);
  if (format.kind === 'list' && Array.isArray(value)) for (const v of value) collectRefs(format.of, v, want);
}

/** Reads a stored value the way the pages show it. */
function reader(t: Translate, timeZone: string, names: Map<string, Map<string, string>>) {
  const locale = t.locale;
  const day = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const when = clock(t, timeZone);
  const read = async (format: HistoryFormat | undefined, value: unknown, ctx: Ctx): Promise<string> => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof format === 'function') return format(value, ctx);
    if (!format) return raw(value);
    switch (format.kind) {
      case 'label': {
        const key = `${format.prefix}${String(value)}`;
        return t.has(key) ? t(key) : String(value);
      }
      case 'ref':
        return (typeof value === 'string' && names.get(format.type)?.get(value)) || t('history.unknown_record');
      case 'date':
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : validDate(value) ? day.format(new Date(value as string)) : String(value);
      case 'time':
        return validDate(value) ? when(new Date(value as string)) : String(value);
      case 'yes-no':
        return t(value ? 'history.yes' : 'history.no');
      case 'text':
        return String(value);
      case 'list': {
        if (!Array.isArray(value)) return read(format.of, value, ctx);
        if (!value.length) return '—';
        const items = await Promise.all(value.map((v) => read(format.of, v, ctx)));
        return formatList(locale, items);
      }
    }
  };
  // Without a declared format: words as they are, never an id.
  const raw = (value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'history.yes' : 'history.no');
    if (typeof value === 'string') return UUID.test(value) ? t('history.unknown_record') : value;
    if (Array.isArray(value)) return value.length ? formatList(locale, value.map(raw)) : '—';
    if (typeof value === 'object') return t('history.unknown_record');
    return String(value);
  };
  return read;
}

const validDate = (v: unknown) => (typeof v === 'string' || typeof v === 'number') && !Number.isNaN(new Date(v).getTime());

/** "12 maj 2018 kl. 14:03" in the organisation's time zone. */
function clock(t: Translate, timeZone: string): (at: Date) => string {
  const tag = intlTag(t.locale);
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone });
  return (at) => t('history.at', { date: date.format(at), time: time.format(at) });
}

const intlTag = (locale: Locale) => (locale === 'sv' ? 'sv-SE' : 'en-GB');

/** "Anna Andersson (strateg)" for the people in the events; the stored label for the system (the demo loader, a job). */
async function actorNames(db: Executor, organisationId: string, rows: AuditRow[]): Promise<Map<number, { name: string; role?: string }>> {
  const ids = [...new Set(rows.map((r) => r.actor_id).filter((x): x is string => !!x))];
  const users = ids.length ? await db.selectFrom('users').select(['id', 'name', 'role']).where('organisation_id', '=', organisationId).where('id', 'in', ids).execute() : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return new Map(
    rows.map((r) => {
      const u = r.actor_id ? byId.get(r.actor_id) : undefined;
      // A person's label is "Name <e-mail>": the name is what the history says.
      return [r.id, u ? { name: u.name, role: u.role } : { name: r.actor_label.replace(/\s*<[^>]*>$/, '') }];
    }),
  );
}

/** The sentence an event reads as, and the changes left to show beside it. */
function sentenceOf(t: Translate, ht: HistoryType, row: AuditRow, actors: Map<number, { name: string; role?: string }>, roleKeys: Map<string, string>, changes: Change[]) {
  const who = actors.get(row.id)!;
  const roleKey = who.role ? roleKeys.get(who.role) : undefined;
  const actor = roleKey ? t('history.actor', { name: who.name, role: t(roleKey) }) : who.name;
  const noun = t(ht.nounKey ?? 'history.noun.record');
  const action = row.action;
  const values = changes.filter((c): c is Extract<Change, { kind: 'value' }> => c.kind === 'value');
  if (action === 'create') return { sentence: t('history.sentence.create', { actor, noun }), shown: changes };
  if (action === 'return') {
    const comment = values.find((c) => c.field === 'return_comment' && c.after !== '—');
    const rest = changes.filter((c) => c.field !== 'return_comment');
    return comment
      ? { sentence: t('history.sentence.return_comment', { actor, noun, comment: comment.after }), shown: rest }
      : { sentence: t('history.sentence.return', { actor, noun }), shown: rest };
  }
  if (STEP_ACTIONS.has(action)) return { sentence: t(`history.sentence.${action}`, { actor, noun }), shown: changes };
  // A status change, or an edit of one short value, is the sentence itself.
  const main = action === 'status' ? values.find((c) => c.field === 'status') : changes.length === 1 ? values[0] : undefined;
  if (main) {
    const field = lowerFirst(main.label);
    const sentence =
      main.before === '—'
        ? t('history.sentence.set', { actor, field, after: main.after })
        : main.after === '—'
          ? t('history.sentence.cleared', { actor, field, before: main.before })
          : t('history.sentence.changed', { actor, field, before: main.before, after: main.after });
    return { sentence, shown: changes.filter((c) => c !== main) };
  }
  if (action === 'update' || action === 'status') return { sentence: t('history.sentence.update', { actor, noun }), shown: changes };
  const key = `history.sentence.${action}`;
  if (t.has(key)) return { sentence: t(key, { actor, noun }), shown: changes };
  const what = t.has(`audit.${action}`) ? t(`audit.${action}`) : action;
  return { sentence: t('history.sentence.other', { actor, noun, action: what }), shown: changes };
}

/** "Status" reads "status" inside a sentence; an abbreviation ("SDG-mål") or a name with a number ("Agenda 2030") stays as it is. */
export function lowerFirst(label: string): string {
  const first = label.split(/\s/)[0] ?? '';
  return first.length > 1 && first.slice(1) === first.slice(1).toLowerCase() && !/\d/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Older audit rows (and the API-shaped ones) spell fields in camelCase; the declarations use the columns' names. */
function snakeKeys(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [snake(k), x]));
}

// ---------------------------------------------------------------------------------------------
// The page

export function HistoryList(props: { v: View; events: HistoryEvent[] }) {
  const { v } = props;
  if (!props.events.length) return <p>{v.t('history.empty')}</p>;
  return (
    <ol class="history">
      {props.events.map((e) => (
        <li>
          <p class="history-sentence">
            {e.sentence} · <time datetime={e.at.toISOString()}>{e.when}</time>
          </p>
          {e.created ? <ValueTable v={v} changes={e.changes} /> : <ChangeTable v={v} changes={e.changes} />}
        </li>
      ))}
    </ol>
  );
}

/** The changed fields of one event: before and after, or a long text's word-level difference. */
export function ChangeTable(props: { v: View; changes: Change[] }) {
  const { v } = props;
  if (!props.changes.length) return null;
  return (
    <table class="changes">
      <caption class="visually-hidden">{v.t('history.changes')}</caption>
      <thead>
        <tr>
          <th scope="col">{v.t('history.field')}</th>
          <th scope="col">{v.t('history.before')}</th>
          <th scope="col">{v.t('history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr>
            <th scope="row">{c.label}</th>
            {c.kind === 'value' ? (
              <>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </>
            ) : (
              <td colspan={2} class="text-diff">
                <TextDiff v={v} parts={c.parts} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A new record's first values. */
export function ValueTable(props: { v: View; changes: Change[] }) {
  const { v } = props;
  if (!props.changes.length) return null;
  return (
    <table class="changes">
      <caption class="visually-hidden">{v.t('history.values')}</caption>
      <thead>
        <tr>
          <th scope="col">{v.t('history.field')}</th>
          <th scope="col">{v.t('history.value')}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr>
            <th scope="row">{c.label}</th>
            <td class={c.kind === 'diff' ? 'prose' : undefined}>{c.kind === 'value' ? c.after : c.parts.map((p) => p.text).join('')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A word-level difference: <del> and <ins>, each announced by a hidden word, since screen readers do not say the elements. */
export function TextDiff(props: { v: View; parts: { text: string; added: boolean; removed: boolean }[] }): Child {
  const { t } = props.v;
  return (
    <span class="prose">
      <span class="visually-hidden">{t('history.diff_intro')} </span>
      {props.parts.map((p) =>
        p.added ? (
          <ins>
            <span class="visually-hidden">{' ['}{t('history.inserted')} </span>
            {p.text}
            <span class="visually-hidden">]</span>
          </ins>
        ) : p.removed ? (
          <del>
            <span class="visually-hidden">{' ['}{t('history.deleted')} </span>
            {p.text}
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          p.text
        ),
      )}
    </span>
  );
}

const typeParam = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const rawEvent = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO 8601, UTC'),
  action: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  before: z.unknown().describe('The stored fields before the change, exactly as written to the audit trail'),
  after: z.unknown().describe('The stored fields after the change'),
});

function routes(app: FastifyInstance): void {
  const catalogue = app.catalogue;

  app.get('/o/:org/history/:type/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    if (req.actor.kind === 'anonymous') throw new AppError('unauthenticated');
    if (!isMember(req.actor, org.id)) throw forbidden();
    const ht = catalogue.history.get((req.params as { type: string }).type);
    if (!ht) throw notFound();
    // A record the person may not read has no history for them either.
    if (ht.mayRead && !(await ht.mayRead(req.ctx, org.id, id))) throw notFound();
    const history = await readHistory(req.ctx, catalogue, org.id, ht, id);
    const v = view(req, reply, org);
    const lead = history.name ? v.t('history.lead', { type: v.t(ht.labelKey), name: history.name }) : v.t(ht.labelKey);
    return sendHtml(
      reply,
      <Layout v={v} title={history.name ? `${v.t('history.title')}: ${history.name}` : v.t('history.title')}>
        <PageHeader title={v.t('history.title')} lead={lead}>
          <a href={ht.href(org.slug, id)}>{v.t('history.back_to', { noun: v.t(ht.nounKey ?? 'history.noun.record') })}</a>
        </PageHeader>
        <p class="muted">{v.t('history.time_zone', { zone: history.timeZone })}</p>
        <HistoryList v={v} events={history.events} />
      </Layout>,
    );
  });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/history/:type/:id',
      operationId: 'getHistory',
      summary: "One record's change history as stored: every audit event with its raw before and after, newest first (admins)",
      tags: ['history'],
      access: 'signed-in',
      params: z.object({ type: typeParam, id: z.uuid() }),
      query: organisationQuery,
      response: list(rawEvent),
    },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      if (!isAdmin(req.actor, org.id)) throw forbidden();
      if (!catalogue.history.get(params.type)) throw notFound();
      const rows = await auditHistory(req.ctx.db, org.id, params.type, params.id);
      const items = rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), action: r.action, actorId: r.actor_id, actorLabel: r.actor_label, before: r.before, after: r.after }));
      return { items, total: items.length };
    },
  );
}

const messages = {
  sv: {
    'history.lead': '{type}: {name}',
    'history.back_to': 'Tillbaka till {noun}',
    'history.time_zone': 'Tider i tidszonen {zone}.',
    'history.at': '{date} kl. {time}',
    'history.actor': '{name} ({role})',
    'history.noun.record': 'posten',
    'history.noun.job': 'jobbet',
    'history.sentence.create': '{actor} skapade {noun}',
    'history.sentence.update': '{actor} ändrade {noun}',
    'history.sentence.changed': '{actor} ändrade {field} från {before} till {after}',
    'history.sentence.set': '{actor} satte {field} till {after}',
    'history.sentence.cleared': '{actor} tog bort {field} ({before})',
    'history.sentence.submit': '{actor} lämnade in {noun}',
    'history.sentence.approve': '{actor} godkände {noun}',
    'history.sentence.return': '{actor} returnerade {noun}',
    'history.sentence.return_comment': '{actor} returnerade {noun} med kommentaren ”{comment}”',
    'history.sentence.publish': '{actor} publicerade {noun}',
    'history.sentence.unpublish': '{actor} avpublicerade {noun}',
    'history.sentence.archive': '{actor} arkiverade {noun}',
    'history.sentence.restore': '{actor} återställde {noun}',
    'history.sentence.close': '{actor} stängde {noun}',
    'history.sentence.reopen': '{actor} öppnade {noun} igen',
    'history.reason': 'Skäl',
    'history.comment': 'Kommentar',
    'history.sentence.other': '{actor}: {action} ({noun})',
    'history.values': 'Uppgifter när posten skapades',
    'history.value': 'Värde',
    'history.yes': 'Ja',
    'history.no': 'Nej',
    'history.unknown_record': 'okänd post',
    'history.diff_intro': 'Ändringar i texten:',
    'history.inserted': 'tillagt:',
    'history.deleted': 'borttaget:',
  },
  en: {
    'history.lead': '{type}: {name}',
    'history.back_to': 'Back to {noun}',
    'history.time_zone': 'Times in the time zone {zone}.',
    'history.at': '{date} at {time}',
    'history.actor': '{name} ({role})',
    'history.noun.record': 'the record',
    'history.noun.job': 'the job',
    'history.sentence.create': '{actor} created {noun}',
    'history.sentence.update': '{actor} changed {noun}',
    'history.sentence.changed': '{actor} changed {field} from {before} to {after}',
    'history.sentence.set': '{actor} set {field} to {after}',
    'history.sentence.cleared': '{actor} removed {field} ({before})',
    'history.sentence.submit': '{actor} submitted {noun}',
    'history.sentence.approve': '{actor} approved {noun}',
    'history.sentence.return': '{actor} returned {noun}',
    'history.sentence.return_comment': '{actor} returned {noun} with the comment “{comment}”',
    'history.sentence.publish': '{actor} published {noun}',
    'history.sentence.unpublish': '{actor} unpublished {noun}',
    'history.sentence.archive': '{actor} archived {noun}',
    'history.sentence.restore': '{actor} restored {noun}',
    'history.sentence.close': '{actor} closed {noun}',
    'history.sentence.reopen': '{actor} reopened {noun}',
    'history.reason': 'Reason',
    'history.comment': 'Comment',
    'history.sentence.other': '{actor}: {action} ({noun})',
    'history.values': 'Details when the record was created',
    'history.value': 'Value',
    'history.yes': 'Yes',
    'history.no': 'No',
    'history.unknown_record': 'unknown record',
    'history.diff_intro': 'Changes in the text:',
    'history.inserted': 'added:',
    'history.deleted': 'removed:',
  },
};

/** The history page and API, declared the way a module declares its pages; the record types come from every manifest. */
export const historyModule: ModuleManifest = {
  name: 'history',
  messages,
  routes,
};
