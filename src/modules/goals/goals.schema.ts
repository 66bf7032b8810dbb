// Input schemas for goals and directions; the same shapes serve the HTML forms and the JSON API.
import { z } from 'zod';
import { hasForbiddenChars, idList, longText, parseInput, text, version } from '../../core/validation';
import { isSdgCode } from './sdg';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A year typed in a form or sent as JSON; empty means "not given" so the message says the field is required. */
const yearNumber = () =>
  z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
    z.number().int().min(1990).max(2100),
  );
const optionalYear = () => z.preprocess((v) => (blank(v) ? undefined : v), yearNumber().optional());

/** A reference to another record; JSON clients may send null for "none". */
const optionalRef = () => z.preprocess((v) => (blank(v) ? undefined : typeof v === 'string' ? v.trim() : v), z.uuid().optional());
const requiredRef = () => z.preprocess((v) => (blank(v) ? undefined : typeof v === 'string' ? v.trim() : v), z.uuid());

/** Short optional text ('' when empty). */
const shortText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : v), z.string().max(max).refine((s) => !hasForbiddenChars(s), 'error.control_chars'));

/** Agenda 2030 codes from checkboxes (one string or many) or a JSON array; each must be in the reference list. */
const sdgCodes = () =>
  z.preprocess(
    (v) => (blank(v) ? [] : Array.isArray(v) ? v.filter((x) => !blank(x)).map((x) => (typeof x === 'string' ? x.trim() : x)) : [typeof v === 'string' ? v.trim() : v]),
    z.array(z.string().max(8).refine(isSdgCode, 'goals.error.sdg_unknown')).max(200),
  );

const sortOrder = () =>
  z.preprocess((v) => (blank(v) ? 0 : typeof v === 'string' ? Number(v.trim()) : v), z.number().int().min(-100000).max(100000));

const goalFields = {
  bodyId: requiredRef(),
  parentId: optionalRef(),
  reference: shortText(40),
  title: text(1000),
  description: longText(20000),
  yearFrom: yearNumber(),
  yearTo: optionalYear(),
  focusAreaIds: idList(),
  sdgCodes: sdgCodes(),
  sortOrder: sortOrder(),
};

const yearsInOrder = (g: { yearFrom: number; yearTo?: number | undefined }) => g.yearTo === undefined || g.yearTo >= g.yearFrom;
const yearsMessage = { message: 'goals.error.year_to', path: ['yearTo'] };

export const goalInput = z.object(goalFields).refine(yearsInOrder, yearsMessage);
export type GoalInput = z.output<typeof goalInput>;

export const goalUpdate = z.object({ ...goalFields, version: version() }).refine(yearsInOrder, yearsMessage);
export type GoalUpdate = z.output<typeof goalUpdate>;

const directionFields = {
  bodyId: requiredRef(),
  year: yearNumber(),
  title: shortText(300),
  body: z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v), z.string().min(1).max(100000).refine((s) => !hasForbiddenChars(s), 'error.control_chars')),
};

export const directionInput = z.object(directionFields);
export type DirectionInput = z.output<typeof directionInput>;

export const directionUpdate = z.object({ ...directionFields, version: version() });

/** Archive, restore, publish and unpublish name the version they were based on. */
export const versionInput = z.object({ version: version() });

/** Filters of the goal lists (HTML and API), all optional. */
export const goalFilterShape = {
  year: optionalYear(),
  body: optionalRef(),
  focusArea: optionalRef(),
  sdg: z.preprocess((v) => (blank(v) ? undefined : v), z.string().max(8).refine(isSdgCode, 'goals.error.sdg_unknown').optional()),
};

export const directionFilterShape = {
  year: optionalYear(),
  body: optionalRef(),
};

/** parseInput already reports a bad list item on the list itself. */
export const parseFields = parseInput;
