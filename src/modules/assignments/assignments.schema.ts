// Input schemas for assignments; the TypeScript types come from them.
import { z } from 'zod';
import { flag, idList, longText, optionalDate, optionalText, optionalUuid, text, uuid, version, wholeNumber, year } from '../../core/validation';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS, TARGETS } from './assignments.tables';

/** A diarienummer: a registry prefix, a year and a serial number, e.g. "KS 2017/0406" or "SN 2018/12". */
export const REGISTRATION_NUMBER = /^[A-ZÅÄÖ]{1,6} ?\d{4}\/\d{1,6}$/i;

/** Written the way registries print it: upper case, one space between prefix and year. */
export function normaliseRegistrationNumber(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase().replace(/^([A-ZÅÄÖ]+) ?(\d)/, '$1 $2');
}

/** Optional, stored as '' when empty; null from a JSON caller is empty too. */
const registrationNumber = () =>
  z
    .string()
    .overwrite(normaliseRegistrationNumber)
    .max(40)
    .refine((s) => s === '' || REGISTRATION_NUMBER.test(s), 'assignments.error.registration_number')
    .nullish()
    .transform((v) => v ?? '')
    .describe('Diarienummer, e.g. "KS 2017/0406"; required for a decision');

/** Optional single-line text stored as '' when empty; null means empty too. */
const blankable = (max: number) => optionalText(max).transform((v) => v ?? '');

const assignmentFields = z.object({
  reference: blankable(40),
  title: text(1000),
  body: longText(100000).describe('The full text as decided'),
  year: year(),
  issuerBodyId: uuid(),
  target: z.enum(TARGETS).default('bodies'),
  leadBodyId: optionalUuid().describe('Required when target is bodies'),
  coBodyIds: idList(),
  targetNote: blankable(300),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceTitle: blankable(300),
  registrationNumber: registrationNumber(),
  decisionDate: optionalDate(),
  deadline: optionalDate().describe('On or after decisionDate'),
  focusAreaIds: idList(),
  goalIds: idList(),
});

type Fields = z.output<typeof assignmentFields>;

/**
 * Rules across fields. Each runs when the fields it reads are valid, so a form shows it beside the
 * other fields' errors rather than only once those are fixed.
 */
const CROSS_FIELD_RULES: { path: keyof Fields; message: string; reads: (keyof Fields)[]; holds: (d: Fields) => boolean }[] = [
  { path: 'leadBodyId', message: 'assignments.error.lead_required', reads: ['target', 'leadBodyId'], holds: (d) => d.target !== 'bodies' || !!d.leadBodyId },
  { path: 'coBodyIds', message: 'assignments.error.lead_also_co', reads: ['leadBodyId', 'coBodyIds'], holds: (d) => !d.leadBodyId || !d.coBodyIds.includes(d.leadBodyId) },
  {
    path: 'deadline',
    message: 'assignments.error.deadline_before_decision',
    reads: ['decisionDate', 'deadline'],
    holds: (d) => !d.decisionDate || !d.deadline || d.deadline >= d.decisionDate,
  },
  // A decision is found again by its registration number; a budget or a commission has none.
  {
    path: 'registrationNumber',
    message: 'assignments.error.registration_required',
    reads: ['sourceKind', 'registrationNumber'],
    holds: (d) => d.sourceKind !== 'decision' || !!d.registrationNumber,
  },
];

function withCrossFieldRules<S extends z.ZodType<Fields>>(schema: S): S {
  return CROSS_FIELD_RULES.reduce(
    (s, rule) =>
      s.refine(rule.holds, {
        path: [rule.path],
        message: rule.message,
        when: (payload) => !payload.issues.some((issue) => rule.reads.includes(issue.path?.[0] as keyof Fields)),
      }),
    schema,
  );
}

/** Create an assignment (form and API). */
export const assignmentInput = withCrossFieldRules(assignmentFields);
export type AssignmentInput = z.output<typeof assignmentInput>;

/** Update an assignment's facts and links, with the version that was read. */
export const assignmentUpdate = withCrossFieldRules(assignmentFields.extend({ version: version() }));

/** Move an assignment along its lifecycle. */
export const statusChangeInput = z.object({
  status: z.enum(ASSIGNMENT_STATUSES),
  comment: longText(5000).describe('Required when sending back, cancelling, transferring or reopening'),
  decisionReference: blankable(80),
  version: version(),
});
export type StatusChangeInput = z.output<typeof statusChangeInput>;

/** Publish/unpublish and archive/restore from a button: only the version that was read. */
export const versionInput = z.object({ version: version() });
/** Publish through the API, or withdraw with "published": false. */
export const publishInput = versionInput.extend({ published: z.boolean().default(true) });
/** Archive through the API, or restore with "archived": false. */
export const archiveInput = versionInput.extend({ archived: z.boolean().default(true) });

/** The assignments ticked for a bulk status change, each with the version the user saw. */
const bulkItems = z
  .array(z.object({ id: z.uuid(), version: version() }))
  .min(1, 'assignments.bulk.error.none_selected')
  .max(1000)
  // A box ticked twice (two pages in one form, a repeated API item) is one change.
  .transform((items) => [...new Map(items.map((i) => [i.id.toLowerCase(), { ...i, id: i.id.toLowerCase() }])).values()])
  // Not given is "none ticked", with the same message as an empty list.
  .prefault([]);

/** Move many assignments to one status with one comment. */
export const bulkStatusInput = z.object({
  status: z.enum(ASSIGNMENT_STATUSES),
  comment: longText(5000).describe('Required for the assignments that are sent back, cancelled, transferred or reopened'),
  decisionReference: blankable(80),
  assignments: bulkItems,
});
export type BulkStatusInput = z.output<typeof bulkStatusInput>;

/**
 * The list page's filters (the HTML list and its CSV): a filter that does not parse is left out and
 * reported (parseFilters).
 */
export const assignmentListFilters = z.object({
  year: year().optional(),
  status: z.enum(ASSIGNMENT_STATUSES).optional(),
  body: z.uuid().optional(),
  focusArea: z.uuid().optional(),
  source: z.enum(SOURCE_KINDS).optional(),
  late: flag(),
  archived: flag(),
  offset: wholeNumber(0, 1_000_000).default(0),
});
export type AssignmentListFilters = z.output<typeof assignmentListFilters>;
