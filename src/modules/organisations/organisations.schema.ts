// Input schemas for the organisations module, one per write: the form, the API (and its OpenAPI
// document) and the command all parse with the same one; the TypeScript types come from them.
import { z } from 'zod';
import { isTimeZone } from '../../core/time-zone';
import { MIN_PASSWORD_LENGTH } from '../../core/auth/password';
import { flag, idList, isoDate, longText, optionalDate, optionalUuid, shortText, text, version, wholeNumber, year } from '../../core/validation';
import { findMunicipality } from './organisations.municipalities';
import { BODY_KINDS, PERIOD_KINDS, PERIOD_STATUSES, YEAR_STATUSES } from './organisations.tables';

/** Archiving or restoring any record of the module, and a password reset: only the version read. */
export const archiveInput = z.object({ version: version() });

// Bodies

export const bodyInput = z.object({
  name: text(200),
  shortName: shortText(40),
  kind: z.enum(BODY_KINDS),
  parentId: optionalUuid(),
  description: longText(5000),
});
export type BodyInput = z.output<typeof bodyInput>;

export const bodyUpdate = bodyInput.extend({ version: version() });

// The organisation itself

const LOCALES = ['sv', 'en'] as const;

export const organisationUpdate = z.object({
  name: text(200),
  municipalityCode: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, 'organisation.error.municipality_format')
    .refine((code) => findMunicipality(code) !== undefined, 'organisation.error.municipality_unknown')
    .nullish()
    .transform((v) => v ?? undefined),
  defaultLocale: z.enum(LOCALES),
  description: longText(5000),
  /** IANA name; kept as it is when not sent. */
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'organisation.error.time_zone').nullish().transform((v) => v ?? undefined),
  version: version(),
});

// Budget years

export const yearInput = z.object({
  year: year(),
  status: z.enum(YEAR_STATUSES).default('planning'),
});

export const yearStatusInput = z.object({
  status: z.enum(YEAR_STATUSES),
  version: version(),
});

/** The longest reason a reopening may give: a sentence or two for the history, not a report. */
export const REOPEN_REASON_MAX = 1000;

/**
 * Reopening a closed year (admins): why, for the change history. Its periods stay closed unless
 * `reopenPeriods` asks for them too, so the admin opens exactly what needs correcting.
 */
export const yearReopenInput = z.object({
  reason: text(REOPEN_REASON_MAX),
  reopenPeriods: flag(),
  version: version(),
});

// Follow-up periods

export const periodInput = z.object({
  year: year(),
  kind: z.enum(PERIOD_KINDS),
  name: text(120),
  startsOn: isoDate(),
  endsOn: isoDate(),
  reportDue: optionalDate(),
  status: z.enum(PERIOD_STATUSES).default('open'),
});
export type PeriodInput = z.output<typeof periodInput>;

/**
 * An edit of a period. Its status is left as it is when not sent: the pages close a period through
 * its own confirmed step and reopen it through an admin's reasoned one.
 */
export const periodUpdate = periodInput.extend({ status: z.enum(PERIOD_STATUSES).optional(), version: version() });

/** Closing a period: only the version read. */
export const periodCloseInput = z.object({ version: version() });

/** Reopening a closed period (admins): why, for the change history. */
export const periodReopenInput = z.object({ reason: text(REOPEN_REASON_MAX), version: version() });

// Focus areas

export const focusAreaInput = z.object({
  name: text(200),
  description: longText(5000),
  /** Left out (or null), a new focus area goes last and an edited one keeps its place. */
  sortOrder: wholeNumber(0, 1_000_000)
    .nullish()
    .transform((v) => v ?? undefined),
});

export const focusAreaUpdate = focusAreaInput.extend({ version: version() });

/** The active focus areas in their new order; all of them, so a list changed meanwhile is noticed. */
export const focusAreaOrder = z.object({ ids: z.array(z.uuid()).min(1).max(500) });

// Users

const email = () => z.string().trim().toLowerCase().max(254).pipe(z.email()).meta({ format: 'email' });
/** A role's name; whether this app knows it (the core's or a module's) is checked by the command. */
const role = () => z.string().trim().min(1).max(40);

/** A new account as the form and the API send it; the organisation is the one in the URL. */
export const userFields = z.object({
  email: email(),
  name: text(200),
  role: role(),
  bodyIds: idList(),
  /** Bodies named instead of by id (the CLI). */
  bodyNames: z.array(z.string().max(200)).max(500).default([]),
  /** Left out, a password is generated and shown once. */
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH)
    .max(1000)
    .nullish()
    .transform((v) => v ?? undefined),
});

/** What createUser parses: the account and its organisation (the CLI names it; routes take it from the URL). */
export const userCreate = userFields.extend({ organisationId: z.uuid() });

export const userUpdate = z.object({
  name: text(200),
  role: role(),
  bodyIds: idList(),
  version: version(),
});

export const userArchive = archiveInput;
export const passwordReset = archiveInput;
