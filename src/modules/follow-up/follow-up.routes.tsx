// HTML routes for follow-up: the reporting page, one page per status report or goal assessment with
// its workflow steps, and the public page. The same commands serve the JSON API; each kind's routes
// are the same code driven by its descriptor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ANONYMOUS, isMember, type Actor } from '../../core/context';
import { exportRoutes, sendTable } from '../../core/export';
import { AppError, ConflictError, forbidden, notFound, type FieldErrors } from '../../core/errors';
import { handleForm } from '../../core/http/forms';
import { buttonActionRoutes, routeOrg, routeOrgAndId } from '../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import { formInput, optionalUuid } from '../../core/validation';
import { listBodies } from '../organisations';
import { GOAL_ASSESSMENT, ITEM_KINDS, STATUS_REPORT, type ItemKind, type ItemKindName } from './follow-up.kinds';
import { assignmentFacts, goalFacts, presentItem, presentLine, presentNewItem, presentProgress, valueLabel, type ItemView } from './follow-up.presenter';
import {
  assessableGoals,
  bodyProgress,
  currentPeriod,
  findBodyRef,
  findItem,
  findItemId,
  findPeriod,
  listItems,
  listPeriods,
  reportableAssignments,
  type BodyRef,
  type ItemDetail,
  type PeriodRow,
} from './follow-up.queries';
import { returnInput, stepInput } from './follow-up.schema';
import { reportTargets, saveItem, stepItem } from './follow-up.workflow';
import { ItemPage, type ItemFormValues } from './views/item';
import { PublicPage, type PublicGroup } from './views/public';
import { ReportingPage } from './views/reporting';

// Filters in a GET form: a value that does not parse is read as "not chosen", never an error page.
const chosen = () => optionalUuid().catch(undefined);
const pickQuery = z.object({ period: chosen(), body: chosen() });
const newItemQuery = pickQuery.extend({ assignment: chosen(), goal: chosen() });

/** Everything bulk readers (CSV, the public page) take in one go. */
const ALL = { limit: 100_000, offset: 0 };

const periodOptions = (periods: PeriodRow[], t: Translate) =>
  periods.map((p) => ({ value: p.id, label: p.status === 'closed' ? `${p.name} (${t('period.status.closed').toLocaleLowerCase(t.locale)})` : p.name }));

/** A reporter picks among their own bodies; everyone else in the organisation among all of them. */
async function bodiesFor(db: FastifyInstance['database']['db'], org: OrgRef, actor: Actor, locale: 'sv' | 'en'): Promise<BodyRef[]> {
  const all = await listBodies(db, org.id, { locale });
  return actor.kind === 'user' && actor.role === 'reporter' ? all.filter((b) => actor.bodyIds.includes(b.id)) : all;
}

const isReporter = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'reporter';

export function followUpRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  /** The period and body the reporting page shows; a reporter asking for another body's page is refused. */
  async function reportingSelection(req: FastifyRequest, org: OrgRef) {
    const q = pickQuery.parse(req.query ?? {});
    const periods = await listPeriods(db, org.id);
    const period = (q.period ? periods.find((p) => p.id === q.period) : undefined) ?? currentPeriod(periods);
    const bodies = await bodiesFor(db, org, req.actor, req.locale);
    if (q.body && isReporter(req.actor) && !bodies.some((b) => b.id === q.body)) throw forbidden('followup.error.not_your_body');
    const body = q.body ? bodies.find((b) => b.id === q.body) : isReporter(req.actor) ? bodies[0] : undefined;
    return { periods, period, bodies, body };
  }

  app.get('/o/:org/follow-up', async (req, reply) => {
    const org = await routeOrg(req);
    // The public reads approved follow-up on its own page.
    if (!isMember(req.actor, org.id)) return reply.redirect(`/o/${org.slug}/follow-up/public`, 303);
    const { periods, period, bodies, body } = await reportingSelection(req, org);
    const v = view(req, reply, org);
    const [assignments, goals, progress] = await Promise.all([
      period && body ? reportableAssignments(db, org.id, period, body) : Promise.resolve([]),
      period && body ? assessableGoals(db, org.id, period, body) : Promise.resolve([]),
      period && !body && !isReporter(req.actor) ? bodyProgress(db, org.id, period, { publicOnly: false }, req.locale) : Promise.resolve(undefined),
    ]);
    return sendHtml(
      reply,
      <ReportingPage
        v={v}
        org={org}
        periods={periodOptions(periods, v.t)}
        bodies={bodies.map((b) => ({ value: b.id, label: b.name }))}
        bodyOptional={!isReporter(req.actor)}
        periodId={period?.id}
        bodyId={body?.id}
        periodName={period?.name}
        periodClosed={period?.status === 'closed'}
        bodyName={body?.name}
        assignments={period && body ? assignments.map((a) => presentLine(STATUS_REPORT, org.slug, org.id, period, body, { ...a, facts: assignmentFacts(a, v.t) }, req.actor, v.t)) : []}
        goals={period && body ? goals.map((g) => presentLine(GOAL_ASSESSMENT, org.slug, org.id, period, body, { ...g, facts: goalFacts(g, v.t), report: g.assessment }, req.actor, v.t)) : []}
        progress={period && progress ? presentProgress(period, progress) : undefined}
        noBodies={isReporter(req.actor) && bodies.length === 0}
      />,
    );
  });

  exportRoutes(app, 'follow-up', async (req, reply, format) => {
    const org = await routeOrg(req);
    if (!isMember(req.actor, org.id)) throw new AppError(req.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
    const { period, body } = await reportingSelection(req, org);
    if (!period || !body) throw notFound();
    const t = req.ctx.t;
    const [assignments, goals] = await Promise.all([reportableAssignments(db, org.id, period, body), assessableGoals(db, org.id, period, body)]);
    type Line = { kind: ItemKindName; reference: string; title: string; state: string; value: string; comment: string };
    const lines: Line[] = [
      ...assignments.map((a) => ({ kind: 'status_report' as const, reference: a.reference, title: a.title, state: a.report?.state ?? 'none', value: a.report?.value ?? '', comment: a.report?.comment ?? '' })),
      ...goals.map((g) => ({ kind: 'goal_assessment' as const, reference: g.reference, title: g.title, state: g.assessment?.state ?? 'none', value: g.assessment?.value ?? '', comment: g.assessment?.comment ?? '' })),
    ];
    return sendTable<Line>(reply, format, `${org.slug}-follow-up-${period.year}`, [
      { header: t('followup.period'), value: () => period.name },
      { header: t('followup.body'), value: () => body.name },
      { header: t('followup.csv.kind'), value: (l) => t(`followup.kind.${l.kind}`) },
      { header: t('followup.csv.reference'), value: (l) => l.reference },
      { header: t('followup.csv.title'), value: (l) => l.title },
      { header: t('followup.state'), value: (l) => t(`followup.state.${l.state}`) },
      { header: t('followup.csv.value'), value: (l) => (l.value ? valueLabel(l.kind, l.value, t) : '') },
      { header: t('followup.comment'), value: (l) => l.comment },
    ], lines, { sheetName: body.name });
  });

  // --- The public page ------------------------------------------------------------------------

  async function publicSelection(req: FastifyRequest, org: OrgRef) {
    const q = pickQuery.parse(req.query ?? {});
    const periods = await listPeriods(db, org.id);
    let period = q.period ? periods.find((p) => p.id === q.period) : undefined;
    if (!period) {
      // Open on the latest period that has something public to show.
      const latest = await Promise.all(ITEM_KINDS.map((kind) => listItems(db, kind, org.id, { readBy: ANONYMOUS }, { limit: 1, offset: 0 })));
      const withData = latest.map((l) => l.rows[0]).filter((r) => r !== undefined).sort((a, b) => b.period_starts_on.localeCompare(a.period_starts_on))[0];
      period = periods.find((p) => p.id === withData?.period_id) ?? currentPeriod(periods);
    }
    const [reports, assessments] = period
      ? await Promise.all(ITEM_KINDS.map((kind) => listItems(db, kind, org.id, { periodId: period.id, readBy: ANONYMOUS }, ALL)))
      : [{ rows: [] }, { rows: [] }];
    return { periods, period, reports: reports!.rows, assessments: assessments!.rows };
  }

  app.get('/o/:org/follow-up/public', async (req, reply) => {
    const org = await routeOrg(req);
    const { periods, period, reports, assessments } = await publicSelection(req, org);
    const v = view(req, reply, org);
    /** The kind's approved reports grouped by what they report on, each body's report under it. */
    const group = (kind: ItemKind, rows: ItemDetail[]): PublicGroup[] => {
      const groups = new Map<string, PublicGroup>();
      for (const r of rows) {
        const g = groups.get(r.target_id) ?? { id: r.target_id, reference: r.target_reference, title: r.target_title, href: `/o/${org.slug}/${kind.targetPath}/${r.target_id}`, entries: [] };
        g.entries.push({ bodyName: r.body_name, value: r.value, valueLabel: valueLabel(kind.name, r.value, v.t), comment: r.comment, href: `/o/${org.slug}/follow-up/${kind.path}/${r.id}` });
        groups.set(r.target_id, g);
      }
      return [...groups.values()];
    };
    return sendHtml(
      reply,
      <PublicPage
        v={v}
        org={org}
        periods={periodOptions(periods, v.t)}
        periodId={period?.id}
        periodName={period?.name}
        assignments={group(STATUS_REPORT, reports)}
        goals={group(GOAL_ASSESSMENT, assessments)}
      />,
    );
  });

  exportRoutes(app, 'follow-up/public', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { period, reports, assessments } = await publicSelection(req, org);
    if (!period) throw notFound();
    const t = req.ctx.t;
    type Line = { kind: ItemKindName; reference: string; title: string; body: string; value: string; comment: string; approvedAt: Date | null };
    const lines: Line[] = [
      ...reports.map((r) => ({ kind: 'status_report' as const, reference: r.target_reference, title: r.target_title, body: r.body_name, value: r.value, comment: r.comment, approvedAt: r.approved_at })),
      ...assessments.map((r) => ({ kind: 'goal_assessment' as const, reference: r.target_reference, title: r.target_title, body: r.body_name, value: r.value, comment: r.comment, approvedAt: r.approved_at })),
    ];
    return sendTable<Line>(reply, format, `${org.slug}-follow-up-public-${period.year}`, [
      { header: t('followup.period'), value: () => period.name },
      { header: t('followup.csv.kind'), value: (l) => t(`followup.kind.${l.kind}`) },
      { header: t('followup.csv.reference'), value: (l) => l.reference },
      { header: t('followup.csv.title'), value: (l) => l.title },
      { header: t('followup.body'), value: (l) => l.body },
      { header: t('followup.csv.value'), value: (l) => valueLabel(l.kind, l.value, t) },
      { header: t('followup.comment'), value: (l) => l.comment },
      { header: t('followup.state.approved'), value: (l) => l.approvedAt, kind: 'datetime' },
    ], lines, { sheetName: t('followup.public.title') });
  });

  // --- One status report or goal assessment ---------------------------------------------------

  for (const kind of ITEM_KINDS) {
    const base = (org: OrgRef) => `/o/${org.slug}/follow-up/${kind.path}`;

    const load = async (req: FastifyRequest, org: OrgRef, id: string): Promise<ItemView> => {
      const row = await findItem(db, kind, org.id, id, req.actor);
      if (!row) throw notFound();
      return presentItem(kind, org.slug, row, req.actor, req.ctx.t);
    };

    /** The target as the body reports on it in the period, with a link, or undefined if it does not. */
    const target = async (org: OrgRef, period: PeriodRow, body: BodyRef, targetId: string) => {
      const found = (await reportTargets(db, kind, org.id, period, body, targetId))[0];
      return found ? { id: found.id, reference: found.reference, title: found.title, href: `/o/${org.slug}/${kind.targetPath}/${found.id}` } : undefined;
    };

    /** The item again with what the user typed, field errors, and on a conflict what the other person saved. */
    const rerender = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, input: Record<string, unknown>, errors: FieldErrors, conflict?: ConflictError, id?: string) => {
      const periodId = String(input.periodId ?? '');
      const bodyId = String(input.bodyId ?? '');
      const targetId = String(input[kind.targetField] ?? '');
      const existingId = id ?? (conflict ? String(conflict.current.id) : await findItemId(db, kind, org.id, { periodId, bodyId, targetId }));
      let item: ItemView | undefined;
      if (existingId) item = await load(req, org, existingId);
      else {
        const [period, body] = await Promise.all([findPeriod(db, org.id, periodId), findBodyRef(db, org.id, bodyId)]);
        const found = period && body ? await target(org, period, body, targetId) : undefined;
        if (period && body && found) item = presentNewItem(kind.name, org.id, period, body, found, req.actor, req.ctx.t);
      }
      // Only a crafted request names no period, body or target a form could have shown.
      if (!item) throw new AppError('validation', Object.values(errors)[0] ?? 'error.validation', { fieldErrors: errors });
      const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : undefined);
      const values: ItemFormValues = { value: text(kind.valueColumn), comment: text('comment'), returnComment: text('returnComment') };
      const v = view(req, reply, org);
      const changed = conflict ? conflictList(kind.name, conflict, v.t) : undefined;
      return <ItemPage v={v} org={org} item={item} values={values} errors={errors} {...(changed ? { conflict: changed } : {})} />;
    };

    app.get(`/o/:org/follow-up/${kind.path}/new`, async (req, reply) => {
      const org = await routeOrg(req);
      if (!isMember(req.actor, org.id)) throw new AppError(req.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
      const q = newItemQuery.parse(req.query ?? {});
      const targetId = q[kind.targetParam];
      if (!q.period || !q.body || !targetId) throw notFound();
      if (isReporter(req.actor) && req.actor.kind === 'user' && !req.actor.bodyIds.includes(q.body)) throw forbidden('followup.error.not_your_body');
      const existing = await findItemId(db, kind, org.id, { periodId: q.period, bodyId: q.body, targetId });
      if (existing) return reply.redirect(`${base(org)}/${existing}`, 303);
      const [period, body] = await Promise.all([findPeriod(db, org.id, q.period), findBodyRef(db, org.id, q.body)]);
      const found = period && body ? await target(org, period, body, targetId) : undefined;
      if (!period || !body || !found) throw notFound();
      const v = view(req, reply, org);
      return sendHtml(reply, <ItemPage v={v} org={org} item={presentNewItem(kind.name, org.id, period, body, found, req.actor, v.t)} />);
    });

    app.post(`/o/:org/follow-up/${kind.path}`, async (req, reply) => {
      const org = await routeOrg(req);
      const input = formInput(kind.schema, req.body);
      return handleForm(reply, () => saveItem(req.ctx, kind, org.id, input), {
        success: (row) => ({ to: `${base(org)}/${row.id}`, flash: 'followup.saved' }),
        rerender: (errors, conflict) => rerender(req, reply, org, input, errors, conflict),
      });
    });

    app.get(`/o/:org/follow-up/${kind.path}/:id`, async (req, reply) => {
      const { org, id } = await routeOrgAndId(req);
      const item = await load(req, org, id);
      const v = view(req, reply, org);
      return sendHtml(reply, <ItemPage v={v} org={org} item={item} />);
    });

    // Submitting and approving are one-button forms; returning carries a reason the page keeps on an error.
    buttonActionRoutes(app, {
      path: `follow-up/${kind.path}`,
      actions: {
        submit: { run: (req, org, id, body) => stepItem(req.ctx, kind, 'submit', org.id, id, formInput(stepInput, body)), flash: 'followup.flash.submit' },
        approve: { run: (req, org, id, body) => stepItem(req.ctx, kind, 'approve', org.id, id, formInput(stepInput, body)), flash: 'followup.flash.approve' },
      },
      page: async (req, reply, org, id, errors, status) => {
        const v = view(req, reply, org);
        return sendHtml(reply, <ItemPage v={v} org={org} item={await load(req, org, id)} errors={errors} />, status);
      },
    });

    app.post(`/o/:org/follow-up/${kind.path}/:id/return`, async (req, reply) => {
      const { org, id } = await routeOrgAndId(req);
      const input = formInput(returnInput, req.body);
      return handleForm(reply, () => stepItem(req.ctx, kind, 'return', org.id, id, input), {
        success: (row) => ({ to: `${base(org)}/${row.id}`, flash: 'followup.flash.return' }),
        rerender: (errors, conflict) => rerender(req, reply, org, input, errors, conflict, id),
      });
    });
  }
}

const CONFLICT_LABELS: Record<string, string> = { progress: 'followup.progress', assessment: 'followup.assessment', comment: 'followup.comment', state: 'followup.state' };

/** What the other person saved, in words: values and states translated, not codes. */
function conflictList(kind: ItemKindName, conflict: ConflictError, t: Translate): { label: string; current: string }[] {
  const fields = conflict.changedFields.includes('state') ? conflict.changedFields : [...conflict.changedFields, 'state'];
  return fields
    .filter((f) => f in CONFLICT_LABELS)
    .map((f) => {
      const value = conflict.current[f];
      const text = value === null || value === undefined ? '' : String(value);
      const shown = f === 'state' ? t(`followup.state.${text}`) : f === 'progress' || f === 'assessment' ? valueLabel(kind, text, t) : text;
      return { label: t(CONFLICT_LABELS[f]!), current: shown };
    });
}
