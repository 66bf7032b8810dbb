// How an assignment reads in the change history: its facts and links by name, its status steps as
// sentences with their comment, and word-level differences in the assignment text.
import { date, field, label, list, namesFrom, ref, text, withReference } from '../../core/history-fields';
import type { HistoryType } from '../../core/manifest';

export const assignmentsHistory: HistoryType[] = [
  {
    type: 'assignment',
    labelKey: 'history.type.assignment',
    nounKey: 'history.noun.assignment',
    href: (org, id) => `/o/${org}/assignments/${id}`,
    fields: {
      reference: field('assignments.reference'),
      title: field('assignments.name'),
      body: field('assignments.body', text),
      year: field('assignments.year'),
      issuer_body_id: field('assignments.issuer', ref('body')),
      target: field('assignments.target', label('assignment.target.')),
      lead_body_id: field('assignments.lead_body', ref('body')),
      co_body_ids: field('assignments.co_bodies', list(ref('body'))),
      target_note: field('assignments.target_note'),
      source_kind: field('assignments.source_kind', label('assignment.source.')),
      source_title: field('assignments.source_title'),
      registration_number: field('assignments.registration_number'),
      decision_date: field('assignments.decision_date', date),
      deadline: field('assignments.deadline', date),
      status: field('assignments.status', label('assignment.status.')),
      comment: field('assignments.comment', text),
      decision_reference: field('assignments.decision_reference'),
      focus_area_ids: field('assignments.focus_areas', list(ref('focus_area'))),
      goal_ids: field('assignments.goals', list(ref('goal'))),
    },
    names: namesFrom<{ reference: string; title: string }>('assignments', ['reference', 'title'], (r) => withReference(r.reference, r.title)),
  },
];

export const assignmentsHistoryMessages = {
  sv: { 'history.noun.assignment': 'uppdraget' },
  en: { 'history.noun.assignment': 'the assignment' },
};
