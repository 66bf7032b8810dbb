// The rows that tie an assignment to bodies, focus areas and goals: checked and written the same way by create and update.
import type { Ctx } from '../../core/context';
import type { Executor } from '../../core/db/schema';
import type { FieldErrors } from '../../core/errors';
import { isOwnBodyKind } from '../organisations';
import { bodiesByIds, focusAreasByIds, goalsByIds, linkIds, yearExists } from './assignments.queries';
import type { AssignmentInput } from './assignments.schema';

export interface Links {
  leadBodyId: string | null;
  coBodyIds: string[];
  focusAreaIds: string[];
  goalIds: string[];
}

export function linksOf(data: AssignmentInput): Links {
  return {
    leadBodyId: data.leadBodyId ?? null,
    coBodyIds: [...new Set(data.coBodyIds)].sort(),
    focusAreaIds: [...new Set(data.focusAreaIds)].sort(),
    goalIds: [...new Set(data.goalIds)].sort(),
  };
}

/**
 * Field errors for references that do not exist in the organisation. A body archived since it was
 * linked may stay linked (the decision named it), but a newly chosen body must be active.
 */
export async function checkReferences(trx: Executor, ctx: Ctx, organisationId: string, data: AssignmentInput, current?: Links & { issuerBodyId: string }): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const links = linksOf(data);
  if (!(await yearExists(trx, organisationId, data.year))) errors.year = ctx.t('assignments.error.year');
  const bodyIds = [data.issuerBodyId, ...(links.leadBodyId ? [links.leadBodyId] : []), ...links.coBodyIds];
  const bodies = await bodiesByIds(trx, organisationId, bodyIds);
  const linkedBefore = new Set(current ? [current.issuerBodyId, ...(current.leadBodyId ? [current.leadBodyId] : []), ...current.coBodyIds] : []);
  const usable = (id: string) => {
    const b = bodies.get(id);
    return !!b && (!b.archived || linkedBefore.has(id));
  };
  // Only the municipality's own bodies issue and lead; a link made before this rule stays as it was.
  const own = (id: string, before: string | null | undefined) => id === before || isOwnBodyKind(bodies.get(id)?.kind ?? '');
  if (!usable(data.issuerBodyId)) errors.issuerBodyId = ctx.t('assignments.error.body');
  else if (!own(data.issuerBodyId, current?.issuerBodyId)) errors.issuerBodyId = ctx.t('assignments.error.external_issuer');
  if (links.leadBodyId && !usable(links.leadBodyId)) errors.leadBodyId = ctx.t('assignments.error.body');
  else if (links.leadBodyId && !own(links.leadBodyId, current?.leadBodyId)) errors.leadBodyId = ctx.t('assignments.error.external_lead');
  if (links.coBodyIds.some((id) => !usable(id))) errors.coBodyIds = ctx.t('assignments.error.body');
  const focusAreas = await focusAreasByIds(trx, organisationId, links.focusAreaIds);
  if (links.focusAreaIds.some((id) => !focusAreas.has(id))) errors.focusAreaIds = ctx.t('assignments.error.focus_area');
  const goals = await goalsByIds(trx, organisationId, links.goalIds);
  if (links.goalIds.some((id) => !goals.has(id))) errors.goalIds = ctx.t('assignments.error.goal');
  return errors;
}

/**
 * Makes the link rows match `links`. Link rows carry no history of their own: the assignment's audit
 * entry records them before and after, so replacing them loses nothing but the day each body was
 * attached, which is carried over. `attachedOn` is that day for bodies not linked before: null when
 * the assignment is being made (the decision named them, so they answer from its start), today
 * (YYYY-MM-DD, in Sweden) when bodies are added to an existing assignment — they owe reports only
 * for periods still open for reporting that day (migration 0016).
 */
export async function writeLinks(trx: Executor, organisationId: string, assignmentId: string, links: Links, attachedOn: string | null): Promise<void> {
  const current = await linkIds(trx, organisationId, assignmentId);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (current.leadBodyId !== links.leadBodyId || !same(current.coBodyIds, links.coBodyIds)) {
    const since = new Map(
      (await trx.selectFrom('assignment_bodies').select(['body_id', 'responsible_from']).where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute()).map(
        (r) => [r.body_id, r.responsible_from] as const,
      ),
    );
    const from = (bodyId: string) => (since.has(bodyId) ? since.get(bodyId)! : attachedOn);
    await trx.deleteFrom('assignment_bodies').where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute();
    const rows = [
      ...(links.leadBodyId ? [{ organisation_id: organisationId, assignment_id: assignmentId, body_id: links.leadBodyId, role: 'lead' as const, responsible_from: from(links.leadBodyId) }] : []),
      ...links.coBodyIds.map((id) => ({ organisation_id: organisationId, assignment_id: assignmentId, body_id: id, role: 'co' as const, responsible_from: from(id) })),
    ];
    if (rows.length) await trx.insertInto('assignment_bodies').values(rows).execute();
  }
  if (!same(current.focusAreaIds, links.focusAreaIds)) {
    await trx.deleteFrom('assignment_focus_areas').where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute();
    if (links.focusAreaIds.length) {
      await trx
        .insertInto('assignment_focus_areas')
        .values(links.focusAreaIds.map((id) => ({ organisation_id: organisationId, assignment_id: assignmentId, focus_area_id: id })))
        .execute();
    }
  }
  if (!same(current.goalIds, links.goalIds)) {
    await trx.deleteFrom('assignment_goals').where('organisation_id', '=', organisationId).where('assignment_id', '=', assignmentId).execute();
    if (links.goalIds.length) {
      await trx
        .insertInto('assignment_goals')
        .values(links.goalIds.map((id) => ({ organisation_id: organisationId, assignment_id: assignmentId, goal_id: id })))
        .execute();
    }
  }
}

/** The assignment's columns as written from the input. */
export function columnsOf(data: AssignmentInput) {
  return {
    reference: data.reference,
    title: data.title,
    body: data.body,
    year: data.year,
    issuer_body_id: data.issuerBodyId,
    target: data.target,
    target_note: data.targetNote,
    source_kind: data.sourceKind,
    source_title: data.sourceTitle,
    registration_number: data.registrationNumber,
    decision_date: data.decisionDate ?? null,
    deadline: data.deadline ?? null,
  };
}
