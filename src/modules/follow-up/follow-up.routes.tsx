// HTML routes for follow-up: the reporting page, one page per status report or goal assessment with
// its workflow steps, and the public page. The same commands serve the JSON API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMember, type Actor } from '../../core/context';
import { sendCsv } from '../../core/csv';
import { AppError, ConflictError, forbidden, notFound, type CommandResult, type FieldErrors } from '../../core/errors';
import { formBody, handleForm } from '../../core/http/forms';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import type { Translate } from '../../core/i18n';
import { requireOrg } from '../../core/orgs';
import { listBodies } from '../organisations';
import { approveGoalAssessment } from './commands/approve-goal-assessment';
import { approveStatusReport } from './commands/approve-status-report';
import { returnGoalAssessment } from './commands/return-goal-assessment';
import { returnStatusReport } from './commands/return-status-report';
import { saveGoalAssessment } from './commands/save-goal-assessment';
import { saveStatusReport } from './commands/save-status-report';
import { submitGoalAssessment } from './commands/submit-goal-assessment';
import { submitStatusReport } from './commands/submit-status-report';
import { canReadInternal } from './follow-up.policy';
import {
  itemPath,
  presentAssignmentLine,
  presentGoalAssessment,
  presentGoalLine,
  presentNewItem,
  presentProgress,
  presentStatusReport,
  valueLabel,
  type ItemKindName,
  type ItemView,
} from './follow-up.presenter';
import {
  assessableGoals,
  bodyProgress,
  findBodyRef,
  findGoalAssessment,
  findGoalAssessmentId,
  findPeriod,
  findStatusReport,
  findStatusReportId,
  currentPeriod,
  listGoalAssessments,
  listPeriods,
  listStatusReports,
  reportableAssignments,
  type BodyRef,
  type PeriodRow,
} from './follow-up.queries';
import { ItemPage, type ItemFormValues } from './views/item';
import { PublicPage, type PublicGroup } from './views/public';
import { ReportingPage } from './views/reporting';

const blank = (v: unknown) => (v === '' ? undefined : v);
// Filters in a GET form: a value that does not parse is read as "not chosen", never an error page.
const pickQuery = z.object({
  period: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  body: z.preprocess(blank, z.uuid().optional()).catch(undefined),
});
const newItemQuery = z.object({
  period: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  body: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  assignment: z.preprocess(blank, z.uuid().optional()).catch(undefined),
  goal: z.preprocess(blank, z.uuid().optional()).catch(undefined),
});

/** Everything bulk readers (CSV, the public page) take in one go. */
const ALL = { limit: 100_000, offset: 0 };

const periodOptions = (periods: PeriodRow[], t: Translate) =>
  periods.map((p) => ({ value: p.id, label: p.status === 'closed' ? `${p.name} (${t('followup.period_closed')})` : p.name }));

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
    const org = await requireOrg(db, (req.params as { org: string }).org);
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
        assignments={period && body ? assignments.map((a) => presentAssignmentLine(org.slug, org.id, period, body, a, req.actor, v.t)) : []}
        goals={period && body ? goals.map((g) => presentGoalLine(org.slug, org.id, period, body, g, req.actor, v.t)) : []}
        progress={period && progress ? presentProgress(period, progress) : undefined}
        noBodies={isReporter(req.actor) && bodies.length === 0}
      />,
    );
  });

  app.get('/o/:org/follow-up.csv', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
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
    return sendCsv<Line>(reply, `${org.slug}-follow-up-${period.year}.csv`, [
      { header: t('followup.period'), value: () => period.name },
      { header: t('followup.body'), value: () => body.name },
      { header: t('followup.csv.kind'), value: (l) => t(`followup.kind.${l.kind}`) },
      { header: t('followup.csv.reference'), value: (l) => l.reference },
      { header: t('followup.csv.title'), value: (l) => l.title },
      { header: t('followup.state'), value: (l) => t(`followup.state.${l.state}`) },
      { header: t('followup.csv.value'), value: (l) => (l.value ? valueLabel(l.kind, l.value, t) : '') },
      { header: t('followup.comment'), value: (l) => l.comment },
    ], lines);
  });

  // --- The public page ------------------------------------------------------------------------

  async function publicSelection(req: FastifyRequest, org: OrgRef) {
    const q = pickQuery.parse(req.query ?? {});
    const periods = await listPeriods(db, org.id);
    let period = q.period ? periods.find((p) => p.id === q.period) : undefined;
    if (!period) {
      // Open on the latest period that has something public to show.
      const [report, assessment] = await Promise.all([
        listStatusReports(db, org.id, { publicOnly: true }, { limit: 1, offset: 0 }),
        listGoalAssessments(db, org.id, { publicOnly: true }, { limit: 1, offset: 0 }),
      ]);
      const withData = [report.rows[0], assessment.rows[0]].filter((r) => r !== undefined).sort((a, b) => b.period_starts_on.localeCompare(a.period_starts_on))[0];
      period = periods.find((p) => p.id === withData?.period_id) ?? currentPeriod(periods);
    }
    const [reports, assessments] = period
      ? await Promise.all([listStatusReports(db, org.id, { periodId: period.id, publicOnly: true }, ALL), listGoalAssessments(db, org.id, { periodId: period.id, publicOnly: true }, ALL)])
      : [{ rows: [] }, { rows: [] }];
    return { periods, period, reports: reports.rows, assessments: assessments.rows };
  }

  app.get('/o/:org/follow-up/public', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    const { periods, period, reports, assessments } = await publicSelection(req, org);
    const v = view(req, reply, org);
    const group = (rows: { id: string; targetId: string; reference: string; title: string; href: string; body: string; value: string; valueLabel: string; comment: string; itemHref: string }[]): PublicGroup[] => {
      const groups = new Map<string, PublicGroup>();
      for (const r of rows) {
        const g = groups.get(r.targetId) ?? { id: r.targetId, reference: r.reference, title: r.title, href: r.href, entries: [] };
        g.entries.push({ bodyName: r.body, value: r.value, valueLabel: r.valueLabel, comment: r.comment, href: r.itemHref });
        groups.set(r.targetId, g);
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
        assignments={group(
          reports.map((r) => ({
            id: r.id,
            targetId: r.assignment_id,
            reference: r.assignment_reference,
            title: r.assignment_title,
            href: `/o/${org.slug}/assignments/${r.assignment_id}`,
            body: r.body_name,
            value: r.progress,
            valueLabel: valueLabel('status_report', r.progress, v.t),
            comment: r.comment,
            itemHref: `/o/${org.slug}/follow-up/status-reports/${r.id}`,
          })),
        )}
        goals={group(
          assessments.map((r) => ({
            id: r.id,
            targetId: r.goal_id,
            reference: r.goal_reference,
            title: r.goal_title,
            href: `/o/${org.slug}/goals/${r.goal_id}`,
            body: r.body_name,
            value: r.assessment,
            valueLabel: valueLabel('goal_assessment', r.assessment, v.t),
            comment: r.comment,
            itemHref: `/o/${org.slug}/follow-up/goal-assessments/${r.id}`,
          })),
        )}
      />,
    );
  });

  app.get('/o/:org/follow-up/public.csv', async (req, reply) => {
    const org = await requireOrg(db, (req.params as { org: string }).org);
    const { period, reports, assessments } = await publicSelection(req, org);
    if (!period) throw notFound();
    const t = req.ctx.t;
    type Line = { kind: ItemKindName; reference: string; title: string; body: string; value: string; comment: string; approvedAt: Date | null };
    const lines: Line[] = [
      ...reports.map((r) => ({ kind: 'status_report' as const, reference: r.assignment_reference, title: r.assignment_title, body: r.body_name, value: r.progress, comment: r.comment, approvedAt: r.approved_at })),
      ...assessments.map((r) => ({ kind: 'goal_assessment' as const, reference: r.goal_reference, title: r.goal_title, body: r.body_name, value: r.assessment, comment: r.comment, approvedAt: r.approved_at })),
    ];
    return sendCsv<Line>(reply, `${org.slug}-follow-up-public-${period.year}.csv`, [
      { header: t('followup.period'), value: () => period.name },
      { header: t('followup.csv.kind'), value: (l) => t(`followup.kind.${l.kind}`) },
      { header: t('followup.csv.reference'), value: (l) => l.reference },
      { header: t('followup.csv.title'), value: (l) => l.title },
      { header: t('followup.body'), value: (l) => l.body },
      { header: t('followup.csv.value'), value: (l) => valueLabel(l.kind, l.value, t) },
      { header: t('followup.comment'), value: (l) => l.comment },
      { header: t('followup.approved'), value: (l) => l.approvedAt },
    ], lines);
  });

  // --- One status report or goal assessment ---------------------------------------------------

  interface KindRoutes {
    kind: ItemKindName;
    targetParam: 'assignment' | 'goal';
    targetField: 'assignmentId' | 'goalId';
    valueField: 'progress' | 'assessment';
    find(req: FastifyRequest, org: OrgRef, id: string): Promise<ItemView | undefined>;
    findId(organisationId: string, key: { periodId: string; bodyId: string; targetId: string }): Promise<string | undefined>;
    /** The target as the body reports on it in the period, or undefined if it does not. */
    target(org: OrgRef, period: PeriodRow, body: BodyRef, targetId: string): Promise<{ id: string; reference: string; title: string; href: string } | undefined>;
    save(req: FastifyRequest, organisationId: string, input: unknown): Promise<CommandResult<{ id: string }>>;
    steps: Record<'submit' | 'approve' | 'return', (req: FastifyRequest, organisationId: string, id: string, input: unknown) => Promise<CommandResult<{ id: string }>>>;
  }

  const kinds: KindRoutes[] = [
    {
      kind: 'status_report',
      targetParam: 'assignment',
      targetField: 'assignmentId',
      valueField: 'progress',
      find: async (req, org, id) => {
        const r = await findStatusReport(db, org.id, id, !canReadInternal(req.actor, org.id));
        return r ? presentStatusReport(org.slug, r, req.actor, req.ctx.t) : undefined;
      },
      findId: (organisationId, k) => findStatusReportId(db, organisationId, { periodId: k.periodId, bodyId: k.bodyId, assignmentId: k.targetId }),
      target: async (org, period, body, targetId) => {
        const a = (await reportableAssignments(db, org.id, period, body, { assignmentId: targetId }))[0];
        return a ? { id: a.id, reference: a.reference, title: a.title, href: `/o/${org.slug}/assignments/${a.id}` } : undefined;
      },
      save: (req, organisationId, input) => saveStatusReport(req.ctx, organisationId, input),
      steps: {
        submit: (req, o, id, input) => submitStatusReport(req.ctx, o, id, input),
        approve: (req, o, id, input) => approveStatusReport(req.ctx, o, id, input),
        return: (req, o, id, input) => returnStatusReport(req.ctx, o, id, input),
      },
    },
    {
      kind: 'goal_assessment',
      targetParam: 'goal',
      targetField: 'goalId',
      valueField: 'assessment',
      find: async (req, org, id) => {
        const r = await findGoalAssessment(db, org.id, id, !canReadInternal(req.actor, org.id));
        return r ? presentGoalAssessment(org.slug, r, req.actor, req.ctx.t) : undefined;
      },
      findId: (organisationId, k) => findGoalAssessmentId(db, organisationId, { periodId: k.periodId, bodyId: k.bodyId, goalId: k.targetId }),
      target: async (org, period, body, targetId) => {
        const g = (await assessableGoals(db, org.id, period, body, { goalId: targetId }))[0];
        return g ? { id: g.id, reference: g.reference, title: g.title, href: `/o/${org.slug}/goals/${g.id}` } : undefined;
      },
      save: (req, organisationId, input) => saveGoalAssessment(req.ctx, organisationId, input),
      steps: {
        submit: (req, o, id, input) => submitGoalAssessment(req.ctx, o, id, input),
        approve: (req, o, id, input) => approveGoalAssessment(req.ctx, o, id, input),
        return: (req, o, id, input) => returnGoalAssessment(req.ctx, o, id, input),
      },
    },
  ];

  for (const k of kinds) {
    const path = itemPath(k.kind);
    const base = (org: OrgRef) => `/o/${org.slug}/follow-up/${path}`;

    const load = async (req: FastifyRequest, org: OrgRef, id: string) => {
      const item = await k.find(req, org, id);
      if (!item) throw notFound();
      return item;
    };

    /** The item again with what the user typed, field errors, and on a conflict what the other person saved. */
    const rerender = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, input: Record<string, unknown>, errors: FieldErrors, conflict?: ConflictError, id?: string) => {
      const periodId = String(input.periodId ?? '');
      const bodyId = String(input.bodyId ?? '');
      const targetId = String(input[k.targetField] ?? '');
      const existingId = id ?? (conflict ? String(conflict.current.id) : await k.findId(org.id, { periodId, bodyId, targetId }));
      let item: ItemView | undefined;
      if (existingId) item = await load(req, org, existingId);
      else {
        const [period, body] = await Promise.all([findPeriod(db, org.id, periodId), findBodyRef(db, org.id, bodyId)]);
        const target = period && body ? await k.target(org, period, body, targetId) : undefined;
        if (period && body && target) item = presentNewItem(k.kind, org.id, period, body, target, req.actor, req.ctx.t);
      }
      // Only a crafted request names no period, body or target a form could have shown.
      if (!item) throw new AppError('validation', Object.values(errors)[0] ?? 'error.validation', { fieldErrors: errors });
      const values: ItemFormValues = {
        value: typeof input[k.valueField] === 'string' ? (input[k.valueField] as string) : undefined,
        comment: typeof input.comment === 'string' ? input.comment : undefined,
        returnComment: typeof input.returnComment === 'string' ? input.returnComment : undefined,
      };
      const v = view(req, reply, org);
      const changed = conflict ? conflictList(k, conflict, v.t) : undefined;
      return <ItemPage v={v} org={org} item={item} values={values} errors={errors} {...(changed ? { conflict: changed } : {})} />;
    };

    app.get(`/o/:org/follow-up/${path}/new`, async (req, reply) => {
      const org = await requireOrg(db, (req.params as { org: string }).org);
      if (!isMember(req.actor, org.id)) throw new AppError(req.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
      const q = newItemQuery.parse(req.query ?? {});
      const targetId = q[k.targetParam];
      if (!q.period || !q.body || !targetId) throw notFound();
      if (isReporter(req.actor) && req.actor.kind === 'user' && !req.actor.bodyIds.includes(q.body)) throw forbidden('followup.error.not_your_body');
      const existing = await k.findId(org.id, { periodId: q.period, bodyId: q.body, targetId });
      if (existing) return reply.redirect(`${base(org)}/${existing}`, 303);
      const [period, body] = await Promise.all([findPeriod(db, org.id, q.period), findBodyRef(db, org.id, q.body)]);
      const target = period && body ? await k.target(org, period, body, targetId) : undefined;
      if (!period || !body || !target) throw notFound();
      const v = view(req, reply, org);
      return sendHtml(reply, <ItemPage v={v} org={org} item={presentNewItem(k.kind, org.id, period, body, target, req.actor, v.t)} />);
    });

    app.post(`/o/:org/follow-up/${path}`, async (req, reply) => {
      const org = await requireOrg(db, (req.params as { org: string }).org);
      const input = formBody(req.body);
      return handleForm(reply, () => k.save(req, org.id, input), {
        success: (row) => ({ to: `${base(org)}/${row.id}`, flash: 'followup.saved' }),
        rerender: (errors, conflict) => rerender(req, reply, org, input, errors, conflict),
      });
    });

    app.get(`/o/:org/follow-up/${path}/:id`, async (req, reply) => {
      const { org: slug, id } = req.params as { org: string; id: string };
      const org = await requireOrg(db, slug);
      const item = await load(req, org, id);
      const v = view(req, reply, org);
      return sendHtml(reply, <ItemPage v={v} org={org} item={item} />);
    });

    for (const step of ['submit', 'approve', 'return'] as const) {
      app.post(`/o/:org/follow-up/${path}/:id/${step}`, async (req, reply) => {
        const { org: slug, id } = req.params as { org: string; id: string };
        const org = await requireOrg(db, slug);
        const input = formBody(req.body);
        return handleForm(reply, () => k.steps[step](req, org.id, id, input), {
          success: (row) => ({ to: `${base(org)}/${row.id}`, flash: `followup.flash.${step}` }),
          rerender: (errors, conflict) => rerender(req, reply, org, input, errors, conflict, id),
        });
      });
    }
  }
}

const CONFLICT_LABELS: Record<string, string> = { progress: 'followup.progress', assessment: 'followup.assessment', comment: 'followup.comment', state: 'followup.state' };

/** What the other person saved, in words: values and states translated, not codes. */
function conflictList(k: { kind: ItemKindName }, conflict: ConflictError, t: Translate): { label: string; current: string }[] {
  const fields = conflict.changedFields.includes('state') ? conflict.changedFields : [...conflict.changedFields, 'state'];
  return fields
    .filter((f) => f in CONFLICT_LABELS)
    .map((f) => {
      const value = conflict.current[f];
      const text = value === null || value === undefined ? '' : String(value);
      const shown = f === 'state' ? t(`followup.state.${text}`) : f === 'progress' || f === 'assessment' ? valueLabel(k.kind, text, t) : text;
      return { label: t(CONFLICT_LABELS[f]!), current: shown };
    });
}
