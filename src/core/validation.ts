// Input schemas and their parsing: one Zod schema per write serves the HTML form, the JSON API, the
// command and the OpenAPI document. Form strings are normalised in one step (formInput) first.
import { z } from 'zod';
import type { FieldErrors } from './errors';
import type { Translate } from './i18n';

export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Parses `input` with `schema` into data, or field errors worded for the reader. A bad item of a
 * list is reported on the list itself ("sdgCodes", not "sdgCodes.2"), where the form shows it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, t: Translate): Parsed<z.output<S>> {
  const result = schema.safeParse(input, {
    error: (issue) => {
      const { message, params } = issueMessage(issue);
      return t(message, params);
    },
  });
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p) => typeof p !== 'number').map(String);
    const field = path.length ? path.join('.') : '_form';
    // A refinement names its message by key; the built-in issues above are already in the reader's words.
    fieldErrors[field] ??= t.has(issue.message) ? t(issue.message) : issue.message;
  }
  return { ok: false, fieldErrors };
}

/** Plain-language message keys; Zod's own wording ("expected string to have >=3 characters") is for developers. */
function issueMessage(issue: z.core.$ZodRawIssue): { message: string; params?: Record<string, string | number> } {
  const { code } = issue;
  if (code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null || issue.input === '') return { message: 'validation.required' };
    if (issue.expected === 'number' || issue.expected === 'int') return { message: 'validation.number' };
    if (issue.expected === 'date') return { message: 'error.date' };
    return { message: 'validation.invalid' };
  }
  if (code === 'too_small') {
    const min = Number(issue.minimum);
    if (issue.origin === 'string') return min <= 1 ? { message: 'validation.required' } : { message: 'validation.min_chars', params: { min } };
    if (issue.origin === 'array' || issue.origin === 'set') return { message: 'validation.min_items', params: { min } };
    return { message: 'validation.min_value', params: { min } };
  }
  if (code === 'too_big') {
    const max = Number(issue.maximum);
    if (issue.origin === 'string') return { message: 'validation.max_chars', params: { max } };
    if (issue.origin === 'array' || issue.origin === 'set') return { message: 'validation.max_items', params: { max } };
    return { message: 'validation.max_value', params: { max } };
  }
  if (code === 'invalid_format') {
    if (issue.format === 'email') return { message: 'validation.email' };
    if (issue.format === 'date') return { message: 'error.date' };
    if (issue.format === 'uuid' || issue.format === 'guid') return { message: 'validation.reference' };
    return { message: 'validation.format' };
  }
  if (code === 'invalid_value') return { message: 'validation.choice' };
  if (code === 'unrecognized_keys') return { message: 'validation.unknown_field', params: { keys: issue.keys.join(', ') } };
  return { message: 'validation.invalid' };
}

// --- Form strings ------------------------------------------------------------------------------

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'other';

/** The kind of value a schema finally wants, looking through optional, default, nullable and pipes. */
function kindOf(schema: z.core.$ZodType): { kind: Kind; schema: z.core.$ZodType } {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; options?: z.core.$ZodType[] };
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'string' || def.type === 'enum' || def.type === 'literal' || def.type === 'template_literal') return { kind: 'string', schema: s };
    else if (def.type === 'number' || def.type === 'int') return { kind: 'number', schema: s };
    else if (def.type === 'boolean') return { kind: 'boolean', schema: s };
    else if (def.type === 'array') return { kind: 'array', schema: s };
    else if (def.type === 'object') return { kind: 'object', schema: s };
    else return { kind: 'other', schema: s };
  }
  return { kind: 'other', schema: s };
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function fromForm(schema: z.core.$ZodType, value: unknown): unknown {
  const { kind, schema: base } = kindOf(schema);
  switch (kind) {
    case 'string':
      return isBlank(value) ? undefined : value;
    case 'number':
      if (isBlank(value)) return undefined;
      return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    case 'boolean':
      // An unticked checkbox sends nothing at all.
      return value === undefined || value === '' ? false : value === true || value === 'on' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
    case 'array': {
      if (isBlank(value)) return [];
      const element = (base._zod.def as unknown as { element: z.core.$ZodType }).element;
      return (Array.isArray(value) ? value : [value]).filter((x) => !isBlank(x)).map((x) => fromForm(element, x));
    }
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
      const shape = (base._zod.def as unknown as { shape: Record<string, z.core.$ZodType> }).shape;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = Object.hasOwn(shape, key) ? fromForm(shape[key]!, v) : v;
      for (const key of Object.keys(shape)) if (!(key in out) && kindOf(shape[key]!).kind === 'boolean') out[key] = false;
      return out;
    }
    default:
      return value;
  }
}

/**
 * What an HTML form sent, in the shape the schema wants: empty fields are "not given", numbers are
 * numbers, a ticked box is true and an unticked one false, one value of a multi-select is a list.
 * Only forms need this; JSON clients send the typed values the OpenAPI document describes.
 */
export function formInput(schema: z.ZodType, body: unknown): Record<string, unknown> {
  const input = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return fromForm(schema, input) as Record<string, unknown>;
}

// --- Field shapes --------------------------------------------------------------------------------

/**
 * Characters no text field keeps: control characters other than tab and line breaks; lone surrogates
 * (a JSON client can send them, UTF-8 cannot store them, so they would come back as U+FFFD); and
 * U+FFFE/U+FFFF, which make an Atom feed invalid XML.
 */
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const hasForbiddenChars = (s: string): boolean => FORBIDDEN_CHARS.test(s);
const clean = <T extends z.ZodString>(s: T) => s.refine((v) => !hasForbiddenChars(v), 'error.control_chars');

/** A required single-line text: trimmed, no control characters. */
export const text = (max = 200) => clean(z.string().trim().min(1).max(max));
/** An optional single-line text, '' when not given. */
export const shortText = (max = 200) => clean(z.string().trim().max(max)).default('');
/** An optional single-line text, undefined when not given. */
export const optionalText = (max = 200) => clean(z.string().trim().max(max)).nullish().transform((v) => (v ? v : undefined));
/** Optional multi-line text, '' when empty; line breaks as \n. */
export const longText = (max = 20000) => clean(z.string().overwrite((s) => s.replace(/\r\n/g, '\n').trim()).max(max)).default('');
/** Required multi-line text. */
export const requiredLongText = (max = 100000) => clean(z.string().overwrite((s) => s.replace(/\r\n/g, '\n').trim()).min(1).max(max));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
/** A calendar date written YYYY-MM-DD. */
export const isoDate = () => z.string().trim().regex(DATE, 'error.date').refine(isRealDate, 'error.date').meta({ format: 'date' });
/** An optional date; JSON clients may send null. */
export const optionalDate = () => isoDate().nullish().transform((v) => v ?? undefined);

export const uuid = () => z.uuid();
/** A reference to another record, optional; JSON clients may send null for "none". */
export const optionalUuid = () => z.uuid().nullish().transform((v) => v ?? undefined);
export const isUuid = (value: unknown): value is string => typeof value === 'string' && z.uuid().safeParse(value).success;

export const year = () => z.number().int().min(1990).max(2100);
/** The version of the record a write was based on (optimistic concurrency). */
export const version = () => z.number().int().min(1).describe('The version you read; 409 if the record changed since');
/** A checkbox or a JSON boolean. */
export const flag = () => z.boolean().default(false);
/** One or many references from a multi-select, or a JSON array. */
export const idList = (max = 500) => z.array(z.uuid()).max(max).default([]);
/** A whole number with bounds. */
export const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
