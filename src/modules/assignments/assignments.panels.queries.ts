// Reads behind the assignments' panels on other modules' pages: the assignments linked to a goal, and
// those a body answers for. One statement each; the public sees published assignments only.
import { sql } from 'kysely';
import type { Executor } from '../../core/db/schema';
import type { Locale } from '../../core/i18n';
import type { Visibility } from './assignments.policy';
import { assignmentsInScope, leadBodyName } from './assignments.reads';
import type { AssignmentStatus, ResponsibleRole } from './assignments.tables';

export interface PanelAssignmentRow {
  id: string;
  reference: string;
  title: string;
  year: number;
  status: AssignmentStatus;
  deadline: string | null;
  published: boolean;
  lead_name: string | null;
}

// References sort as people read them: "MK 2" before "MK 10".
const byReference = (locale: Locale) => {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return (a: { year: number; reference: string; title: string }, b: { year: number; reference: string; title: string }) =>
    b.year - a.year || collator.compare(a.reference, b.reference) || collator.compare(a.title, b.title);
};

/** The assignments (not archived) linked to a goal, newest year first, with the body leading each. */
export async function assignmentsForGoal(db: Executor, organisationId: string, goalId: string, visibility: Visibility, locale: Locale): Promise<PanelAssignmentRow[]> {
  const rows = await assignmentsInScope(db, { organisationId, publicOnly: visibility === 'public' })
    .innerJoin('assignment_goals as ag', 'ag.assignment_id', 'a.id')
    .where('ag.goal_id', '=', goalId)
    .select(['a.id', 'a.reference', 'a.title', 'a.year', 'a.status', 'a.deadline'])
    .select(sql<boolean>`a.published_at is not null`.as('published'))
    .select((eb) => leadBodyName(eb).as('lead_name'))
    .execute();
  return rows.sort(byReference(locale));
}

export interface BodyAssignmentRow extends PanelAssignmentRow {
  /** How the body answers for it: leading, taking part, or reached by "all committees and companies". */
  role: ResponsibleRole;
}

/** The assignments (not archived) a body answers for, as the assignments module scopes them, with its part in each. */
export async function assignmentsForBody(
  db: Executor,
  organisationId: string,
  body: { id: string; kind: string; archived_at: Date | string | null },
  visibility: Visibility,
  locale: Locale,
): Promise<BodyAssignmentRow[]> {
  const rows = await assignmentsInScope(db, { organisationId, body, publicOnly: visibility === 'public' })
    .leftJoin('assignment_bodies as own', (join) => join.onRef('own.assignment_id', '=', 'a.id').on('own.body_id', '=', body.id))
    .select(['a.id', 'a.reference', 'a.title', 'a.year', 'a.status', 'a.deadline', 'own.role'])
    .select(sql<boolean>`a.published_at is not null`.as('published'))
    .select((eb) => leadBodyName(eb).as('lead_name'))
    .execute();
  return rows.map((r) => ({ ...r, role: r.role ?? ('target' as const) })).sort(byReference(locale));
}
