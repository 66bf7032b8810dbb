// Parses input with a Zod schema into data or field errors worded for the reader.
import { z } from 'zod';
import type { FieldErrors } from './errors';
import { hasMessage, t, type Locale } from './i18n';

export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: (issue) => issueMessage(issue, locale) });
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
    const message = hasMessage(issue.message) ? t(locale, issue.message) : issue.message;
    fieldErrors[field] ??= message;
  }
  return { ok: false, fieldErrors };
}

/** Plain-language messages; Zod's own wording ("expected string to have >=3 characters") is for developers. */
function issueMessage(issue: z.core.$ZodRawIssue, locale: Locale): string {
  const sv = locale === 'sv';
  const { code } = issue;
  if (code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null || issue.input === '') return sv ? 'Fältet måste fyllas i.' : 'This field is required.';
    if (issue.expected === 'number' || issue.expected === 'int') return sv ? 'Ange ett tal.' : 'Enter a number.';
    if (issue.expected === 'date') return sv ? 'Ange ett datum (ÅÅÅÅ-MM-DD).' : 'Enter a date (YYYY-MM-DD).';
    return sv ? 'Ogiltigt värde.' : 'Invalid value.';
  }
  if (code === 'too_small') {
    const min = Number(issue.minimum);
    if (issue.origin === 'string') {
      if (min <= 1) return sv ? 'Fältet måste fyllas i.' : 'This field is required.';
      return sv ? `Skriv minst ${min} tecken.` : `Enter at least ${min} characters.`;
    }
    if (issue.origin === 'array' || issue.origin === 'set') return sv ? `Välj minst ${min}.` : `Choose at least ${min}.`;
    return sv ? `Värdet måste vara minst ${min}.` : `The value must be at least ${min}.`;
  }
  if (code === 'too_big') {
    const max = Number(issue.maximum);
    if (issue.origin === 'string') return sv ? `Skriv högst ${max} tecken.` : `Enter at most ${max} characters.`;
    if (issue.origin === 'array' || issue.origin === 'set') return sv ? `Välj högst ${max}.` : `Choose at most ${max}.`;
    return sv ? `Värdet får vara högst ${max}.` : `The value must be at most ${max}.`;
  }
  if (code === 'invalid_format') {
    if (issue.format === 'email') return sv ? 'Ange en giltig e-postadress.' : 'Enter a valid e-mail address.';
    if (issue.format === 'date') return sv ? 'Ange ett datum (ÅÅÅÅ-MM-DD).' : 'Enter a date (YYYY-MM-DD).';
    if (issue.format === 'uuid' || issue.format === 'guid') return sv ? 'Ogiltig referens.' : 'Invalid reference.';
    return sv ? 'Värdet har fel format.' : 'The value has the wrong format.';
  }
  if (code === 'invalid_value') return sv ? 'Välj ett av alternativen.' : 'Choose one of the options.';
  if (code === 'unrecognized_keys') return sv ? `Okänt fält: ${issue.keys.join(', ')}.` : `Unknown field: ${issue.keys.join(', ')}.`;
  return sv ? 'Ogiltigt värde.' : 'Invalid value.';
}

// Shared field shapes. HTML forms send empty strings for empty fields; these read them as "not given".
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/**
 * Characters no text field keeps: control characters other than tab and line breaks; lone surrogates
 * (a JSON client can send them, UTF-8 cannot store them, so they would come back as U+FFFD); and
 * U+FFFE/U+FFFF, which make an Atom feed invalid XML.
 */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const hasForbiddenChars = (s: string): boolean => FORBIDDEN_CHARS.test(s);

/** A required single-line text: trimmed, no control characters. */
export const text = (max = 200) => z.preprocess(trim, z.string().min(1).max(max).refine((s) => !hasForbiddenChars(s), 'error.control_chars'));
/** Optional multi-line text, '' when empty. */
export const longText = (max = 20000) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v), z.string().max(max).refine((s) => !hasForbiddenChars(s), 'error.control_chars'));
export const optionalText = (max = 200) => z.preprocess(blankToUndefined, text(max).optional());
export const isoDate = () =>
  z.preprocess(trim, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.date').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'error.date'));
export const optionalDate = () => z.preprocess(blankToUndefined, isoDate().optional());
export const uuid = () => z.preprocess(trim, z.uuid());
export const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());
export const year = () => z.coerce.number().int().min(1990).max(2100);
export const version = () => z.coerce.number().int().min(1);
/** A checkbox or a JSON boolean. */
export const flag = () => z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
/** One or many values from a multi-select (forms send a string for one, an array for many). */
export const idList = () =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(z.uuid()).max(500));
