// Swedish-first translations. Core and every module contribute their own message tables; each app
// gathers them into one catalogue of its own, refusing a key that two parts both define.
export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];
/**
 * A text that depends on a number: the form is chosen by `Intl.PluralRules` for the `count` param
 * ("1 inriktning", "2 inriktningar"); `zero`, when given, is used for exactly 0 ("Inga träffar").
 */
export interface PluralText {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}
export type MessageText = string | PluralText;
export type Dictionary = Record<string, MessageText>;
export interface Messages {
  sv: Dictionary;
  en: Dictionary;
}

/**
 * Translates a key in one language, filling `{name}` placeholders; an unknown key is shown as itself.
 * A plural text takes its form from the `count` param.
 */
export interface Translate {
  (key: string, params?: Record<string, string | number>): string;
  readonly locale: Locale;
  has(key: string): boolean;
}

export class MessageCatalogue {
  private readonly tables: Messages = { sv: {}, en: {} };
  private readonly owners = new Map<string, string>();
  private readonly translators = new Map<Locale, Translate>();

  /** `parts`: who defines the messages (for the error when two define one key) and the messages. */
  constructor(parts: readonly { owner: string; messages: Messages }[]) {
    for (const { owner, messages } of parts) {
      for (const locale of LOCALES) {
        for (const [key, text] of Object.entries(messages[locale])) {
          const first = this.owners.get(`${locale}:${key}`);
          if (first !== undefined && first !== owner) throw new Error(`Message key ${key} (${locale}) is defined by both ${first} and ${owner}`);
          this.owners.set(`${locale}:${key}`, owner);
          this.tables[locale][key] = text;
        }
      }
    }
  }

  keys(locale: Locale): string[] {
    return Object.keys(this.tables[locale]);
  }

  /** The text as written, plural forms included (for checks over the whole catalogue). */
  text(locale: Locale, key: string): MessageText | undefined {
    return this.tables[locale][key];
  }

  /** Who defines `key` (for the parity test's message). */
  ownerOf(key: string, locale: Locale = 'sv'): string | undefined {
    return this.owners.get(`${locale}:${key}`);
  }

  translator(locale: Locale): Translate {
    let tr = this.translators.get(locale);
    if (!tr) {
      const own = this.tables[locale];
      const sv = this.tables.sv;
      const fn = (key: string, params?: Record<string, string | number>) => fill(pick(locale, own[key] ?? sv[key] ?? key, params), params);
      tr = Object.assign(fn, { locale, has: (key: string) => key in sv || key in own });
      this.translators.set(locale, tr);
    }
    return tr;
  }
}

const pluralRules: Record<Locale, Intl.PluralRules> = { sv: new Intl.PluralRules('sv'), en: new Intl.PluralRules('en') };

/** The form of a plural text for `params.count`; without a count, the `other` form. */
function pick(locale: Locale, text: MessageText, params?: Record<string, string | number>): string {
  if (typeof text === 'string') return text;
  const count = params?.count === undefined ? Number.NaN : Number(params.count);
  if (!Number.isFinite(count)) return text.other;
  if (count === 0 && text.zero !== undefined) return text.zero;
  return text[pluralRules[locale].select(count) as keyof PluralText] ?? text.other;
}

/** Whether a message text is a plural text (for checks that every form exists in both languages). */
export const isPluralText = (text: MessageText | undefined): text is PluralText => typeof text === 'object' && text !== null;

function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

const collators: Record<Locale, Intl.Collator> = {
  sv: new Intl.Collator('sv', { sensitivity: 'base', numeric: true }),
  en: new Intl.Collator('en', { sensitivity: 'base', numeric: true }),
};
/** Neither PostgreSQL engine sorts å, ä, ö right without ICU; names are sorted here instead. */
export const compareText = (locale: Locale) => collators[locale].compare;

// Intl formatters are made once per language: making one costs far more than using it, and a list
// page formats a date or number in every row.
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }),
};
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(locale: Locale, value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dateTimeFormats[locale].format(typeof value === 'string' ? new Date(value) : value);
}

const listFormats: Record<Locale, Intl.ListFormat> = {
  sv: new Intl.ListFormat('sv', { type: 'conjunction' }),
  en: new Intl.ListFormat('en', { type: 'conjunction' }),
};

/** Names as a sentence's list in the reader's language: "Tertial 1, Tertial 2 och Delår". */
export const formatList = (locale: Locale, items: readonly string[]): string => listFormats[locale].format(items);

export function formatNumber(locale: Locale, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '';
  const key = `${locale}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits })));
  return format.format(value);
}
