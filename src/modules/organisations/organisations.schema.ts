// Input schemas for the organisations module; the TypeScript types come from them.
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../core/auth/password';
import { hasForbiddenChars, idList, isoDate, longText, optionalDate, optionalText, optionalUuid, text, version, year } from '../../core/validation';
import { findMunicipality } from './organisations.municipalities';
import { BODY_KINDS, PERIOD_KINDS, PERIOD_STATUSES, YEAR_STATUSES } from './organisations.tables';

// JSON callers send null for "none"; forms send ''. Both mean "not given".
const noneToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const bodyInput = z.object({
  name: text(200),
  shortName: z.preprocess((v) => v ?? '', z.string().trim().max(40).refine((s) => !hasForbiddenChars(s), 'error.control_chars')),
  kind: z.enum(BODY_KINDS as [string, ...string[]]),
  parentId: optionalUuid(),
  description: longText(5000),
});
export type BodyInput = z.output<typeof bodyInput>;

export const bodyUpdate = bodyInput.extend({ version: version() });

export const archiveInput = z.object({ version: version() });

export const optional = optionalText;

export const organisationUpdate = z.object({
  name: text(200),
  municipalityCode: z.preprocess(
    noneToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9]{4}$/, 'organisation.error.municipality_format')
      .refine((code) => findMunicipality(code) !== undefined, 'organisation.error.municipality_unknown')
      .optional(),
  ),
  defaultLocale: z.enum(['sv', 'en']),
  description: longText(5000),
  version: version(),
});

export const yearInput = z.object({
  year: year(),
  status: z.preprocess(noneToUndefined, z.enum(YEAR_STATUSES as [string, ...string[]]).default('planning')),
});

export const yearStatusInput = z.object({
  status: z.enum(YEAR_STATUSES as [string, ...string[]]),
  version: version(),
});

export const periodInput = z.object({
  year: year(),
  kind: z.enum(PERIOD_KINDS as [string, ...string[]]),
  name: text(120),
  startsOn: isoDate(),
  endsOn: isoDate(),
  reportDue: z.preprocess(noneToUndefined, optionalDate()),
  status: z.preprocess(noneToUndefined, z.enum(PERIOD_STATUSES as [string, ...string[]]).default('open')),
});
export type PeriodInput = z.output<typeof periodInput>;

export const periodUpdate = periodInput.extend({ version: version() });

const sortOrder = () => z.preprocess(noneToUndefined, z.coerce.number().int().min(0).max(1_000_000).optional());

export const focusAreaInput = z.object({
  name: text(200),
  description: longText(5000),
  sortOrder: sortOrder(),
});

export const focusAreaUpdate = focusAreaInput.extend({ version: version() });

/** The active focus areas in their new order; all of them, so a list changed meanwhile is noticed. */
export const focusAreaOrder = z.object({ ids: idList().pipe(z.array(z.uuid()).min(1)) });

const email = () => z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(254));
/** A role's name; whether this app knows it (the core's or a module's) is checked by the command. */
const role = () => z.string().trim().min(1).max(40);

export const userCreate = z.object({
  organisationId: z.uuid(),
  email: email(),
  name: text(200),
  role: role(),
  bodyIds: idList().default([]),
  /** Bodies named instead of by id (the CLI). */
  bodyNames: z.array(z.string()).default([]),
  password: z.preprocess(noneToUndefined, z.string().min(MIN_PASSWORD_LENGTH).max(1000).optional()),
});

export const userUpdate = z.object({
  name: text(200),
  role: role(),
  bodyIds: idList().default([]),
  version: version(),
});

export const userArchive = archiveInput;
export const passwordReset = archiveInput;
