// Routes for assignments: HTML pages and the JSON API, both calling the same commands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../core/csv';
import { AppError, notFound, type ConflictError, type FieldErrors } from '../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../core/http/forms';
import { redirectWith, sendHtml, view, type OrgRef } from '../../core/html/view';
import { jobJson, jobSchema } from '../../core/jobs';
import { requireOrg } from '../../core/orgs';
import { authorize } from '../../core/policy';
import { listBodies } from '../organisations';
import { archiveAssignment } from './commands/archive-assignment';
import { changeAssignmentStatus } from './commands/change-assignment-status';
import { createAssignment } from './commands/create-assignment';
import { publishAssignment } from './commands/publish-assignment';
import { startBulkStatusChange } from './commands/start-bulk-status-change';
import { updateAssignment } from './commands/update-assignment';
import { canAssignment, visibilityFor, type Visibility } from './assignments.policy';
import { assignmentJson, presentAssignment, presentStatusHistory, statusHistoryJson } from './assignments.presenter';
import {
  countByStatus,
  findAssignment,
  focusAreaOptions,
  goalOptions,
  linkIds,
  listAssignments,
  loadRelations,
  statusHistory,
  todayInSweden,
  yearOptions,
  type AssignmentFilters,
  type AssignmentRow,
} from './assignments.queries';
import { TARGETS } from './assignments.tables';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS, type AssignmentStatus, type SourceKind } from './assignments.tables';
import { AssignmentFormPage, type AssignmentFormValues } from './views/assignment-form';
import { AssignmentPage, type StatusFormValues } from './views/assignment-page';
import { AssignmentsPage, type BulkFormValues, type ListFilterValues } from './views/assignments-list';

const PAGE_SIZE = 50;

// Filters in a page's query string are forgiving: a value that does not parse is simply not applied.
const blank = (v: unknown) => (v === '' ? undefined : v);
const listQuery = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(1990).max(2100).optional()).catch(undefined),
  status: z.preprocess(blank, z.enum(ASSIGNMENT_STATUSES).optional()).catch(undefined),
  body: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  focusArea: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  source: z.preprocess(blank, z.enum(SOURCE_KINDS).optional()).catch(undefined),
  late: z.preprocess((v) => v === 'true' || v === 'on', z.boolean()).catch(false),
  archived: z.preprocess((v) => v === 'true' || v === 'on', z.boolean()).catch(false),
  offset: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});
type ListQuery = z.output<typeof listQuery>;

function filtersOf(q: ListQuery, visibility: Visibility, today: string): AssignmentFilters {
  return {
    year: q.year,
    status: q.status,
    bodyId: q.body,
    focusAreaId: q.focusArea,
    sourceKind: q.source,
    late: q.late,
    includeArchived: visibility === 'internal' && q.archived,
    today,
  };
}

function queryString(q: ListQuery, overrides: Record<string, string | number | undefined> = {}): string {
  const values: Record<string, string | number | undefined> = {
    year: q.year,
    status: q.status,
    body: q.body,
    focusArea: q.focusArea,
    source: q.source,
    late: q.late ? 'true' : undefined,
    archived: q.archived ? 'true' : undefined,
    offset: q.offset || undefined,
    ...overrides,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const asText = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** Errors by the bulk form's field names; one about a ticked item ("assignments.3.id") belongs to the selection as a whole. */
const bulkErrors = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [field.startsWith('assignments.') ? 'assignments' : field === 'status' ? 'newStatus' : field, message]));

/** What the user sent, back into the form as they wrote it. */
function valuesFromInput(input: Record<string, unknown>): AssignmentFormValues {
  const pick = (k: string) => asText(input[k]);
  return {
    reference: pick('reference'),
    title: pick('title'),
    body: pick('body'),
    year: pick('year'),
    issuerBodyId: pick('issuerBodyId'),
    target: pick('target'),
    leadBodyId: pick('leadBodyId'),
    coBodyIds: asList(input.coBodyIds),
    targetNote: pick('targetNote'),
    sourceKind: pick('sourceKind'),
    sourceTitle: pick('sourceTitle'),
    registrationNumber: pick('registrationNumber'),
    decisionDate: pick('decisionDate'),
    deadline: pick('deadline'),
    focusAreaIds: asList(input.focusAreaIds),
    goalIds: asList(input.goalIds),
    version: pick('version'),
  };
}

function valuesFromRow(a: AssignmentRow, links: { leadBodyId: string | null; coBodyIds: string[]; focusAreaIds: string[]; goalIds: string[] }): AssignmentFormValues {
  return {
    reference: a.reference,
    title: a.title,
    body: a.body,
    year: String(a.year),
    issuerBodyId: a.issuer_body_id,
    target: a.target,
    leadBodyId: links.leadBodyId ?? '',
    coBodyIds: links.coBodyIds,
    targetNote: a.target_note,
    sourceKind: a.source_kind,
    sourceTitle: a.source_title,
    registrationNumber: a.registration_number,
    decisionDate: a.decision_date ?? '',
    deadline: a.deadline ?? '',
    focusAreaIds: links.focusAreaIds,
    goalIds: links.goalIds,
    version: String(a.version),
  };
}

/** Database columns → field labels, for the conflict notice. */
const FIELD_LABELS: Record<string, string> = {
  reference: 'assignments.reference',
  title: 'assignments.name',
  body: 'assignments.body',
  year: 'assignments.year',
  target: 'assignments.target',
  target_note: 'assignments.target_note',
  source_kind: 'assignments.source_kind',
  source_title: 'assignments.source_title',
  registration_number: 'assignments.registration_number',
  decision_date: 'assignments.decision_date',
  deadline: 'assignments.deadline',
  status: 'assignments.status',
};

export function assignmentRoutes(app: FastifyInstance): void {
  const db = app.database.db;
  type Params = { org: string; id: string };

  async function filterOptions(org: OrgRef, req: FastifyRequest) {
    const [years, bodies, focusAreas] = await Promise.all([yearOptions(db, org.id), listBodies(db, org.id, { locale: req.locale }), focusAreaOptions(db, org.id, req.locale)]);
    return {
      years,
      bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
      focusAreas: focusAreas.map((f) => ({ value: f.id, label: f.name })),
    };
  }

  async function listPage(req: FastifyRequest, reply: FastifyReply, org: OrgRef, q: ListQuery, bulkForm?: { values: BulkFormValues; errors: FieldErrors }) {
    const visibility = visibilityFor(req.actor, org.id);
    const today = todayInSweden();
    const filters = filtersOf(q, visibility, today);
    // The counts show the whole selection by status, so the status filter itself is left out of them.
    const [page, counts, late, options] = await Promise.all([
      listAssignments(db, org.id, filters, visibility, { limit: PAGE_SIZE, offset: q.offset }),
      countByStatus(db, org.id, { ...filters, status: undefined }, visibility),
      countByStatus(db, org.id, { ...filters, status: undefined, late: true }, visibility),
      filterOptions(org, req),
    ]);
    const rel = await loadRelations(db, org.id, page.rows, visibility, req.locale);
    const v = view(req, reply, org);
    const filterValues: ListFilterValues = {
      ...(q.year !== undefined ? { year: String(q.year) } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.body ? { body: q.body } : {}),
      ...(q.focusArea ? { focusArea: q.focusArea } : {}),
      ...(q.source ? { source: q.source } : {}),
      late: q.late,
      archived: q.archived,
    };
    return (
      <AssignmentsPage
        v={v}
        org={org}
        filters={filterValues}
        options={options}
        rows={page.rows.map((r) => presentAssignment(r, rel, req.actor, v.t, today))}
        total={page.total}
        counts={counts}
        lateCount={late.total}
        page={{ limit: PAGE_SIZE, offset: q.offset }}
        href={(overrides) => `/o/${org.slug}/assignments${queryString(q, overrides)}`}
        csvHref={`/o/${org.slug}/assignments.csv${queryString(q, { offset: undefined })}`}
        canCreate={canAssignment(req.actor, 'create', org.id)}
        member={visibility === 'internal'}
        {...(canAssignment(req.actor, 'status', org.id) ? { bulk: { query: queryString(q).slice(1), ...bulkForm } } : {})}
      />
    );
  }

  app.get('/o/:org/assignments', async (req, reply) => {
    const org = await requireOrg(db, (req.params as Params).org);
    return sendHtml(reply, await listPage(req, reply, org, listQuery.parse(req.query ?? {})));
  });

  // Ticked assignments and one new status: the changes are made by a background job, followed on its page.
  app.post('/o/:org/assignments/bulk-status', async (req, reply) => {
    const org = await requireOrg(db, (req.params as Params).org);
    const input = formBody(req.body);
    const q = listQuery.parse(Object.fromEntries(new URLSearchParams(asText(input.query) ?? '')));
    const values: BulkFormValues = {
      selected: asList(input.assignments).map((item) => item.split(':')[0]!),
      status: asText(input.newStatus),
      comment: asText(input.comment),
      decisionReference: asText(input.decisionReference),
    };
    const command = { assignments: input.assignments, status: input.newStatus, comment: input.comment, decisionReference: input.decisionReference };
    return handleForm(reply, () => startBulkStatusChange(req.ctx, org.id, command), {
      success: (job) => ({ to: `/o/${org.slug}/jobs/${job.id}`, flash: 'assignments.bulk.started' }),
      rerender: (errors) => listPage(req, reply, org, q, { values, errors: bulkErrors(errors) }),
    });
  });

  app.get('/o/:org/assignments.csv', async (req, reply) => {
    const org = await requireOrg(db, (req.params as Params).org);
    const visibility = visibilityFor(req.actor, org.id);
    const q = listQuery.parse(req.query ?? {});
    const today = todayInSweden();
    const { rows } = await listAssignments(db, org.id, filtersOf(q, visibility, today), visibility);
    const rel = await loadRelations(db, org.id, rows, visibility, req.locale);
    const t = req.ctx.t;
    const views = rows.map((r) => presentAssignment(r, rel, req.actor, t, today));
    const names = (a: (typeof views)[number], role: 'lead' | 'co' | 'target') =>
      a.bodies
        .filter((b) => b.role === role)
        .map((b) => b.name)
        .join('; ');
    return sendCsv(
      reply,
      `${org.slug}-assignments.csv`,
      [
        { header: 'id', value: (a) => a.id },
        { header: t('assignments.reference'), value: (a) => a.reference },
        { header: t('assignments.name'), value: (a) => a.title },
        { header: t('assignments.year'), value: (a) => a.year },
        { header: t('assignments.status'), value: (a) => a.statusLabel },
        { header: t('assignments.late'), value: (a) => t(a.late ? 'form.yes' : 'form.no') },
        { header: t('assignments.issuer'), value: (a) => a.issuer?.name ?? '' },
        { header: t('assignments.target'), value: (a) => a.targetLabel },
        { header: t('assignment.role.lead'), value: (a) => names(a, 'lead') },
        { header: t('assignment.role.co'), value: (a) => names(a, 'co') },
        { header: t('assignments.responsible'), value: (a) => a.bodies.map((b) => b.name).join('; ') },
        { header: t('assignments.target_note'), value: (a) => a.targetNote },
        { header: t('assignments.source_kind'), value: (a) => a.sourceKindLabel },
        { header: t('assignments.source_title'), value: (a) => a.sourceTitle },
        { header: t('assignments.registration_number'), value: (a) => a.registrationNumber },
        { header: t('assignments.decision_date'), value: (a) => a.decisionDate },
        { header: t('assignments.deadline'), value: (a) => a.deadline },
        { header: t('assignments.focus_areas'), value: (a) => a.focusAreas.map((f) => f.name).join('; ') },
        { header: t('assignments.published'), value: (a) => t(a.published ? 'form.yes' : 'form.no') },
      ],
      views,
    );
  });

  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrgRef,
    mode: 'new' | 'edit',
    values: AssignmentFormValues,
    extra: { id?: string; errors?: FieldErrors; conflict?: { label: string; current: string }[] } = {},
  ) {
    const keepBodies = new Set([values.issuerBodyId, values.leadBodyId, ...(values.coBodyIds ?? [])].filter((x): x is string => !!x));
    const [years, bodies, focusAreas, goals] = await Promise.all([
      yearOptions(db, org.id),
      listBodies(db, org.id, { locale: req.locale, includeArchived: true }),
      focusAreaOptions(db, org.id, req.locale),
      goalOptions(db, org.id, values.goalIds ?? [], req.locale),
    ]);
    const v = view(req, reply, org);
    return (
      <AssignmentFormPage
        v={v}
        org={org}
        mode={mode}
        id={extra.id}
        values={values}
        errors={extra.errors}
        conflict={extra.conflict}
        options={{
          years,
          // A body archived since the decision stays selectable where it is already chosen.
          bodies: bodies.filter((b) => b.archived_at === null || keepBodies.has(b.id)).map((b) => ({ value: b.id, label: b.name })),
          focusAreas: focusAreas.map((f) => ({ value: f.id, label: f.name })),
          goals: goals.map((g) => ({ value: g.id, label: [g.reference, g.title].filter(Boolean).join(' ') })),
        }}
      />
    );
  }

  app.get('/o/:org/assignments/new', async (req, reply) => {
    const org = await requireOrg(db, (req.params as Params).org);
    authorize(req.actor, canAssignment(req.actor, 'create', org.id));
    const years = await yearOptions(db, org.id);
    const thisYear = new Date().getFullYear();
    const year = years.includes(thisYear) ? thisYear : years[0];
    return sendHtml(reply, await formPage(req, reply, org, 'new', { target: 'bodies', sourceKind: 'budget', ...(year ? { year: String(year) } : {}) }));
  });

  app.post('/o/:org/assignments', async (req, reply) => {
    const org = await requireOrg(db, (req.params as Params).org);
    const input = formBody(req.body);
    return handleForm(reply, () => createAssignment(req.ctx, org.id, input), {
      success: (a) => ({ to: `/o/${org.slug}/assignments/${a.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', valuesFromInput(input), { errors }),
    });
  });

  async function detailPage(req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, statusForm?: { values: StatusFormValues; errors?: FieldErrors; conflict?: ConflictError }) {
    const row = await findAssignment(db, org.id, id);
    // Unpublished assignments do not exist for the public, not even as a refusal.
    if (!row || !canAssignment(req.actor, 'read', org.id, row)) throw notFound();
    const visibility = visibilityFor(req.actor, org.id);
    const [rel, history] = await Promise.all([loadRelations(db, org.id, [row], visibility, req.locale), statusHistory(db, org.id, row.id)]);
    const v = view(req, reply, org);
    const a = presentAssignment(row, rel, req.actor, v.t, todayInSweden());
    return (
      <AssignmentPage
        v={v}
        org={org}
        a={a}
        history={presentStatusHistory(history, v.t, visibility)}
        member={visibility === 'internal'}
        {...(statusForm
          ? {
              statusForm: {
                values: statusForm.values,
                ...(statusForm.errors ? { errors: statusForm.errors } : {}),
                ...(statusForm.conflict ? { conflict: [{ label: v.t('assignments.status'), current: a.statusLabel }] } : {}),
              },
            }
          : {})}
      />
    );
  }

  app.get('/o/:org/assignments/:id', async (req, reply) => {
    const { org: slug, id } = req.params as Params;
    const org = await requireOrg(db, slug);
    return sendHtml(reply, await detailPage(req, reply, org, id));
  });

  app.get('/o/:org/assignments/:id/edit', async (req, reply) => {
    const { org: slug, id } = req.params as Params;
    const org = await requireOrg(db, slug);
    authorize(req.actor, canAssignment(req.actor, 'update', org.id));
    const row = await findAssignment(db, org.id, id);
    if (!row) throw notFound();
    return sendHtml(reply, await formPage(req, reply, org, 'edit', valuesFromRow(row, await linkIds(db, org.id, id)), { id }));
  });

  app.post('/o/:org/assignments/:id', async (req, reply) => {
    const { org: slug, id } = req.params as Params;
    const org = await requireOrg(db, slug);
    const input = formBody(req.body);
    return handleForm(reply, () => updateAssignment(req.ctx, org.id, id, input), {
      success: (a) => ({ to: `/o/${org.slug}/assignments/${a.id}` }),
      rerender: (errors, conflict) =>
        formPage(req, reply, org, 'edit', { ...valuesFromInput(input), ...(conflict ? { version: String(conflict.current.version) } : {}) }, {
          id,
          errors,
          // What the user typed stays; the notice shows what the other person saved.
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  app.post('/o/:org/assignments/:id/status', async (req, reply) => {
    const { org: slug, id } = req.params as Params;
    const org = await requireOrg(db, slug);
    const input = formBody(req.body);
    const values: StatusFormValues = { status: asText(input.status), comment: asText(input.comment), decisionReference: asText(input.decisionReference) };
    return handleForm(reply, () => changeAssignmentStatus(req.ctx, org.id, id, input), {
      success: (a) => ({ to: `/o/${org.slug}/assignments/${a.id}`, flash: 'assignments.status_changed' }),
      rerender: (errors, conflict) => detailPage(req, reply, org, id, { values, errors, ...(conflict ? { conflict } : {}) }),
    });
  });

  const actions = {
    publish: { run: publishAssignment, flag: false, flash: 'assignments.published_flash' },
    unpublish: { run: publishAssignment, flag: true, flash: 'assignments.unpublished_flash' },
    archive: { run: archiveAssignment, flag: false, flash: 'form.archived' },
    restore: { run: archiveAssignment, flag: true, flash: 'form.restored' },
  } as const;
  for (const [name, action] of Object.entries(actions)) {
    app.post(`/o/:org/assignments/:id/${name}`, async (req, reply) => {
      const { org: slug, id } = req.params as Params;
      const org = await requireOrg(db, slug);
      const result = await action.run(req.ctx, org.id, id, formBody(req.body), action.flag);
      if (!result.ok) throw new AppError('validation', Object.values(result.fieldErrors)[0] ?? 'error.validation');
      return redirectWith(reply, `/o/${org.slug}/assignments/${id}`, action.flash);
    });
  }

  apiRoutes(app);
}

// JSON API

const bodyRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  role: z.enum(['lead', 'co', 'target']).describe('lead and co are named in the decision; target: one of all committees and companies'),
});

const assignmentSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  body: z.string().describe('The full text as decided'),
  year: z.number().int(),
  status: z.enum(ASSIGNMENT_STATUSES),
  late: z.boolean().describe('Deadline passed and not closed, cancelled or transferred'),
  issuerBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  target: z.enum(TARGETS),
  targetNote: z.string(),
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    title: z.string(),
    registrationNumber: z.string().describe('Diarienummer, e.g. "KS 2017/0406"'),
    decisionDate: z.string().nullable(),
  }),
  deadline: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  archived: z.boolean(),
  version: z.number().int(),
  responsibleBodies: z.array(bodyRefSchema).describe('The lead and co-responsible bodies named in the decision'),
  expandedBodies: z.array(bodyRefSchema).describe('Every responsible body: the named ones and, for target all_committees_and_companies, every committee and company'),
  focusAreas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  goals: z.array(z.object({ id: z.uuid(), reference: z.string(), title: z.string() })),
  updatedAt: z.string(),
});

const statusChangeSchema = z.object({
  from: z.enum(ASSIGNMENT_STATUSES).nullable(),
  to: z.enum(ASSIGNMENT_STATUSES),
  at: z.string(),
  comment: z.string(),
  decisionReference: z.string(),
  changedBy: z.string().optional().describe('Members of the organisation only'),
});

const assignmentDetailSchema = assignmentSchema.extend({ statusHistory: z.array(statusChangeSchema) });

// Documents the write body; the command parses it again with the rules and messages forms get.
const assignmentBody = z.object({
  reference: z.string().optional(),
  title: z.string(),
  body: z.string().optional(),
  year: z.coerce.number().int(),
  issuerBodyId: z.string(),
  target: z.enum(TARGETS).optional(),
  leadBodyId: z.string().nullable().optional().describe('Required when target is bodies'),
  coBodyIds: z.array(z.string()).optional(),
  targetNote: z.string().optional(),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceTitle: z.string().optional(),
  registrationNumber: z.string().optional().describe('Diarienummer, e.g. "KS 2017/0406"; required for a decision'),
  decisionDate: z.string().nullable().optional(),
  deadline: z.string().nullable().optional().describe('On or after decisionDate'),
  focusAreaIds: z.array(z.string()).optional(),
  goalIds: z.array(z.string()).optional(),
});

const orgQuery = z.object({ organisation: z.string().max(63).optional() });
const idParams = z.object({ id: z.uuid() });

function apiRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  async function detailJson(req: FastifyRequest, org: OrgRef, row: AssignmentRow) {
    const visibility = visibilityFor(req.actor, org.id);
    const [rel, history] = await Promise.all([loadRelations(db, org.id, [row], visibility, req.locale), statusHistory(db, org.id, row.id)]);
    return { ...assignmentJson(row, rel, todayInSweden()), statusHistory: statusHistoryJson(history, visibility) };
  }

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assignments',
      operationId: 'listAssignments',
      summary: 'Assignments (uppdrag) with their responsible bodies; anonymous callers get published ones',
      tags: ['assignments'],
      access: 'public',
      query: orgQuery.extend({
        year: z.coerce.number().int().min(1990).max(2100).optional(),
        status: z.enum(ASSIGNMENT_STATUSES).optional(),
        body: z.uuid().optional().describe('A body: matches lead, co-responsible, or a committee/company under the all-committees target'),
        focusArea: z.uuid().optional(),
        source: z.enum(SOURCE_KINDS).optional(),
        late: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: list(assignmentSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const visibility = visibilityFor(req.actor, org.id);
      const today = todayInSweden();
      const filters: AssignmentFilters = {
        year: query.year,
        status: query.status,
        bodyId: query.body,
        focusAreaId: query.focusArea,
        sourceKind: query.source,
        late: query.late === 'true',
        today,
      };
      const { rows, total } = await listAssignments(db, org.id, filters, visibility, { limit: query.limit, offset: query.offset });
      const rel = await loadRelations(db, org.id, rows, visibility, req.locale);
      return { items: rows.map((r) => assignmentJson(r, rel, today)), total };
    },
  );

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/assignments/:id',
      operationId: 'getAssignment',
      summary: 'One assignment with its status history',
      tags: ['assignments'],
      access: 'public',
      params: idParams,
      query: orgQuery,
      response: assignmentDetailSchema,
    },
    async (req, { params, query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const row = await findAssignment(db, org.id, params.id);
      if (!row || !canAssignment(req.actor, 'read', org.id, row)) throw notFound();
      return detailJson(req, org, row);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments',
      operationId: 'createAssignment',
      summary: 'Create an assignment (status new, unpublished)',
      tags: ['assignments'],
      access: 'signed-in',
      query: orgQuery,
      body: assignmentBody,
      response: assignmentDetailSchema,
      status: 201,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createAssignment(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return detailJson(req, org, result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/assignments/:id',
      operationId: 'updateAssignment',
      summary: 'Update an assignment; send the version you read (409 if it changed since). The status changes through /status.',
      tags: ['assignments'],
      access: 'signed-in',
      params: idParams,
      query: orgQuery,
      body: assignmentBody.extend({ version: z.number().int() }),
      response: assignmentDetailSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await updateAssignment(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return detailJson(req, org, result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/status',
      operationId: 'changeAssignmentStatus',
      summary: 'Move an assignment along its lifecycle (new → ongoing → progress_reported → reported → closed; cancelled, transferred)',
      tags: ['assignments'],
      access: 'signed-in',
      params: idParams,
      query: orgQuery,
      body: z.object({
        status: z.enum(ASSIGNMENT_STATUSES),
        comment: z.string().optional().describe('Required when sending back, cancelling, transferring or reopening'),
        decisionReference: z.string().optional(),
        version: z.number().int(),
      }),
      response: assignmentDetailSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await changeAssignmentStatus(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return detailJson(req, org, result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments/bulk-status',
      operationId: 'changeAssignmentsStatus',
      summary:
        'Move many assignments to one status with one comment. Answers 202 with a background job; follow it at /api/v1/jobs/{id}. ' +
        'Each assignment changes on its own; one that cannot take the status (the lifecycle, or a newer version than the one sent) keeps it and is listed in the job result.',
      tags: ['assignments'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({
        status: z.enum(ASSIGNMENT_STATUSES),
        comment: z.string().optional().describe('Required for the assignments that are sent back, cancelled, transferred or reopened'),
        decisionReference: z.string().optional(),
        assignments: z.array(z.object({ id: z.uuid(), version: z.number().int().describe('The version you read') })).min(1).max(1000),
      }),
      response: jobSchema,
      status: 202,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await startBulkStatusChange(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return jobJson(result.value, req.ctx.t);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/publish',
      operationId: 'publishAssignment',
      summary: 'Publish an assignment, or withdraw it with "published": false',
      tags: ['assignments'],
      access: 'signed-in',
      params: idParams,
      query: orgQuery,
      body: z.object({ version: z.number().int(), published: z.boolean().default(true) }),
      response: assignmentDetailSchema,
    },
    async (req, { params, query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await publishAssignment(req.ctx, org.id, params.id, req.body, !body.published);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return detailJson(req, org, result.value);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/assignments/:id/archive',
      operationId: 'archiveAssignment',
      summary: 'Archive an assignment (nothing is deleted), or restore it with "archived": false',
      tags: ['assignments'],
      access: 'signed-in',
      params: idParams,
      query: orgQuery,
      body: z.object({ version: z.number().int(), archived: z.boolean().default(true) }),
      response: assignmentDetailSchema,
    },
    async (req, { params, query, body }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await archiveAssignment(req.ctx, org.id, params.id, req.body, !body.archived);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return detailJson(req, org, result.value);
    },
  );
}
