// Rules shared by the goal and direction commands: what a goal may point to, link upkeep, conflict answers.
import type { Translate } from '../../core/i18n';
import type { Executor } from '../../core/db/schema';
import { ConflictError, type FieldErrors } from '../../core/errors';
import { findBody, findYearByNumber, isOwnBodyKind } from '../organisations';
import type { DirectionInput, GoalInput } from './goals.schema';
import { directionJson, goalJson } from './goals.presenter';
import { directionFor, goalLinks, wouldCycle, type DirectionRow, type Goal, type GoalLinks, type GoalRow } from './goals.queries';
import { compareSdgCodes } from './sdg';

/**
 * The kinds of body that assess the council's goals in follow-up, besides their own goals: the
 * budget asks every committee and company to report against each council goal, and the executive
 * board (kommunstyrelsen) is in law one of the council's committees (kommunallagen 3 kap.) and
 * reports on them in its section of the annual report. The council, administrations, offices and
 * external actors assess only goals they adopted themselves.
 */
export const COUNCIL_GOAL_ASSESSOR_KINDS = ['committee', 'company', 'board'] as const;
export type CouncilGoalAssessorKind = (typeof COUNCIL_GOAL_ASSESSOR_KINDS)[number];

/** Does this body assess the council's goals? Archived bodies assess nothing new. */
export function assessesCouncilGoals(body: { kind: string; archived_at: Date | string | null }): boolean {
  return body.archived_at === null && (COUNCIL_GOAL_ASSESSOR_KINDS as readonly string[]).includes(body.kind);
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * Checks what a goal refers to: an adopting body of this organisation, a parent goal of this
 * organisation that is not archived and not the goal itself or below it, focus areas in use.
 * `existing` is the goal being edited, whose current links stay allowed even if since archived.
 */
export async function checkGoal(trx: Executor, t: Translate, organisationId: string, data: GoalInput, existing?: Goal): Promise<FieldErrors | undefined> {
  const errors: FieldErrors = {};
  const body = await findBody(trx, organisationId, data.bodyId);
  if (!body || (body.archived_at !== null && body.id !== existing?.body_id)) errors.bodyId = t('goals.error.body');
  else if (!isOwnBodyKind(body.kind) && body.id !== existing?.body_id) errors.bodyId = t('goals.error.external_body');
  if (data.parentId) {
    // Looked up within the organisation only: a goal of another municipality is "not there".
    const parent = await trx.selectFrom('goals').select(['id', 'archived_at']).where('organisation_id', '=', organisationId).where('id', '=', data.parentId).executeTakeFirst();
    if (!parent) errors.parentId = t('goals.error.parent');
    else if (existing && parent.id === existing.id) errors.parentId = t('goals.error.parent_self');
    else if (parent.archived_at !== null && parent.id !== existing?.parent_id) errors.parentId = t('goals.error.parent_archived');
    else if (existing && (await wouldCycle(trx, organisationId, existing.id, parent.id))) errors.parentId = t('goals.error.parent_cycle');
  }
  const areaIds = unique(data.focusAreaIds);
  if (areaIds.length) {
    const found = await trx.selectFrom('focus_areas').select(['id', 'archived_at']).where('organisation_id', '=', organisationId).where('id', 'in', areaIds).execute();
    const allowed = new Set(found.filter((f) => f.archived_at === null || existing?.focus_area_ids.includes(f.id)).map((f) => f.id));
    if (areaIds.some((id) => !allowed.has(id))) errors.focusAreaIds = t('goals.error.focus_area');
  }
  return Object.keys(errors).length ? errors : undefined;
}

/** A goal's own columns from what the user sent (its links are saved by saveGoalLinks). */
export function goalValues(data: GoalInput) {
  return {
    body_id: data.bodyId,
    parent_id: data.parentId ?? null,
    reference: data.reference,
    title: data.title,
    description: data.description,
    year_from: data.yearFrom,
    year_to: data.yearTo ?? null,
    sort_order: data.sortOrder,
  };
}

/** Makes the goal's focus areas and Agenda 2030 links exactly the given ones. */
export async function saveGoalLinks(trx: Executor, organisationId: string, goalId: string, current: GoalLinks, next: { focusAreaIds: string[]; sdgCodes: string[] }): Promise<GoalLinks> {
  const areas = unique(next.focusAreaIds);
  const codes = unique(next.sdgCodes).sort(compareSdgCodes);
  const dropAreas = current.focus_area_ids.filter((id) => !areas.includes(id));
  const addAreas = areas.filter((id) => !current.focus_area_ids.includes(id));
  const dropCodes = current.sdg_codes.filter((c) => !codes.includes(c));
  const addCodes = codes.filter((c) => !current.sdg_codes.includes(c));
  // Link rows carry no history of their own; the goal's audit entry records the lists before and after.
  if (dropAreas.length) await trx.deleteFrom('goal_focus_areas').where('goal_id', '=', goalId).where('focus_area_id', 'in', dropAreas).execute();
  if (addAreas.length) await trx.insertInto('goal_focus_areas').values(addAreas.map((id) => ({ organisation_id: organisationId, goal_id: goalId, focus_area_id: id }))).execute();
  if (dropCodes.length) await trx.deleteFrom('goal_sdg_links').where('goal_id', '=', goalId).where('sdg_code', 'in', dropCodes).execute();
  if (addCodes.length) await trx.insertInto('goal_sdg_links').values(addCodes.map((c) => ({ organisation_id: organisationId, goal_id: goalId, sdg_code: c }))).execute();
  return { focus_area_ids: areas, sdg_codes: codes };
}

const same = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown) => (Array.isArray(v) ? [...v].map(String).sort() : v === undefined ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/** The record as it is now, and the fields where it differs from what the user sent. */
const conflictWith = (current: Record<string, unknown>, sent: Record<string, unknown>): ConflictError =>
  new ConflictError(current, Object.keys(sent).filter((k) => !same(current[k], sent[k])));

/**
 * A stale goal edit: the goal as it is now (in the API's shape) and the fields where it differs
 * from what the user sent, named as the form and the API name them.
 */
export async function goalConflict(trx: Executor, err: ConflictError, data: GoalInput): Promise<ConflictError> {
  const row = err.current as unknown as GoalRow;
  const links = (await goalLinks(trx, [row.id])).get(row.id) ?? { focus_area_ids: [], sdg_codes: [] };
  const current = goalJson({ ...row, ...links });
  // What the user sent, named as the API names it (no version; "none" as null).
  const { version: _version, ...fields } = data as GoalInput & { version?: number };
  const sent: Record<string, unknown> = { ...fields, parentId: fields.parentId ?? null, yearTo: fields.yearTo ?? null };
  return conflictWith(current, sent);
}

/** Checks a direction's body and year, and that the body has no other direction for that year. */
export async function checkDirection(trx: Executor, t: Translate, organisationId: string, data: DirectionInput, existing?: DirectionRow): Promise<FieldErrors | undefined> {
  const errors: FieldErrors = {};
  const body = await findBody(trx, organisationId, data.bodyId);
  if (!body || (body.archived_at !== null && body.id !== existing?.body_id)) errors.bodyId = t('goals.error.body');
  if (!(await findYearByNumber(trx, organisationId, data.year))) errors.year = t('directions.error.year', { year: data.year });
  if (!errors.bodyId && !errors.year) {
    const other = await directionFor(trx, organisationId, data.bodyId, data.year);
    if (other && other.id !== existing?.id) errors.year = t('directions.error.exists', { year: data.year });
  }
  return Object.keys(errors).length ? errors : undefined;
}

/** A stale direction edit, in the API's shape and field names. */
export function directionConflict(err: ConflictError, data: DirectionInput): ConflictError {
  return conflictWith(directionJson(err.current as unknown as DirectionRow), { bodyId: data.bodyId, year: data.year, title: data.title, body: data.body });
}

/** The unique index that keeps one direction per body and year, hit by two saves racing each other. */
export function isDuplicateDirection(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return e?.code === '23505' && (e.constraint === 'directions_body_year_key' || String(e.message ?? '').includes('directions_body_year_key'));
}
