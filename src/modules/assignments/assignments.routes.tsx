// The assignments' HTML pages: the list with its filters, CSV and bulk status form, the record page with
// its status form and buttons, and the create/edit form. The JSON API is in assignments.api.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isMember } from '../../core/context';
import { exportRoutes, sendTable } from '../../core/export';
import { notFound, type ConflictError, type FieldErrors } from '../../core/errors';
import { conflictFields, formBody, handleForm } from '../../core/http/forms';
import { archiveConfirmation } from '../../core/html/confirm';
import { buttonActionRoutes, confirmFirst, parseFilters, routeOrg, routeOrgAndId, type ConfirmStep } from '../../core/http/routes';
import { renderPanels } from '../../core/html/panels';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { authorize } from '../../core/policy';
import { formInput } from '../../core/validation';
import { isOwnBodyKind, listBodies } from '../organisations';
import { archiveAssignment } from './commands/archive-assignment';
import { changeAssignmentStatus } from './commands/change-assignment-status';
import { createAssignment } from './commands/create-assignment';
import { publishAssignment } from './commands/publish-assignment';
import { startBulkStatusChange } from './commands/start-bulk-status-change';
import { updateAssignment } from './commands/update-assignment';
import { assignmentApiRoutes } from './assignments.api';
import { bulkStatusConfirmation } from './bulk-status.confirm';
import { canAssignment, visibilityFor } from './assignments.policy';
import { presentAssignment, presentStatusHistory } from './assignments.presenter';
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
import { assignmentInput, assignmentListFilters, assignmentUpdate, bulkStatusInput, statusChangeInput, versionInput, type AssignmentListFilters } from './assignments.schema';
import type { ResponsibleRole } from './assignments.tables';
import { AssignmentFormPage, type AssignmentFormValues } from './views/assignment-form';
import { AssignmentPage, type StatusFormValues } from './views/assignment-page';
import { AssignmentsPage, type BulkFormValues, type ListFilterValues } from './views/assignments-list';

const PAGE_SIZE = 50;

type ListQuery = AssignmentListFilters;

/** The query's filters; only members may ask for archived assignments too. */
function filtersOf(q: ListQuery, member: boolean, today: string): AssignmentFilters {
  return {
    year: q.year,
    status: q.status,
    bodyId: q.body,
    focusAreaId: q.focusArea,
    sourceKind: q.source,
    late: q.late,
    includeArchived: member && q.archived,
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

  async function filterOptions(org: OrgRef, req: FastifyRequest) {
    const [years, bodies, focusAreas] = await Promise.all([yearOptions(db, org.id), listBodies(db, org.id, { locale: req.locale }), focusAreaOptions(db, org.id, req.locale)]);
    return {
      years,
      bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
      focusAreas: focusAreas.map((f) => ({ value: f.id, label: f.name })),
    };
  }

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrgRef,
    { filters: q, errors: filterErrors }: { filters: ListQuery; errors: FieldErrors | undefined },
    bulkForm?: { values: BulkFormValues; errors: FieldErrors },
  ) {
    const visibility = visibilityFor(req.actor, org.id);
    const today = todayInSweden();
    const filters = filtersOf(q, isMember(req.actor, org.id), today);
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
        filterErrors={filterErrors}
        options={options}
        rows={page.rows.map((r) => presentAssignment(r, rel, req.actor, v.t, today))}
        total={page.total}
        counts={counts}
        lateCount={late.total}
        page={{ limit: PAGE_SIZE, offset: q.offset }}
        href={(overrides) => `/o/${org.slug}/assignments${queryString(q, overrides)}`}
        exportQuery={queryString(q, { offset: undefined })}
        canCreate={canAssignment(req.actor, 'create', org.id)}
        member={isMember(req.actor, org.id)}
        {...(canAssignment(req.actor, 'status', org.id) ? { bulk: { query: queryString(q).slice(1), ...bulkForm } } : {})}
      />
    );
  }

  const listFilters = (query: unknown, req: FastifyRequest) => parseFilters(assignmentListFilters, query, req.ctx.t);

  app.get('/o/:org/assignments', async (req, reply) => {
    const org = await routeOrg(req);
    return sendHtml(reply, await listPage(req, reply, org, listFilters(req.query, req)));
  });

  // Ticked assignments and one new status: the changes are made by a background job, followed on its page.
  app.post('/o/:org/assignments/bulk-status', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    const list = listFilters(Object.fromEntries(new URLSearchParams(asText(input.query) ?? '')), req);
    // Each ticked box is "id:version": the assignment and the version the user saw.
    const ticked = asList(input.assignments).map((item) => {
      const [id, version] = item.split(':');
      return { id, version };
    });
    const values: BulkFormValues = {
      selected: ticked.map((item) => item.id!),
      status: asText(input.newStatus),
      comment: asText(input.comment),
      decisionReference: asText(input.decisionReference),
    };
    const command = formInput(bulkStatusInput, { assignments: ticked, status: input.newStatus, comment: input.comment, decisionReference: input.decisionReference });
    // Many records change at once and cannot be put back in one step: the page says which, and asks.
    const back = `/o/${org.slug}/assignments${asText(input.query) ? `?${asText(input.query)}` : ''}`;
    if (await confirmFirst(req, reply, org, () => bulkStatusConfirmation(req, org, command, back))) return reply;
    return handleForm(reply, () => startBulkStatusChange(req.ctx, org.id, command), {
      success: (job) => ({ to: `/o/${org.slug}/jobs/${job.id}`, flash: 'assignments.bulk.started' }),
      rerender: (errors) => listPage(req, reply, org, list, { values, errors: bulkErrors(errors) }),
    });
  });

  exportRoutes(app, 'assignments', async (req, reply, format) => {
    const org = await routeOrg(req);
    const visibility = visibilityFor(req.actor, org.id);
    const q = listFilters(req.query, req).filters;
    const today = todayInSweden();
    const { rows } = await listAssignments(db, org.id, filtersOf(q, isMember(req.actor, org.id), today), visibility);
    const rel = await loadRelations(db, org.id, rows, visibility, req.locale);
    const t = req.ctx.t;
    const views = rows.map((r) => presentAssignment(r, rel, req.actor, t, today));
    const names = (a: (typeof views)[number], role: ResponsibleRole) =>
      a.bodies
        .filter((b) => b.role === role)
        .map((b) => b.name)
        .join('; ');
    return sendTable(
      reply,
      format,
      `${org.slug}-assignments`,
      [
        { header: 'id', value: (a) => a.id, only: 'csv' },
        { header: t('assignments.reference'), value: (a) => a.reference },
        { header: t('assignments.name'), value: (a) => a.title },
        { header: t('assignments.year'), value: (a) => a.year, kind: 'number' },
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
        { header: t('assignments.decision_date'), value: (a) => a.decisionDate, kind: 'date' },
        { header: t('assignments.deadline'), value: (a) => a.deadline, kind: 'date' },
        { header: t('assignments.focus_areas'), value: (a) => a.focusAreas.map((f) => f.name).join('; ') },
        { header: t('assignments.published'), value: (a) => t(a.published ? 'form.yes' : 'form.no') },
      ],
      views,
      { sheetName: t('nav.assignments') },
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
          // Only the municipality's own bodies issue and lead (external actors may be co-responsible).
          ownBodies: bodies
            .filter((b) => (b.archived_at === null && isOwnBodyKind(b.kind)) || b.id === values.issuerBodyId || b.id === values.leadBodyId)
            .map((b) => ({ value: b.id, label: b.name })),
          focusAreas: focusAreas.map((f) => ({ value: f.id, label: f.name })),
          goals: goals.map((g) => ({ value: g.id, label: [g.reference, g.title].filter(Boolean).join(' ') })),
        }}
      />
    );
  }

  app.get('/o/:org/assignments/new', async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canAssignment(req.actor, 'create', org.id));
    const years = await yearOptions(db, org.id);
    const thisYear = new Date().getFullYear();
    const year = years.includes(thisYear) ? thisYear : years[0];
    return sendHtml(reply, await formPage(req, reply, org, 'new', { target: 'bodies', sourceKind: 'budget', ...(year ? { year: String(year) } : {}) }));
  });

  app.post('/o/:org/assignments', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    return handleForm(reply, () => createAssignment(req.ctx, org.id, formInput(assignmentInput, input)), {
      success: (a) => ({ to: `/o/${org.slug}/assignments/${a.id}`, flash: 'form.created' }),
      rerender: (errors) => formPage(req, reply, org, 'new', valuesFromInput(input), { errors }),
    });
  });

  async function detailPage(
    req: FastifyRequest,
    reply: FastifyReply,
    org: OrgRef,
    id: string,
    forms: { statusForm?: { values: StatusFormValues; errors?: FieldErrors; conflict?: ConflictError }; errors?: FieldErrors } = {},
  ) {
    const { statusForm } = forms;
    const row = await findAssignment(db, org.id, id);
    // Unpublished assignments do not exist for the public, not even as a refusal.
    if (!row || !canAssignment(req.actor, 'read', org.id, row)) throw notFound();
    const visibility = visibilityFor(req.actor, org.id);
    const [rel, history, panels] = await Promise.all([
      loadRelations(db, org.id, [row], visibility, req.locale),
      statusHistory(db, org.id, row.id),
      renderPanels(req.ctx, org, 'assignment', row.id),
    ]);
    const v = view(req, reply, org);
    const a = presentAssignment(row, rel, req.actor, v.t, todayInSweden());
    return (
      <AssignmentPage
        v={v}
        org={org}
        a={a}
        history={presentStatusHistory(history, v.t, visibility)}
        member={isMember(req.actor, org.id)}
        panels={panels}
        errors={forms.errors}
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
    const { org, id } = await routeOrgAndId(req);
    return sendHtml(reply, await detailPage(req, reply, org, id));
  });

  app.get('/o/:org/assignments/:id/edit', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    authorize(req.actor, canAssignment(req.actor, 'update', org.id));
    const row = await findAssignment(db, org.id, id);
    if (!row) throw notFound();
    return sendHtml(reply, await formPage(req, reply, org, 'edit', valuesFromRow(row, await linkIds(db, org.id, id)), { id }));
  });

  app.post('/o/:org/assignments/:id', async (req, reply) => {
    const { org, id } = await routeOrgAndId(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateAssignment(req.ctx, org.id, id, formInput(assignmentUpdate, input)), {
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
    const { org, id } = await routeOrgAndId(req);
    const input = formBody(req.body);
    const values: StatusFormValues = { status: asText(input.status), comment: asText(input.comment), decisionReference: asText(input.decisionReference) };
    return handleForm(reply, () => changeAssignmentStatus(req.ctx, org.id, id, formInput(statusChangeInput, input)), {
      success: (a) => ({ to: `/o/${org.slug}/assignments/${a.id}`, flash: 'assignments.status_changed' }),
      rerender: (errors, conflict) => detailPage(req, reply, org, id, { statusForm: { values, errors, ...(conflict ? { conflict } : {}) } }),
    });
  });

  // The buttons on an assignment's page; publish and archive are undone by the same commands.
  const button = (command: typeof publishAssignment, undo: boolean) => (req: FastifyRequest, org: OrgRef, id: string, input: Record<string, unknown>) =>
    command(req.ctx, org.id, id, formInput(versionInput, input), undo);
  /** Archiving asks first, naming the assignment; one already archived has nothing to confirm. */
  const confirmArchive: ConfirmStep = async (req, org, id) => {
    authorize(req.actor, canAssignment(req.actor, 'archive', org.id));
    const a = await findAssignment(db, org.id, id);
    if (!a || a.archived_at !== null) return undefined;
    return archiveConfirmation(req.ctx.t, { name: a.reference ? `${a.reference} ${a.title}` : a.title, cancel: `/o/${org.slug}/assignments/${id}` });
  };
  buttonActionRoutes(app, {
    path: 'assignments',
    actions: {
      publish: { run: button(publishAssignment, false), flash: 'assignments.published_flash' },
      unpublish: { run: button(publishAssignment, true), flash: 'assignments.unpublished_flash' },
      archive: { run: button(archiveAssignment, false), flash: 'form.archived', confirm: confirmArchive },
      restore: { run: button(archiveAssignment, true), flash: 'form.restored' },
    },
    page: async (req, reply, org, id, errors, status) => sendHtml(reply, await detailPage(req, reply, org, id, { errors }), status),
  });

  assignmentApiRoutes(app);
}
