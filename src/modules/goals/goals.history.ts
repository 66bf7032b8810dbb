// How goals and direction texts read in the change history: labels, names instead of ids, Agenda 2030
// codes in words, and word-level differences in descriptions and direction texts.
import { sql } from 'kysely';
import type { Ctx } from '../../core/context';
import { field, list, namesFrom, ref, text, withReference } from '../../core/history-fields';
import type { HistoryType } from '../../core/manifest';

/** "Mål 3" or "Delmål 11.2", as the goal page names them. */
const sdgCode = (code: unknown, ctx: Ctx) => ctx.t(String(code).includes('.') ? 'goals.sdg.target' : 'goals.sdg.goal', { code: String(code) });

export const goalsHistory: HistoryType[] = [
  {
    type: 'goal',
    labelKey: 'history.type.goal',
    nounKey: 'history.noun.goal',
    href: (org, id) => `/o/${org}/goals/${id}`,
    fields: {
      reference: field('goals.reference'),
      title: field('goals.title_field'),
      description: field('goals.description', text),
      body_id: field('goals.body', ref('body')),
      parent_id: field('goals.parent', ref('goal')),
      year_from: field('goals.year_from'),
      year_to: field('goals.year_to'),
      focus_area_ids: field('goals.focus_areas', list(ref('focus_area'))),
      sdg_codes: field('goals.sdg', list(sdgCode)),
      sort_order: field('goals.sort_order'),
    },
    names: namesFrom<{ reference: string; title: string }>('goals', ['reference', 'title'], (r) => withReference(r.reference, r.title)),
  },
  {
    type: 'direction',
    labelKey: 'history.type.direction',
    nounKey: 'history.noun.direction',
    href: (org, id) => `/o/${org}/directions/${id}`,
    fields: {
      body_id: field('directions.body', ref('body')),
      year: field('directions.year'),
      title: field('directions.heading'),
      body: field('directions.text', text),
    },
    // A direction without a heading is named by its body and year, as its page names it.
    async names(db, organisationId, ids) {
      if (!ids.length) return new Map();
      const rows = await sql<{ id: string; title: string; year: number; body_name: string }>`
        select d.id, d.title, d.year, b.name as body_name
        from directions d join bodies b on b.id = d.body_id
        where d.organisation_id = ${organisationId} and d.id::text in (${sql.join([...ids])})`.execute(db);
      return new Map(rows.rows.map((r) => [r.id, r.title || `${r.body_name} ${r.year}`]));
    },
  },
];

export const goalsHistoryMessages = {
  sv: { 'history.noun.goal': 'målet', 'history.noun.direction': 'inriktningen' },
  en: { 'history.noun.goal': 'the goal', 'history.noun.direction': 'the direction' },
};
