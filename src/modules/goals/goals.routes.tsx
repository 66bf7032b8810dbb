// Routes for goals: HTML pages and the JSON API, both calling the same commands; and the Agenda 2030 list.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../core/export';
import { isMember } from '../../core/context';
import { ConflictError, type FieldErrors } from '../../core/errors';
import { apiRoute, list, pageQuery } from '../../core/http/api';
import { apiOrganisation } from '../../core/http/core-routes';
import { routeOrg } from '../../core/http/routes';
import { renderPanels } from '../../core/html/panels';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { authorize } from '../../core/policy';
import { isUuid } from '../../core/validation';
import { findBody, isOwnBodyKind, listBodies, listFocusAreas } from '../organisations';
import { archiveGoal } from './commands/archive-goal';
import { createGoal } from './commands/create-goal';
import { publishGoal } from './commands/publish-goal';
import { updateGoal } from './commands/update-goal';
import { canPlan, canRead } from './goals.policy';
import { goalJson, goalLabel, presentGoal, presentGoalTree, yearsLabel } from './goals.presenter';
import { findGoal, goalsByIds, goalYears, listDirections, listGoals, parentChoices, subGoals, type Goal, type GoalRow } from './goals.queries';
import { goalFilters, goalInput, goalUpdate } from './goals.schema';
import { apiListQuery, apiVisibility, listFilters, listPageProps, planRecordRoutes, publicationFields, statusLabel, visibility, type FormExtra } from './plan.routes';
import { compareSdgCodes, isSdgCode, loadSdg } from './sdg';
import { GoalFormPage, GoalPage, GoalsPage, type GoalFilterValues, type GoalFormValues } from './views/goals';

const PAGE_SIZE = 100;
type Req = FastifyRequest;
type Reply = FastifyReply;

/** Form values as a browser sent them: lists may arrive as one string or many. */
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

function formValues(input: Record<string, unknown>): GoalFormValues {
  const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
  return {
    bodyId: s('bodyId'),
    parentId: s('parentId'),
    reference: s('reference'),
    title: s('title'),
    description: s('description'),
    yearFrom: s('yearFrom'),
    yearTo: s('yearTo'),
    sortOrder: s('sortOrder'),
    focusAreaIds: asList(input.focusAreaIds),
    sdgCodes: asList(input.sdgCodes),
    version: s('version'),
  } as GoalFormValues;
}

function toForm(g: Goal): GoalFormValues {
  return {
    bodyId: g.body_id,
    parentId: g.parent_id ?? '',
    reference: g.reference,
    title: g.title,
    description: g.description,
    yearFrom: g.year_from,
    yearTo: g.year_to ?? '',
    sortOrder: g.sort_order,
    focusAreaIds: g.focus_area_ids,
    sdgCodes: g.sdg_codes,
    version: g.version,
  };
}

const FIELD_LABELS: Record<string, string> = {
  bodyId: 'goals.body',
  parentId: 'goals.parent',
  reference: 'goals.reference',
  title: 'goals.title_field',
  description: 'goals.description',
  yearFrom: 'goals.year_from',
  yearTo: 'goals.year_to',
  sortOrder: 'goals.sort_order',
  focusAreaIds: 'goals.focus_areas',
  sdgCodes: 'goals.sdg',
};

export function goalRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  async function filterOptions(req: Req, org: OrgRef) {
    const [years, bodies, areas] = await Promise.all([goalYears(db, org.id), listBodies(db, org.id, { locale: req.locale }), listFocusAreas(db, org.id, { locale: req.locale })]);
    const sv = req.locale === 'sv';
    return {
      years,
      bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
      focusAreas: areas.map((f) => ({ value: f.id, label: f.name })),
      sdg: loadSdg().goals.map((g) => ({ value: g.code, label: `${g.code}. ${sv ? g.shortSv : g.shortEn}` })),
    };
  }

  const readFilters = (req: Req) => listFilters(req, goalFilters);
  const queryFilters = (req: Req, org: OrgRef, f: GoalFilterValues) => ({ year: f.year, bodyId: f.body, focusAreaId: f.focusArea, sdg: f.sdg, ...visibility(req, org, f.archived) });

  app.get('/o/:org/goals', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters, offset, errors } = readFilters(req);
    const [result, options, areas] = await Promise.all([
      listGoals(db, org.id, { ...queryFilters(req, org, filters), limit: PAGE_SIZE, offset }),
      filterOptions(req, org),
      listFocusAreas(db, org.id, { includeArchived: true }),
    ]);
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <GoalsPage
        v={v}
        org={org}
        tree={presentGoalTree(result.items, { actor: req.actor, locale: req.locale, t: v.t, focusAreas: areas })}
        options={options}
        {...listPageProps(req, org, { total: result.total, limit: PAGE_SIZE, offset, filters, errors })}
      />,
      errors ? 400 : 200,
    );
  });

  exportRoutes(app, 'goals', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { filters } = readFilters(req);
    const [{ items }, areas] = await Promise.all([listGoals(db, org.id, queryFilters(req, org, filters)), listFocusAreas(db, org.id, { includeArchived: true })]);
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    const parentIds = [...new Set(items.map((g) => g.parent_id).filter((id): id is string => id !== null))];
    const parents = new Map<string, GoalRow>((await goalsByIds(db, org.id, parentIds)).filter((p) => canRead(req.actor, p)).map((p) => [p.id, p]));
    const t = req.ctx.t;
    return sendTable<(typeof items)[number]>(
      reply,
      format,
      `${org.slug}-goals`,
      [
        { header: 'id', value: (g) => g.id, only: 'csv' },
        { header: t('goals.reference'), value: (g) => g.reference },
        { header: t('goals.title_field'), value: (g) => g.title },
        { header: t('goals.body'), value: (g) => g.body_name },
        { header: t('goals.parent'), value: (g) => (g.parent_id && parents.has(g.parent_id) ? goalLabel(parents.get(g.parent_id)!) : '') },
        { header: t('goals.year_from'), value: (g) => g.year_from, kind: 'number' },
        { header: t('goals.year_to'), value: (g) => g.year_to, kind: 'number' },
        { header: t('goals.focus_areas'), value: (g) => g.focus_area_ids.map((id) => areaNames.get(id) ?? id).join('; ') },
        { header: t('goals.sdg'), value: (g) => g.sdg_codes.join(', ') },
        { header: t('goals.status'), value: (g) => statusLabel(t, g) },
        { header: t('goals.published_at'), value: (g) => g.published_at, kind: 'datetime' },
        { header: t('goals.description'), value: (g) => g.description },
      ],
      items,
      { sheetName: t('nav.goals') },
    );
  });

  async function formPage(req: Req, reply: Reply, org: OrgRef, mode: 'new' | 'edit', values: GoalFormValues, extra: FormExtra<Goal> = {}) {
    const v = view(req, reply, org);
    const [bodies, goals, areas] = await Promise.all([
      listBodies(db, org.id, { includeArchived: true, locale: req.locale }),
      parentChoices(db, org.id, req.locale),
      listFocusAreas(db, org.id, { includeArchived: true, locale: req.locale }),
    ]);
    const current = extra.current;
    // A goal cannot sit below itself or below one of its own sub-goals.
    const below = new Set<string>(extra.id ? [extra.id] : []);
    for (let grew = below.size > 0; grew; ) {
      grew = false;
      for (const g of goals) {
        if (g.parent_id && below.has(g.parent_id) && !below.has(g.id)) {
          below.add(g.id);
          grew = true;
        }
      }
    }
    return (
      <GoalFormPage
        v={v}
        org={org}
        mode={mode}
        id={extra.id}
        values={values}
        errors={extra.errors}
        conflict={extra.conflict}
        bodies={bodies.filter((b) => (b.archived_at === null && isOwnBodyKind(b.kind)) || b.id === current?.body_id || b.id === values.bodyId).map((b) => ({ value: b.id, label: b.name }))}
        parents={goals.filter((g) => !below.has(g.id)).map((g) => ({ value: g.id, label: `${goalLabel(g)} (${g.body_name}, ${yearsLabel(v.t, g.year_from, g.year_to)})` }))}
        focusAreas={areas.filter((a) => a.archived_at === null || current?.focus_area_ids.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))}
        sdg={loadSdg().goals}
      />
    );
  }

  app.get('/o/:org/goals/new', async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canPlan(req.actor, 'create', org.id));
    // "Add a sub-goal" links here with the parent, so the form starts from it.
    const parentId = (req.query as { parentId?: unknown }).parentId;
    const parent = isUuid(parentId) ? await findGoal(db, org.id, parentId) : undefined;
    const values: GoalFormValues = parent ? { parentId: parent.id, yearFrom: parent.year_from, yearTo: parent.year_to ?? '', focusAreaIds: parent.focus_area_ids, sdgCodes: [] } : {};
    return sendHtml(reply, await formPage(req, reply, org, 'new', values));
  });

  async function goalPage(req: Req, reply: Reply, org: OrgRef, goal: Goal, errors?: FieldErrors, status = 200) {
    const internal = isMember(req.actor, org.id);
    // The page leads on: the adopting body's direction in the goal's years, then what other modules link to the goal (panels).
    const [body, parent, children, areas, directions, panels] = await Promise.all([
      findBody(db, org.id, goal.body_id),
      goal.parent_id ? findGoal(db, org.id, goal.parent_id) : undefined,
      subGoals(db, org.id, goal.id, { publishedOnly: !internal, locale: req.locale }),
      listFocusAreas(db, org.id, { includeArchived: true }),
      listDirections(db, org.id, { bodyId: goal.body_id, publishedOnly: !internal, locale: req.locale }),
      renderPanels(req.ctx, org, 'goal', goal.id),
    ]);
    const v = view(req, reply, org);
    const ctx = { actor: req.actor, locale: req.locale, t: v.t, focusAreas: areas };
    return sendHtml(
      reply,
      <GoalPage
        v={v}
        org={org}
        goal={presentGoal(goal, { ...ctx, bodyName: body?.name ?? '' })}
        parent={parent && canRead(req.actor, parent) ? presentGoal(parent, ctx) : undefined}
        subGoals={children.map((c) => presentGoal(c, ctx))}
        directions={directions.items
          .filter((d) => d.year >= goal.year_from && (goal.year_to === null || d.year <= goal.year_to))
          .map((d) => ({ id: d.id, label: d.title.includes(String(d.year)) ? d.title : [d.year, d.title].filter(Boolean).join(' – ') }))}
        panels={panels}
        errors={errors}
      />,
      status,
    );
  }

  /** The changed fields of a stale edit with their current values in words (names, not ids). */
  async function conflictView(req: Req, org: OrgRef, conflict: ConflictError): Promise<{ label: string; current: string }[]> {
    const t = req.ctx.t;
    const cur = conflict.current as ReturnType<typeof goalJson>;
    const [bodies, areas] = await Promise.all([listBodies(db, org.id, { includeArchived: true }), listFocusAreas(db, org.id, { includeArchived: true })]);
    const parent = cur.parentId ? await findGoal(db, org.id, cur.parentId) : undefined;
    const shown: Record<string, string> = {
      bodyId: bodies.find((b) => b.id === cur.bodyId)?.name ?? '',
      parentId: parent ? goalLabel(parent) : '',
      reference: cur.reference,
      title: cur.title,
      description: cur.description,
      yearFrom: String(cur.yearFrom),
      yearTo: cur.yearTo === null ? '' : String(cur.yearTo),
      sortOrder: String(cur.sortOrder),
      focusAreaIds: cur.focusAreaIds.map((fid) => areas.find((a) => a.id === fid)?.name ?? fid).join(', '),
      sdgCodes: [...cur.sdgCodes].sort(compareSdgCodes).join(', '),
    };
    return conflict.changedFields.filter((f) => f in FIELD_LABELS).map((f) => ({ label: t(FIELD_LABELS[f]!), current: shown[f] ?? '' }));
  }

  // JSON API
  const goalSchema = z.object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    description: z.string(),
    bodyId: z.uuid(),
    parentId: z.uuid().nullable(),
    yearFrom: z.number().int(),
    yearTo: z.number().int().nullable(),
    focusAreaIds: z.array(z.uuid()),
    sdgCodes: z.array(z.string()).describe('Agenda 2030 goals ("11") and targets ("11.1"); titles from /api/v1/sdg'),
    sortOrder: z.number().int(),
    ...publicationFields,
  });

  planRecordRoutes(app, {
    path: 'goals',
    noun: 'Goal',
    find: findGoal,
    create: { schema: goalInput, command: createGoal, summary: 'Create a goal (unpublished until published)' },
    update: { schema: goalUpdate, command: updateGoal, summary: 'Update a goal; send the version you read (409 with the current goal if it changed since)' },
    publish: publishGoal,
    archive: archiveGoal,
    page: goalPage,
    form: formPage,
    toForm,
    fromForm: formValues,
    conflict: conflictView,
    api: {
      response: goalSchema,
      json: goalJson,
      getSummary: 'One goal',
      summaries: {
        publish: 'Publish a goal: it becomes public',
        unpublish: 'Take a goal back from the public view',
        archive: 'Archive a goal (nothing is deleted)',
        restore: 'Restore an archived goal',
      },
    },
  });


  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/goals',
      operationId: 'listGoals',
      summary: 'Goals at every level (council goals, committee goals …); anonymous callers get published goals',
      tags: ['goals'],
      access: 'public',
      query: apiListQuery.extend({
        year: apiListQuery.shape.year.describe('Goals in force that year'),
        body: apiListQuery.shape.body.describe('The adopting body'),
        focusArea: z.uuid().optional(),
        sdg: z.string().max(8).refine(isSdgCode, 'goals.error.sdg_unknown').optional().describe('An Agenda 2030 goal ("11", with its targets) or target ("11.1")'),
      }),
      response: list(goalSchema),
    },
    async (req, { query }) => {
      const org = await apiOrganisation(req, query.organisation);
      const { items, total } = await listGoals(db, org.id, { year: query.year, bodyId: query.body, focusAreaId: query.focusArea, sdg: query.sdg, ...apiVisibility(req, org, query) });
      return { items: items.map(goalJson), total };
    },
  );

  const sdgSchema = z.object({
    goal: z.number().int(),
    code: z.string(),
    titleSv: z.string(),
    titleEn: z.string(),
    shortSv: z.string(),
    shortEn: z.string(),
    targets: z.array(z.object({ code: z.string(), textEn: z.string(), textSv: z.string().nullable().describe('null where no official Swedish text is available') })),
  });
  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/sdg',
      operationId: 'listSdg',
      summary: 'The Agenda 2030 reference list: 17 goals and their targets, in Swedish and English',
      tags: ['goals'],
      access: 'public',
      query: z.object({ ...pageQuery }),
      response: list(sdgSchema),
    },
    async (_req, { query }) => {
      const goals = loadSdg().goals;
      return {
        items: goals.slice(query.offset, query.offset + query.limit).map((g) => ({ ...g, targets: g.targets.map((t) => ({ code: t.code, textEn: t.textEn, textSv: t.textSv })) })),
        total: goals.length,
      };
    },
  );
}
