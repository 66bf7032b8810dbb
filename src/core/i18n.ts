// Swedish-first translations. Core and every module contribute their own message tables.
export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
export type Dictionary = Record<string, string>;
export interface Messages {
  sv: Dictionary;
  en: Dictionary;
}

const registry: Messages = { sv: {}, en: {} };

export function addMessages(messages: Messages): void {
  Object.assign(registry.sv, messages.sv);
  Object.assign(registry.en, messages.en);
}

export function hasMessage(key: string): boolean {
  return key in registry.sv;
}

export function allMessageKeys(locale: Locale): string[] {
  return Object.keys(registry[locale]);
}

/** Translate `key`, filling `{name}` placeholders; an unknown key is shown as itself. */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const text = registry[locale][key] ?? registry.sv[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;
export const translator = (locale: Locale): Translate => (key, params) => t(locale, key, params);

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

const collators: Record<Locale, Intl.Collator> = {
  sv: new Intl.Collator('sv', { sensitivity: 'base', numeric: true }),
  en: new Intl.Collator('en', { sensitivity: 'base', numeric: true }),
};
/** Neither PostgreSQL engine sorts å, ä, ö right without ICU; names are sorted here instead. */
export const compareText = (locale: Locale) => collators[locale].compare;

export function formatDate(locale: Locale, value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);
}

export function formatNumber(locale: Locale, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}
