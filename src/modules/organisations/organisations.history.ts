// How the organisation's own records read in the change history: labels, values as the pages show
// them, and the names other modules' histories refer to (a body, a period, a person).
import { date, field, label, list, namesFrom, ref, text, yesNo } from '../../core/history-fields';
import type { HistoryType } from '../../core/manifest';

export const organisationsHistory: HistoryType[] = [
  {
    type: 'organisation',
    labelKey: 'history.type.organisation',
    nounKey: 'history.noun.organisation',
    href: (org) => `/o/${org}/settings`,
    fields: {
      name: field('organisation.name'),
      slug: field('organisation.slug'),
      municipality_code: field('organisation.municipality'),
      default_locale: field('organisation.default_locale', label('organisation.locale.')),
      time_zone: field('organisation.time_zone'),
      description: field('organisation.description', text),
      is_demo: field('organisation.is_demo', yesNo),
    },
    names: namesFrom<{ name: string }>('organisations', ['name'], (r) => r.name),
  },
  {
    type: 'body',
    labelKey: 'history.type.body',
    nounKey: 'history.noun.body',
    href: (org, id) => `/o/${org}/bodies/${id}`,
    fields: {
      name: field('bodies.name'),
      short_name: field('bodies.short_name'),
      kind: field('bodies.kind', label('body.kind.')),
      parent_id: field('bodies.parent', ref('body')),
      description: field('bodies.description', text),
    },
    names: namesFrom<{ name: string }>('bodies', ['name'], (r) => r.name),
  },
  {
    type: 'year',
    labelKey: 'history.type.year',
    nounKey: 'history.noun.year',
    href: (org, id) => `/o/${org}/years/${id}`,
    fields: {
      year: field('years.year'),
      status: field('years.status', label('year.status.')),
      reason: field('history.reason', text),
    },
    names: namesFrom<{ year: number }>('years', ['year'], (r) => String(r.year)),
  },
  {
    type: 'period',
    labelKey: 'history.type.period',
    nounKey: 'history.noun.period',
    href: (org, id) => `/o/${org}/periods/${id}`,
    fields: {
      name: field('periods.name'),
      year: field('periods.year'),
      kind: field('periods.kind', label('period.kind.')),
      starts_on: field('periods.starts_on', date),
      ends_on: field('periods.ends_on', date),
      report_due: field('periods.report_due', date),
      status: field('periods.status', label('period.status.')),
      reason: field('history.reason', text),
    },
    // Period names carry their year in the demo ("Tertial 1 2018"), not always: the year is added when missing.
    names: namesFrom<{ name: string; year: number }>('periods', ['name', 'year'], (r) => (r.name.includes(String(r.year)) ? r.name : `${r.name} ${r.year}`)),
  },
  {
    type: 'focus_area',
    labelKey: 'history.type.focus_area',
    nounKey: 'history.noun.focus_area',
    href: (org, id) => `/o/${org}/focus-areas/${id}`,
    fields: {
      name: field('focus_areas.name'),
      description: field('focus_areas.description', text),
      sort_order: field('focus_areas.position'),
    },
    names: namesFrom<{ name: string }>('focus_areas', ['name'], (r) => r.name),
  },
  {
    type: 'user',
    labelKey: 'history.type.user',
    nounKey: 'history.noun.user',
    href: (org, id) => `/o/${org}/users/${id}`,
    fields: {
      name: field('users.name'),
      email: field('users.email'),
      role: field('users.role', label('role.')),
      body_ids: field('users.bodies', list(ref('body'))),
      // Only that it changed: the audit row never holds a password or its hash.
      password: field('users.password', label('history.password.')),
      sessions_revoked: field('history.sessions_revoked'),
    },
    names: namesFrom<{ name: string }>('users', ['name'], (r) => r.name),
  },
];

/** The texts the declarations above use beside the module's own labels. */
export const organisationsHistoryMessages = {
  sv: {
    'history.noun.organisation': 'organisationen',
    'history.noun.body': 'organet',
    'history.noun.year': 'budgetåret',
    'history.noun.period': 'uppföljningsperioden',
    'history.noun.focus_area': 'fokusområdet',
    'history.noun.user': 'kontot',
    'organisation.time_zone': 'Tidszon',
    'organisation.is_demo': 'Demoorganisation',
    'organisation.time_zone_hint': 'Tider i ändringshistoriken visas i den här tidszonen. Svenska kommuner: Europe/Stockholm.',
    'organisation.error.time_zone': 'Okänd tidszon. Välj en i listan, till exempel Europe/Stockholm.',
    'history.password.…': 'tidigare lösenord',
    'history.password.reset': 'nytt lösenord skapat av administratör',
    'history.password.changed': 'ändrat av kontots ägare',
    'history.sessions_revoked': 'Andra inloggningar avslutade',
  },
  en: {
    'history.noun.organisation': 'the organisation',
    'history.noun.body': 'the body',
    'history.noun.year': 'the budget year',
    'history.noun.period': 'the follow-up period',
    'history.noun.focus_area': 'the focus area',
    'history.noun.user': 'the account',
    'organisation.time_zone': 'Time zone',
    'organisation.is_demo': 'Demo organisation',
    'organisation.time_zone_hint': 'Times in the change history are shown in this time zone. Swedish municipalities: Europe/Stockholm.',
    'organisation.error.time_zone': 'Unknown time zone. Choose one from the list, for example Europe/Stockholm.',
    'history.password.…': 'previous password',
    'history.password.reset': 'new password made by an administrator',
    'history.password.changed': 'changed by the account holder',
    'history.sessions_revoked': 'Other sign-ins ended',
  },
};
