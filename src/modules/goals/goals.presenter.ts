// View-models and JSON shapes for goals and directions, with the actions the reader may take.
import type { Locale, Translate } from '../../core/i18n';
import { isMember, type Actor } from '../../core/context';
import { canPlan } from './goals.policy';
import type { FocusAreaRow } from '../organisations';
import type { DirectionRow, Goal, GoalListItem } from './goals.queries';
import { sdgLabel, type SdgLabel } from './sdg';

export interface SdgLinkView extends SdgLabel {
  /** No translation exists: `text` is in English and must be marked as such. */
  fallback: boolean;
}

export const presentSdg = (code: string, locale: Locale): SdgLinkView => {
  const label = sdgLabel(code, locale);
  return { ...label, fallback: label.lang !== locale };
};

export interface PlanActions {
  update: boolean;
  publish: boolean;
  unpublish: boolean;
  archive: boolean;
  restore: boolean;
  history: boolean;
}

function actions(actor: Actor, row: { organisation_id: string; published_at: Date | null; archived_at: Date | null }): PlanActions {
  const staff = canPlan(actor, 'update', row.organisation_id);
  const live = row.archived_at === null;
  return {
    update: staff && live,
    publish: staff && live && row.published_at === null,
    unpublish: staff && live && row.published_at !== null,
    archive: staff && live,
    restore: staff && !live,
    history: isMember(actor, row.organisation_id),
  };
}

export function yearsLabel(t: Translate, from: number, to: number | null): string {
  if (to === null) return t('goals.years_open', { from });
  if (to === from) return String(from);
  return t('goals.years_range', { from, to });
}

export interface GoalView {
  id: string;
  reference: string;
  title: string;
  /** Reference and title together, as goals are usually cited ("KF-mål 1: …"). */
  label: string;
  description: string;
  bodyId: string;
  bodyName: string;
  parentId: string | null;
  yearFrom: number;
  yearTo: number | null;
  years: string;
  published: boolean;
  publishedAt: Date | null;
  archived: boolean;
  sortOrder: number;
  version: number;
  focusAreas: { id: string; name: string }[];
  sdg: SdgLinkView[];
  can: PlanActions;
}

export function presentGoal(goal: Goal & { body_name?: string }, ctx: { actor: Actor; locale: Locale; t: Translate; focusAreas?: FocusAreaRow[]; bodyName?: string }): GoalView {
  const areaNames = new Map((ctx.focusAreas ?? []).map((f) => [f.id, f.name]));
  return {
    id: goal.id,
    reference: goal.reference,
    title: goal.title,
    label: goalLabel(goal),
    description: goal.description,
    bodyId: goal.body_id,
    bodyName: ctx.bodyName ?? goal.body_name ?? '',
    parentId: goal.parent_id,
    yearFrom: goal.year_from,
    yearTo: goal.year_to,
    years: yearsLabel(ctx.t, goal.year_from, goal.year_to),
    published: goal.published_at !== null,
    publishedAt: goal.published_at,
    archived: goal.archived_at !== null,
    sortOrder: goal.sort_order,
    version: goal.version,
    focusAreas: goal.focus_area_ids.filter((id) => areaNames.has(id)).map((id) => ({ id, name: areaNames.get(id)! })),
    sdg: goal.sdg_codes.map((c) => presentSdg(c, ctx.locale)),
    can: actions(ctx.actor, goal),
  };
}

export const goalLabel = (g: { reference: string; title: string }): string => (g.reference ? `${g.reference}: ${g.title}` : g.title);

export interface GoalTreeView extends GoalView {
  children: GoalTreeView[];
  /** Set when the parent is not in this list (filtered out, on another page or not visible). */
  parentOutside: boolean;
}

/** Goals as parent → sub-goals; a goal whose parent is not in the list becomes a root. */
export function presentGoalTree(goals: GoalListItem[], ctx: Parameters<typeof presentGoal>[1]): GoalTreeView[] {
  const nodes = new Map(goals.map((g) => [g.id, { ...presentGoal(g, ctx), children: [] as GoalTreeView[], parentOutside: false }]));
  const roots: GoalTreeView[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else {
      node.parentOutside = node.parentId !== null;
      roots.push(node);
    }
  }
  return roots;
}

/** The public JSON shape of a goal. */
export function goalJson(g: Goal) {
  return {
    id: g.id,
    reference: g.reference,
    title: g.title,
    description: g.description,
    bodyId: g.body_id,
    parentId: g.parent_id,
    yearFrom: g.year_from,
    yearTo: g.year_to,
    focusAreaIds: g.focus_area_ids,
    sdgCodes: g.sdg_codes,
    sortOrder: g.sort_order,
    published: g.published_at !== null,
    publishedAt: g.published_at ? new Date(g.published_at).toISOString() : null,
    archived: g.archived_at !== null,
    version: g.version,
  };
}

export interface DirectionView {
  id: string;
  bodyId: string;
  bodyName: string;
  year: number;
  title: string;
  /** The title, or "Inriktning 2018 – Kommunfullmäktige" when none was given. */
  heading: string;
  text: string;
  /** The text as paragraphs (blank-line separated), each a list of lines. */
  paragraphs: string[][];
  published: boolean;
  publishedAt: Date | null;
  archived: boolean;
  version: number;
  can: PlanActions;
}

export function presentDirection(d: DirectionRow & { body_name?: string }, ctx: { actor: Actor; t: Translate; bodyName?: string }): DirectionView {
  const bodyName = ctx.bodyName ?? d.body_name ?? '';
  return {
    id: d.id,
    bodyId: d.body_id,
    bodyName,
    year: d.year,
    title: d.title,
    heading: d.title || ctx.t('directions.default_title', { year: d.year, body: bodyName }),
    text: d.body,
    paragraphs: paragraphs(d.body),
    published: d.published_at !== null,
    publishedAt: d.published_at,
    archived: d.archived_at !== null,
    version: d.version,
    can: actions(ctx.actor, d),
  };
}

/** Splits a text on blank lines into paragraphs, keeping single line breaks inside each. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.split('\n').map((line) => line.trim()));
}

export function directionJson(d: DirectionRow) {
  return {
    id: d.id,
    bodyId: d.body_id,
    year: d.year,
    title: d.title,
    body: d.body,
    published: d.published_at !== null,
    publishedAt: d.published_at ? new Date(d.published_at).toISOString() : null,
    archived: d.archived_at !== null,
    version: d.version,
  };
}
