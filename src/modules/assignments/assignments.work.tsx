// Assignments on a person's work page: for strategists and admins the assignments past their
// deadline and not finished; for readers the status changes made since their last visit.
import { sql } from 'kysely';
import { previousVisit } from '../../core/auth/last-visit';
import { isStaff } from '../../core/context';
import { daysLeftText } from '../../core/days';
import { formatDate, type Messages } from '../../core/i18n';
import type { Widget, WidgetRow } from '../../core/manifest';
import { lateAssignments, todayInSweden } from './assignments.queries';
import { statusLabelKey, targetLabelKey } from './index';

const ROWS = 10;

const title = (a: { reference: string; title: string }): string => [a.reference, a.title].filter(Boolean).join(' ');

/** For strategists and admins: every assignment past its deadline and not finished, the earliest deadline first. */
const late: Widget = {
  id: 'assignments.late',
  order: 35,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || !isStaff(ctx.actor, org.id)) return undefined;
    const { t } = ctx;
    const today = todayInSweden();
    const rows = await lateAssignments(ctx.db, org.id, {}, 'internal', ctx.locale);
    const listHref = `/o/${org.slug}/assignments?late=true`;
    return {
      title: t('work.assignments.late.title'),
      items: rows.length ? [{ label: t('work.assignments.late.figure'), value: rows.length, href: listHref }] : [],
      groups: [
        {
          rows: rows.slice(0, ROWS).map(
            (a): WidgetRow => ({
              label: title(a),
              href: `/o/${org.slug}/assignments/${a.id}`,
              state: { label: t(statusLabelKey(a.status)), tone: 'bad' },
              detail: t('work.assignments.late.detail', {
                responsible: a.target === 'all_committees_and_companies' ? t(targetLabelKey(a.target)) : a.bodies.filter((b) => b.role === 'lead').map((b) => b.name).join(', ') || '—',
                date: a.deadline ?? '',
                days: daysLeftText(t, today, a.deadline ?? today),
              }),
            }),
          ),
        },
      ],
      empty: t('work.assignments.late.empty'),
      ...(rows.length > ROWS ? { more: { label: t('work.assignments.late.more', { count: rows.length }), href: listHref } } : {}),
    };
  },
};

/** How far back a first visit looks for what changed. */
const FIRST_VISIT_DAYS = 14;

/** For readers: assignments whose status changed since their last visit, the latest first. */
const changed: Widget = {
  id: 'assignments.changed',
  order: 55,
  async render(ctx, org) {
    if (ctx.actor.kind !== 'user' || ctx.actor.organisationId !== org.id || ctx.actor.role !== 'reader') return undefined;
    const { t } = ctx;
    const last = await previousVisit(ctx);
    const since = last ?? new Date(Date.now() - FIRST_VISIT_DAYS * 86_400_000);
    const found = await sql<{ assignment_id: string; reference: string; title: string; from_status: string | null; to_status: string; changed_by: string; changed_at: Date; total: number }>`
      select c.assignment_id, a.reference, a.title, c.from_status, c.to_status, coalesce(u.name, c.changed_by_label) as changed_by, c.changed_at, count(*) over () as total
      from assignment_status_changes c
      join assignments a on a.id = c.assignment_id and a.archived_at is null
      -- The person's name, not the label with their address the trail keeps.
      left join users u on u.id = c.changed_by
      where c.organisation_id = ${org.id} and c.changed_at > ${since}
      order by c.changed_at desc, c.id
      limit ${ROWS}`.execute(ctx.db);
    const total = Number(found.rows[0]?.total ?? 0);
    return {
      title: t('work.assignments.changed.title'),
      lead: last ? t('work.assignments.changed.since', { time: formatDate(ctx.locale, last) }) : t('work.assignments.changed.first', { count: FIRST_VISIT_DAYS }),
      items: [],
      groups: [
        {
          rows: found.rows.map((c) => ({
            label: title(c),
            href: `/o/${org.slug}/assignments/${c.assignment_id}`,
            state: { label: t(statusLabelKey(c.to_status)), tone: 'info' as const },
            detail: c.from_status
              ? t('work.assignments.changed.detail', { from: t(statusLabelKey(c.from_status)), to: t(statusLabelKey(c.to_status)), by: c.changed_by, time: formatDate(ctx.locale, c.changed_at) })
              : t('work.assignments.changed.detail_new', { to: t(statusLabelKey(c.to_status)), by: c.changed_by, time: formatDate(ctx.locale, c.changed_at) }),
          })),
        },
      ],
      empty: t('work.assignments.changed.empty'),
      ...(total > found.rows.length ? { more: { label: t('work.assignments.changed.more'), href: `/o/${org.slug}/assignments` } } : {}),
    };
  },
};

export const assignmentsWork: Widget[] = [late, changed];

export const assignmentsWorkMessages: Messages = {
  sv: {
    'work.assignments.late.title': 'Försenade uppdrag',
    'work.assignments.late.figure': 'Försenade',
    'work.assignments.late.detail': '{responsible} · skulle vara klart {date}, {days}',
    'work.assignments.late.empty': 'Inget uppdrag är försenat.',
    'work.assignments.late.more': { one: 'Visa det försenade uppdraget', other: 'Visa alla {count} försenade uppdrag' },
    'work.assignments.changed.title': 'Uppdrag som har bytt status sedan ditt senaste besök',
    'work.assignments.changed.since': 'Sedan {time}.',
    'work.assignments.changed.first': { one: 'Det senaste dygnet.', other: 'De senaste {count} dagarna.' },
    'work.assignments.changed.detail': 'Från {from} till {to} · {by}, {time}',
    'work.assignments.changed.detail_new': '{to} · {by}, {time}',
    'work.assignments.changed.empty': 'Inget uppdrag har bytt status sedan dess.',
    'work.assignments.changed.more': 'Till uppdragen',
  },
  en: {
    'work.assignments.late.title': 'Late assignments',
    'work.assignments.late.figure': 'Late',
    'work.assignments.late.detail': '{responsible} · due {date}, {days}',
    'work.assignments.late.empty': 'No assignment is late.',
    'work.assignments.late.more': { one: 'Show the late assignment', other: 'Show all {count} late assignments' },
    'work.assignments.changed.title': 'Assignments whose status changed since your last visit',
    'work.assignments.changed.since': 'Since {time}.',
    'work.assignments.changed.first': { one: 'The last day.', other: 'The last {count} days.' },
    'work.assignments.changed.detail': 'From {from} to {to} · {by}, {time}',
    'work.assignments.changed.detail_new': '{to} · {by}, {time}',
    'work.assignments.changed.empty': 'No assignment has changed status since.',
    'work.assignments.changed.more': 'To the assignments',
  },
};
