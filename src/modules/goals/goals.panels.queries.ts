// Reads behind the goals' panel on a body's page: the goals the body has adopted, in one statement.
import { sql } from 'kysely';
import type { Executor } from '../../core/db/schema';
import { compareText, type Locale } from '../../core/i18n';
import './goals.tables';

export interface BodyGoalRow {
  id: string;
  parent_id: string | null;
  reference: string;
  title: string;
  year_from: number;
  year_to: number | null;
  sort_order: number;
  published: boolean;
}

/** The body's own goals (not archived; published ones only for the public), latest years first, then in the goals' order. */
export async function goalsOfBody(db: Executor, organisationId: string, bodyId: string, publishedOnly: boolean, locale: Locale): Promise<BodyGoalRow[]> {
  let q = db
    .selectFrom('goals as g')
    .select(['g.id', 'g.parent_id', 'g.reference', 'g.title', 'g.year_from', 'g.year_to', 'g.sort_order'])
    .select(sql<boolean>`g.published_at is not null`.as('published'))
    .where('g.organisation_id', '=', organisationId)
    .where('g.body_id', '=', bodyId)
    .where('g.archived_at', 'is', null);
  if (publishedOnly) q = q.where('g.published_at', 'is not', null);
  const rows = await q.execute();
  const cmp = compareText(locale);
  return rows.sort((a, b) => b.year_from - a.year_from || a.sort_order - b.sort_order || cmp(a.reference, b.reference) || cmp(a.title, b.title));
}
