// Deadlines in days: how many are left or how many have passed, counted in whole calendar days and
// said in words with the plural each language needs ("1 dag kvar", "3 dagar försenad").
import { formatNumber, type Messages, type Translate } from './i18n';

/** Made once: building an Intl formatter costs far more than using one, and this runs on every page. */
const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden ('YYYY-MM-DD'): deadlines and lateness follow the municipality's calendar, not the server's time zone. */
export const todayInSweden = (now: Date = new Date()): string => swedishDay.format(now);

/** Whole days from `today` to `date` (both 'YYYY-MM-DD', calendar dates in the organisation): positive ahead, negative past. */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "12 dagar kvar", "sista dagen i dag" or "3 dagar försenad" for a deadline on `date`. */
export function daysLeftText(t: Translate, today: string, date: string): string {
  const n = daysUntil(today, date);
  if (n === 0) return t('days.due_today');
  // `count` picks the plural form, `n` is the number as the language writes it ("2 847 dagar").
  return n > 0 ? t('days.left', { count: n, n: formatNumber(t.locale, n) }) : t('days.overdue', { count: -n, n: formatNumber(t.locale, -n) });
}

export const dayMessages: Messages = {
  sv: {
    'days.left': { one: '{n} dag kvar', other: '{n} dagar kvar' },
    'days.overdue': { one: '{n} dag försenad', other: '{n} dagar försenad' },
    'days.due_today': 'sista dagen i dag',
  },
  en: {
    'days.left': { one: '{n} day left', other: '{n} days left' },
    'days.overdue': { one: '{n} day overdue', other: '{n} days overdue' },
    'days.due_today': 'due today',
  },
};
