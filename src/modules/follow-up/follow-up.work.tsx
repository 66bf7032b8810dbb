// Follow-up on a person's work page: what a reporter still owes for the current period, what waits
// for a strategist's review, which bodies are late and which deadlines come next, and what a reader
// has not yet seen approved. What a body owes is decided by reportableAssignments/assessableGoals.
import { previousVisit } from '../../core/auth/last-visit';
import { isStaff, type Ctx } from '../../core/context';
import { daysLeftText, daysUntil } from '../../core/days';
import type { OrgRef } from '../../core/html/view';
import { formatDate, type Messages } from '../../core/i18n';
import type { Widget, WidgetRow, WidgetView } from '../../core/manifest';
import { listBodies } from '../organisations';
import { todayInSweden } from './dashboard.queries';
import { GOAL_ASSESSMENT, ITEM_KINDS, STATUS_REPORT, type ItemKind } from './follow-up.kinds';
import { assignmentFacts, goalFacts, valueLabel, valueTone } from './follow-up.presenter';
import { assessableGoals, bodyProgress, listItems, listPeriods, reportableAssignments, type ItemDetail, type PeriodRow, type ReportSummary } from './follow-up.queries';

const periodCache = new WeakMap<Ctx, Map<string, Promise<PeriodRow[]>>>();

/** The organisation's periods, read once for all the boxes of one work page (each request has its own ctx). */
function periodsOf(ctx: Ctx, org: OrgRef): Promise<PeriodRow[]> {
  const byOrg = periodCache.get(ctx) ?? new Map<string, Promise<PeriodRow[]>>();
  periodCache.set(ctx, byOrg);
  const found = byOrg.get(org.id) ?? listPeriods(ctx.db, org.id);
  byOrg.set(org.id, found);
  return found;
}

/** The last day of a period's reporting window: its report deadline, or its last day when it has none. */
export const reportDue = (p: PeriodRow): string => p.report_due ?? p.ends_on;

/**
 * The period a person works on today: the open period whose reporting window (its start to its
 * report deadline) contains today — the one due first when windows overlap —, else the next open
 * one; when every open period is past its deadline, the one due first (what the strategist chases
 * first, and where the follow-up page opens); with no open period, the latest.
 */
export function workPeriod(periods: readonly PeriodRow[], today: string): PeriodRow | undefined {
  const open = periods.filter((p) => p.status === 'open').sort((a, b) => reportDue(a).localeCompare(reportDue(b)) || a.starts_on.localeCompare(b.starts_on));
  const current = open.find((p) => p.starts_on <= today && today <= reportDue(p));
  const next = open.filter((p) => p.starts_on > today).sort((a, b) => a.starts_on.localeCompare(b.starts_on))[0];
  const latest = [...periods].sort((a, b) => b.starts_on.localeCompare(a.starts_on) || reportDue(b).localeCompare(reportDue(a)))[0];
  return current ?? next ?? open[0] ?? latest;
}

/** "Tertial 1 2026: senast 2026-05-15, 12 dagar kvar." — which period, its deadline and the days left. */
function periodLead(ctx: Ctx, period: PeriodRow, today: string): string {
  if (period.status === 'closed') return ctx.t('work.followup.period_closed', { period: period.name });
  return ctx.t('work.followup.period_due', { period: period.name, date: reportDue(period), days: daysLeftText(ctx.t, today, reportDue(period)) });
}

// The order a reporter works through their lines: what came back first, then what is not written,
// then drafts; what is submitted or approved last, for reference.
const STATE_ORDER = { returned: 0, none: 1, draft: 2, submitted: 3, approved: 4 } as const;
type LineState = keyof typeof STATE_ORDER;
const TONE: Record<LineState, NonNullable<WidgetRow['state']>['tone']> = { returned: 'bad', none: 'muted', draft: 'warn', submitted: 'info', approved: 'ok' };

const lineState = (report: ReportSummary | null): LineState => (!report ? 'none' : report.state === 'draft' && report.return_comment ? 'returned' : report.state);

/** For a reporter: per body, every assignment and goal of the current period with its state and one click to its form. */
const toReport: Widget = {
  id: 'follow-up.to-report',
  order: 10,
  async render(ctx, org) {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || actor.organisationId !== org.id || actor.role !== 'reporter') return undefined;
    const { t } = ctx;
    const today = todayInSweden();
    const [periods, bodies] = await Promise.all([periodsOf(ctx, org), listBodies(ctx.db, org.id, { locale: ctx.locale })]);
    const mine = bodies.filter((b) => actor.bodyIds.includes(b.id));
    const period = workPeriod(periods, today);
    if (!period) return { title: t('work.followup.title_none'), items: [], empty: t('work.followup.no_period') };
    if (!mine.length) return { title: t('work.followup.title', { period: period.name }), items: [], empty: t('work.followup.no_bodies') };
    const base = `/o/${org.slug}/follow-up`;
    const groups = await Promise.all(
      mine.map(async (body) => {
        const [assignments, goals] = await Promise.all([reportableAssignments(ctx.db, org.id, period, body), assessableGoals(ctx.db, org.id, period, body)]);
        const line = (kind: ItemKind, target: { id: string; reference: string; title: string }, report: ReportSummary | null, facts: string) => {
          const state = lineState(report);
          const row: WidgetRow = {
            label: [target.reference, target.title].filter(Boolean).join(' '),
            href: report ? `${base}/${kind.path}/${report.id}` : `${base}/${kind.path}/new?period=${period.id}&body=${body.id}&${kind.targetParam}=${target.id}`,
            state: { label: t(state === 'returned' ? 'work.followup.returned' : `followup.state.${state}`), tone: TONE[state] },
            detail: `${t(`followup.kind.${kind.name}`)} · ${facts}`,
            note: state === 'returned' && report ? { label: t('work.followup.return_comment'), text: report.return_comment } : undefined,
          };
          return { row, state };
        };
        const lines = [
          ...assignments.map((a) => line(STATUS_REPORT, a, a.report, assignmentFacts(a, t))),
          ...goals.map((g) => line(GOAL_ASSESSMENT, g, g.assessment, goalFacts(g, t))),
        ].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
        const left = lines.filter((l) => STATE_ORDER[l.state] < STATE_ORDER.submitted).length;
        return {
          title: body.name,
          lead: !lines.length ? t('work.followup.nothing_owed') : left ? t('work.followup.left', { left, count: lines.length }) : t('work.followup.all_in'),
          rows: lines.map((l) => l.row),
          href: `${base}?period=${period.id}&body=${body.id}`,
        };
      }),
    );
    return {
      title: t('work.followup.title', { period: period.name }),
      lead: periodLead(ctx, period, today),
      items: [],
      groups: groups.map(({ href: _h, ...g }) => g),
      more: { label: t('work.followup.more'), href: groups.length === 1 ? groups[0]!.href : base },
    };
  },
};

/**
 * For a reporter: other periods still open after their deadline in which their bodies still owe
 * reports, each body with how much is left and a link to its lines. One count per period and body.
 */
const overdue: Widget = {
  id: 'follow-up.overdue',
  order: 15,
  async render(ctx, org) {
    const actor = ctx.actor;
    if (actor.kind !== 'user' || actor.organisationId !== org.id || actor.role !== 'reporter' || !actor.bodyIds.length) return undefined;
    const { t } = ctx;
    const today = todayInSweden();
    const periods = await periodsOf(ctx, org);
    const current = workPeriod(periods, today);
    const late = periods.filter((p) => p.status === 'open' && p.id !== current?.id && reportDue(p) < today).sort((a, b) => reportDue(a).localeCompare(reportDue(b)));
    const groups = await Promise.all(
      late.map(async (period) => {
        const rows = (await Promise.all(actor.bodyIds.map((bodyId) => bodyProgress(ctx.db, org.id, period, { bodyId, publicOnly: false }, ctx.locale)))).flat();
        return {
          title: period.name,
          lead: periodLead(ctx, period, today),
          rows: rows
            .filter((b) => b.submitted + b.approved < b.expected)
            .map((b) => ({
              label: b.body_name,
              href: `/o/${org.slug}/follow-up?period=${period.id}&body=${b.body_id}`,
              state: { label: t('work.late.state'), tone: 'bad' as const },
              detail: t('work.followup.left', { left: b.expected - b.submitted - b.approved, count: b.expected }),
            })),
        };
      }),
    );
    // Said only when something is owed.
    if (!groups.some((g) => g.rows.length)) return undefined;
    return { title: t('work.overdue.title'), lead: t('work.overdue.lead'), items: [], groups };
  },
};

/** What a list of reports shows, with the link to the list itself. */
const reportsListHref = (org: OrgRef, query: Record<string, string>): string => `/o/${org.slug}/follow-up/reports?${new URLSearchParams(query).toString()}`;

const REVIEW_ROWS = 10;

/** For strategists and admins: submitted status reports and goal assessments, each a link to the page where it is approved or returned. */
const toReview: Widget = {
  id: 'follow-up.to-review',
  order: 20,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || !isStaff(ctx.actor, org.id)) return undefined;
    const { t } = ctx;
    const lists = await Promise.all(ITEM_KINDS.map((kind) => listItems(ctx.db, kind, org.id, { state: 'submitted', periodStatus: 'open', readBy: ctx.actor }, { limit: REVIEW_ROWS, offset: 0 })));
    const total = lists.reduce((sum, l) => sum + l.total, 0);
    const rows = ITEM_KINDS.flatMap((kind, i) =>
      lists[i]!.rows.map((r) => ({
        at: r.submitted_at?.getTime() ?? 0,
        row: {
          label: [r.target_reference, r.target_title].filter(Boolean).join(' '),
          href: `/o/${org.slug}/follow-up/${kind.path}/${r.id}`,
          state: { label: t('followup.state.submitted'), tone: 'info' as const },
          detail: t('work.review.detail', { kind: t(`followup.kind.${kind.name}`), body: r.body_name, period: r.period_name, date: formatDate(ctx.locale, r.submitted_at) }),
        },
      })),
    )
      // The longest waiting first.
      .sort((a, b) => a.at - b.at)
      .slice(0, REVIEW_ROWS)
      .map((r) => r.row);
    return {
      title: t('work.review.title'),
      items: total ? [{ label: t('work.review.figure'), value: total, href: reportsListHref(org, { state: 'submitted', periodStatus: 'open' }) }] : [],
      groups: [{ rows }],
      empty: t('work.review.empty'),
      ...(total > rows.length ? { more: { label: t('work.review.more', { count: total }), href: reportsListHref(org, { state: 'submitted', periodStatus: 'open' }) } } : {}),
    };
  },
};

/**
 * For strategists and admins: bodies that still owe reports for an open period whose deadline has
 * passed (the strategist closes a period once everything is in, so such a period is one being chased).
 */
const lateBodies: Widget = {
  id: 'follow-up.late-bodies',
  order: 30,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || !isStaff(ctx.actor, org.id)) return undefined;
    const { t } = ctx;
    const today = todayInSweden();
    const overdue = (await periodsOf(ctx, org)).filter((p) => p.status === 'open' && reportDue(p) < today).sort((a, b) => reportDue(a).localeCompare(reportDue(b)));
    const lateIds = new Set<string>();
    const groups = await Promise.all(
      overdue.map(async (period) => {
        const rows = (await bodyProgress(ctx.db, org.id, period, { publicOnly: false }, ctx.locale)).filter((b) => b.submitted + b.approved < b.expected);
        for (const b of rows) lateIds.add(b.body_id);
        return {
          title: period.name,
          lead: periodLead(ctx, period, today),
          rows: rows.map((b) => ({
            label: b.body_name,
            href: `/o/${org.slug}/follow-up?period=${period.id}&body=${b.body_id}`,
            state: { label: t('work.late.state'), tone: 'bad' as const },
            detail: t('work.late.detail', { done: b.submitted + b.approved, count: b.expected }),
          })),
        };
      }),
    );
    // Each body once, however many periods it is late in.
    const late = lateIds.size;
    return {
      title: t('work.late.title'),
      items: late ? [{ label: t('work.late.figure'), value: late, href: `/o/${org.slug}/follow-up?period=${overdue[0]!.id}` }] : [],
      groups,
      empty: t('work.late.empty'),
    };
  },
};

const DEADLINES = 3;

/** For strategists and admins: the next report deadlines of open periods. */
const nextDeadlines: Widget = {
  id: 'follow-up.deadlines',
  order: 40,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || !isStaff(ctx.actor, org.id)) return undefined;
    const { t } = ctx;
    const today = todayInSweden();
    const coming = (await periodsOf(ctx, org))
      .filter((p) => p.status === 'open' && reportDue(p) >= today)
      .sort((a, b) => reportDue(a).localeCompare(reportDue(b)))
      .slice(0, DEADLINES);
    return {
      title: t('work.deadlines.title'),
      items: [],
      groups: [
        {
          rows: coming.map((p) => ({
            label: p.name,
            href: `/o/${org.slug}/follow-up?period=${p.id}`,
            detail: t('work.deadlines.detail', { date: reportDue(p), days: daysLeftText(t, today, reportDue(p)) }),
            ...(daysUntil(today, reportDue(p)) <= 7 ? { state: { label: t('work.deadlines.soon'), tone: 'warn' as const } } : {}),
          })),
        },
      ],
      empty: t('work.deadlines.empty'),
    };
  },
};

/** How far back a first visit looks for what changed. */
export const FIRST_VISIT_DAYS = 14;
const CHANGE_ROWS = 10;

/** For readers: status reports and goal assessments approved since their last visit. */
const approvedSince: Widget = {
  id: 'follow-up.approved-since',
  order: 50,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || ctx.actor.organisationId !== org.id || ctx.actor.role !== 'reader') return undefined;
    const { t } = ctx;
    const last = await previousVisit(ctx);
    const since = last ?? new Date(Date.now() - FIRST_VISIT_DAYS * 86_400_000);
    const lists = await Promise.all(ITEM_KINDS.map((kind) => listItems(ctx.db, kind, org.id, { state: 'approved', approvedAfter: since, readBy: ctx.actor }, { limit: CHANGE_ROWS, offset: 0 })));
    const total = lists.reduce((sum, l) => sum + l.total, 0);
    const rows = ITEM_KINDS.flatMap((kind, i) => lists[i]!.rows.map((r) => ({ at: r.approved_at?.getTime() ?? 0, row: changeRow(ctx, org, kind, r) })))
      .sort((a, b) => b.at - a.at)
      .slice(0, CHANGE_ROWS)
      .map((r) => r.row);
    return {
      title: t('work.approved.title'),
      lead: last ? t('work.approved.since', { time: formatDate(ctx.locale, last) }) : t('work.approved.first', { count: FIRST_VISIT_DAYS }),
      items: total ? [{ label: t('work.approved.figure'), value: total, href: reportsListHref(org, { state: 'approved' }) }] : [],
      groups: [{ rows }],
      empty: t('work.approved.empty'),
    };
  },
};

function changeRow(ctx: Ctx, org: OrgRef, kind: ItemKind, r: ItemDetail): WidgetRow {
  return {
    label: [r.target_reference, r.target_title].filter(Boolean).join(' '),
    href: `/o/${org.slug}/follow-up/${kind.path}/${r.id}`,
    state: { label: valueLabel(kind.name, r.value, ctx.t), tone: valueTone(r.value) as NonNullable<WidgetRow['state']>['tone'] },
    detail: ctx.t('work.approved.detail', { kind: ctx.t(`followup.kind.${kind.name}`), body: r.body_name, period: r.period_name, date: formatDate(ctx.locale, r.approved_at) }),
  };
}

export const followUpWork: Widget[] = [toReport, overdue, toReview, lateBodies, nextDeadlines, approvedSince];

/** The work page's texts, Swedish first. */
export const followUpWorkMessages: Messages = {
  sv: {
    'work.followup.title': 'Att rapportera för {period}',
    'work.followup.title_none': 'Att rapportera',
    'work.followup.no_period': 'Det finns ingen uppföljningsperiod ännu.',
    'work.followup.no_bodies': 'Du är inte kopplad till något organ ännu. Be en administratör koppla dig till det organ du rapporterar för.',
    'work.followup.period_due': '{period}: senast {date}, {days}.',
    'work.followup.period_closed': '{period} är stängd; rapporterna kan inte längre ändras.',
    'work.followup.returned': 'Återsänd',
    'work.followup.return_comment': 'Kommentar vid retur',
    'work.followup.left': '{left} av {count} återstår att skicka in.',
    'work.followup.all_in': 'Allt är inskickat.',
    'work.followup.nothing_owed': 'Organet har inget att rapportera för perioden.',
    'work.followup.more': 'Till uppföljningen',
    'work.overdue.title': 'Försenat i andra perioder',
    'work.overdue.lead': 'Perioderna har passerat sin sista dag men är fortfarande öppna och väntar på det som saknas.',
    'work.review.title': 'Väntar på granskning',
    'work.review.figure': 'Inskickade',
    'work.review.detail': '{kind} · {body} · {period} · inskickad {date}',
    'work.review.empty': 'Inget väntar på granskning.',
    'work.review.more': { one: 'Visa den inskickade', other: 'Visa alla {count} inskickade' },
    'work.late.title': 'Organ som är sena',
    'work.late.figure': 'Organ',
    'work.late.state': 'Sen',
    'work.late.detail': '{done} av {count} inskickade',
    'work.late.empty': 'Inget organ är sent med sin rapportering.',
    'work.deadlines.title': 'Kommande sista dagar',
    'work.deadlines.detail': 'Senast {date}, {days}',
    'work.deadlines.soon': 'Snart',
    'work.deadlines.empty': 'Ingen öppen period har någon kommande sista dag.',
    'work.approved.title': 'Godkänt sedan ditt senaste besök',
    'work.approved.since': 'Sedan {time}.',
    'work.approved.first': { one: 'Det senaste dygnet.', other: 'De senaste {count} dagarna.' },
    'work.approved.figure': 'Godkända rapporter',
    'work.approved.detail': '{kind} · {body} · {period} · godkänd {date}',
    'work.approved.empty': 'Inget har godkänts sedan dess.',
  },
  en: {
    'work.followup.title': 'To report for {period}',
    'work.followup.title_none': 'To report',
    'work.followup.no_period': 'There is no follow-up period yet.',
    'work.followup.no_bodies': 'You are not linked to a body yet. Ask an administrator to link you to the body you report for.',
    'work.followup.period_due': '{period}: due {date}, {days}.',
    'work.followup.period_closed': '{period} is closed; its reports can no longer be changed.',
    'work.followup.returned': 'Returned',
    'work.followup.return_comment': 'Comment on return',
    'work.followup.left': '{left} of {count} still to submit.',
    'work.followup.all_in': 'Everything is submitted.',
    'work.followup.nothing_owed': 'The body has nothing to report for the period.',
    'work.followup.more': 'To the follow-up',
    'work.overdue.title': 'Overdue in other periods',
    'work.overdue.lead': 'These periods are past their deadline but still open, waiting for what is missing.',
    'work.review.title': 'Waiting for review',
    'work.review.figure': 'Submitted',
    'work.review.detail': '{kind} · {body} · {period} · submitted {date}',
    'work.review.empty': 'Nothing is waiting for review.',
    'work.review.more': { one: 'Show the submitted one', other: 'Show all {count} submitted' },
    'work.late.title': 'Bodies that are late',
    'work.late.figure': 'Bodies',
    'work.late.state': 'Late',
    'work.late.detail': '{done} of {count} submitted',
    'work.late.empty': 'No body is late with its reports.',
    'work.deadlines.title': 'Next deadlines',
    'work.deadlines.detail': 'Due {date}, {days}',
    'work.deadlines.soon': 'Soon',
    'work.deadlines.empty': 'No open period has a deadline to come.',
    'work.approved.title': 'Approved since your last visit',
    'work.approved.since': 'Since {time}.',
    'work.approved.first': { one: 'The last day.', other: 'The last {count} days.' },
    'work.approved.figure': 'Approved reports',
    'work.approved.detail': '{kind} · {body} · {period} · approved {date}',
    'work.approved.empty': 'Nothing has been approved since.',
  },
};
