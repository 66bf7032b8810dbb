// Input schemas for assignments; the TypeScript types come from them.
import { z } from 'zod';
import { idList, longText, optionalDate, optionalText, optionalUuid, text, uuid, version, year } from '../../core/validation';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS, TARGETS, type AssignmentStatus, type AssignmentTarget, type SourceKind } from './assignments.tables';

/** A diarienummer: a registry prefix, a year and a serial number, e.g. "KS 2017/0406" or "SN 2018/12". */
export const REGISTRATION_NUMBER = /^[A-ZÅÄÖ]{1,6} ?\d{4}\/\d{1,6}$/i;

/** Written the way registries print it: upper case, one space between prefix and year. */
export function normaliseRegistrationNumber(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase().replace(/^([A-ZÅÄÖ]+) ?(\d)/, '$1 $2');
}

const registrationNumber = () =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? normaliseRegistrationNumber(v) : v),
    z.string().max(40).refine((s) => s === '' || REGISTRATION_NUMBER.test(s), 'assignments.error.registration_number'),
  );

// JSON callers send null for "nothing"; forms send ''. Both mean the field is empty.
const nullable = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema);

/** Optional single-line text stored as '' when empty. */
const blankable = (max: number) => nullable(optionalText(max)).transform((v) => v ?? '');

const assignmentFields = z.object({
  reference: blankable(40),
  title: text(1000),
  body: longText(100000),
  year: z.preprocess((v) => (v === '' ? undefined : v), year()),
  issuerBodyId: uuid(),
  target: z.preprocess((v) => (v === undefined || v === '' ? 'bodies' : v), z.enum(TARGETS)),
  leadBodyId: nullable(optionalUuid()),
  coBodyIds: idList(),
  targetNote: blankable(300),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceTitle: blankable(300),
  registrationNumber: registrationNumber(),
  decisionDate: nullable(optionalDate()),
  deadline: nullable(optionalDate()),
  focusAreaIds: idList(),
  goalIds: idList(),
});

function crossFieldRules(d: z.output<typeof assignmentFields>, ctx: z.RefinementCtx): void {
  if (d.target === 'bodies' && !d.leadBodyId) ctx.addIssue({ code: 'custom', path: ['leadBodyId'], message: 'assignments.error.lead_required' });
  if (d.leadBodyId && d.coBodyIds.includes(d.leadBodyId)) ctx.addIssue({ code: 'custom', path: ['coBodyIds'], message: 'assignments.error.lead_also_co' });
  if (d.decisionDate && d.deadline && d.deadline < d.decisionDate) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'assignments.error.deadline_before_decision' });
  // A decision is found again by its registration number; a budget or a commission has none.
  if (d.sourceKind === 'decision' && !d.registrationNumber) ctx.addIssue({ code: 'custom', path: ['registrationNumber'], message: 'assignments.error.registration_required' });
}

export const assignmentInput = assignmentFields.superRefine(crossFieldRules);
export type AssignmentInput = z.output<typeof assignmentInput>;

export const assignmentUpdate = assignmentFields.extend({ version: version() }).superRefine(crossFieldRules);

export const statusChangeInput = z.object({
  status: z.enum(ASSIGNMENT_STATUSES),
  comment: longText(5000),
  decisionReference: blankable(80),
  version: version(),
});
export type StatusChangeInput = z.output<typeof statusChangeInput>;

export const versionInput = z.object({ version: version() });

/**
 * The assignments ticked for a bulk status change, each with the version the user saw: `{ id, version }`
 * objects from the API, "id:version" checkbox values from the list form.
 */
const bulkItems = z.preprocess(
  (v) =>
    (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]).map((item) => {
      if (typeof item !== 'string') return item;
      const [id, itemVersion] = item.split(':');
      return { id, version: itemVersion };
    }),
  z
    .array(z.object({ id: z.uuid(), version: version() }))
    .min(1, 'assignments.bulk.error.none_selected')
    .max(1000)
    // A box ticked twice (two pages in one form, a repeated API item) is one change.
    .transform((items) => [...new Map(items.map((i) => [i.id.toLowerCase(), { ...i, id: i.id.toLowerCase() }])).values()]),
);

export const bulkStatusInput = z.object({
  status: z.enum(ASSIGNMENT_STATUSES),
  comment: longText(5000),
  decisionReference: blankable(80),
  assignments: bulkItems,
});
export type BulkStatusInput = z.output<typeof bulkStatusInput>;
