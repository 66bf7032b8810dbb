// Input schemas for goals and directions: one per write, used by the command, the HTML form (through
// formInput) and the JSON API (whose OpenAPI document is generated from them); and the list filters.
import { z } from 'zod';
import { flag, idList, longText, optionalUuid, requiredLongText, shortText, text, uuid, version, wholeNumber, year } from '../../core/validation';
import { isSdgCode } from './sdg';

/** An Agenda 2030 goal ("11") or target ("11.1") from the reference list. */
const sdgCode = () => z.string().trim().max(8).refine(isSdgCode, 'goals.error.sdg_unknown');
/** A year that may be left out; JSON clients may send null for "none". */
const optionalYear = () => year().nullish().transform((v) => v ?? undefined);

const goalFields = {
  bodyId: uuid().describe('The adopting body: the council for council goals, a committee for its own'),
  parentId: optionalUuid().describe('The goal this one breaks down'),
  reference: shortText(40),
  title: text(1000),
  description: longText(20000),
  yearFrom: year(),
  yearTo: optionalYear().describe('Last year in force; null: until further notice'),
  focusAreaIds: idList(),
  sdgCodes: z.array(sdgCode()).max(200).default([]).describe('Agenda 2030 goals ("11") and targets ("11.1"); titles from /api/v1/sdg'),
  sortOrder: wholeNumber(-100000, 100000).default(0),
};

const yearsInOrder = (g: { yearFrom: number; yearTo?: number | undefined }) => g.yearTo === undefined || g.yearTo >= g.yearFrom;
const yearsMessage = { message: 'goals.error.year_to', path: ['yearTo'] };

/** Create a goal. */
export const goalInput = z.object(goalFields).refine(yearsInOrder, yearsMessage);
export type GoalInput = z.output<typeof goalInput>;

/** Update a goal: the same fields and the version the edit was based on. */
export const goalUpdate = z.object({ ...goalFields, version: version() }).refine(yearsInOrder, yearsMessage);
export type GoalUpdate = z.output<typeof goalUpdate>;

const directionFields = {
  bodyId: uuid(),
  year: year().describe('A budget year set up for the organisation'),
  title: shortText(300),
  body: requiredLongText(100000).describe('Plain text; paragraphs separated by a blank line'),
};

/** Write a direction text. */
export const directionInput = z.object(directionFields);
export type DirectionInput = z.output<typeof directionInput>;

/** Update a direction text: the same fields and the version the edit was based on. */
export const directionUpdate = z.object({ ...directionFields, version: version() });

/** Publish, unpublish, archive and restore (goals and directions alike) name the version they were based on. */
export const versionInput = z.object({ version: version() });

const listFields = {
  year: year().optional(),
  body: z.uuid().optional(),
  archived: flag(),
  offset: wholeNumber(0, 1_000_000).default(0),
};

/** Filters of the goal list page and its CSV, all optional. */
export const goalFilters = z.object({ ...listFields, focusArea: z.uuid().optional(), sdg: sdgCode().optional() });

/** Filters of the direction list page and its CSV, all optional. */
export const directionFilters = z.object(listFields);
