// View-models and JSON for assignments: labels in the reader's language, lateness, and the actions the reader may take.
import type { Actor } from '../../core/context';
import type { Translate } from '../../core/i18n';
import { allowedTransitions, canAssignment, isLate, type Visibility } from './assignments.policy';
import type { AssignmentRelations, AssignmentRow, GoalRef, NamedRef, ResponsibleBody, ResponsibleRole, StatusChangeRow } from './assignments.queries';
import type { AssignmentStatus } from './assignments.tables';

export interface ResponsibleBodyView extends ResponsibleBody {
  roleLabel: string;
}

export interface AssignmentView {
  id: string;
  reference: string;
  title: string;
  body: string;
  year: number;
  status: AssignmentStatus;
  statusLabel: string;
  statusTone: 'ok' | 'info' | 'muted' | 'warn';
  late: boolean;
  issuer: NamedRef | undefined;
  target: AssignmentRow['target'];
  targetLabel: string;
  targetNote: string;
  sourceKind: AssignmentRow['source_kind'];
  sourceKindLabel: string;
  sourceTitle: string;
  registrationNumber: string;
  decisionDate: string | null;
  deadline: string | null;
  published: boolean;
  publishedAt: Date | null;
  archived: boolean;
  version: number;
  /** The named lead and co-responsible bodies. */
  named: ResponsibleBodyView[];
  /** Everyone responsible after expanding "all committees and companies". */
  bodies: ResponsibleBodyView[];
  focusAreas: NamedRef[];
  goals: GoalRef[];
  nextStatuses: { value: AssignmentStatus; label: string; commentRequired: boolean }[];
  can: { update: boolean; archive: boolean; restore: boolean; publish: boolean; unpublish: boolean; changeStatus: boolean; history: boolean };
}

const TONE: Record<AssignmentStatus, AssignmentView['statusTone']> = {
  new: 'info',
  ongoing: 'info',
  progress_reported: 'info',
  reported: 'info',
  closed: 'ok',
  cancelled: 'muted',
  transferred: 'muted',
};

const presentBodies = (list: ResponsibleBody[], t: Translate): ResponsibleBodyView[] => list.map((b) => ({ ...b, roleLabel: t(`assignment.role.${b.role}`) }));

export function presentAssignment(row: AssignmentRow, rel: AssignmentRelations, actor: Actor, t: Translate, today: string): AssignmentView {
  const org = row.organisation_id;
  const manage = canAssignment(actor, 'update', org);
  const all = presentBodies(rel.bodies.get(row.id) ?? [], t);
  const archived = row.archived_at !== null;
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    body: row.body,
    year: row.year,
    status: row.status,
    statusLabel: t(`assignment.status.${row.status}`),
    statusTone: TONE[row.status],
    late: isLate(row, today),
    issuer: rel.issuers.get(row.issuer_body_id),
    target: row.target,
    targetLabel: t(`assignment.target.${row.target}`),
    targetNote: row.target_note,
    sourceKind: row.source_kind,
    sourceKindLabel: t(`assignment.source.${row.source_kind}`),
    sourceTitle: row.source_title,
    registrationNumber: row.registration_number,
    decisionDate: row.decision_date,
    deadline: row.deadline,
    published: row.published_at !== null,
    publishedAt: row.published_at,
    archived,
    version: row.version,
    named: all.filter((b) => b.role !== 'target'),
    bodies: all,
    focusAreas: rel.focusAreas.get(row.id) ?? [],
    goals: rel.goals.get(row.id) ?? [],
    nextStatuses: allowedTransitions(actor, org, row.status).map((s) => ({
      value: s.to,
      label: t(`assignment.status.${s.to}`),
      commentRequired: s.transition.commentRequired,
    })),
    can: {
      update: manage,
      archive: manage && !archived,
      restore: manage && archived,
      publish: canAssignment(actor, 'publish', org) && row.published_at === null,
      unpublish: canAssignment(actor, 'publish', org) && row.published_at !== null,
      changeStatus: canAssignment(actor, 'status', org),
      history: actor.kind === 'user' && actor.organisationId === org,
    },
  };
}

export interface StatusChangeView {
  from: string;
  to: string;
  at: Date;
  /** Who changed it; shown to members only (a name is personal data the public does not need). */
  by: string | undefined;
  comment: string;
  decisionReference: string;
}

/** "Name <email>" as stored in the trail; the page shows the name. */
const displayName = (label: string): string => label.replace(/\s*<[^>]*>$/, '');

export function presentStatusHistory(rows: StatusChangeRow[], t: Translate, visibility: Visibility): StatusChangeView[] {
  return rows.map((r) => ({
    from: r.from_status ? t(`assignment.status.${r.from_status}`) : t('assignments.history.created'),
    to: t(`assignment.status.${r.to_status}`),
    at: r.changed_at,
    by: visibility === 'internal' ? displayName(r.changed_by_label) : undefined,
    comment: r.comment,
    decisionReference: r.decision_reference,
  }));
}

const bodyJson = (b: ResponsibleBody) => ({ id: b.id, name: b.name, shortName: b.shortName, kind: b.kind, role: b.role as ResponsibleRole });

/** The open-data JSON shape of an assignment. */
export function assignmentJson(row: AssignmentRow, rel: AssignmentRelations, today: string) {
  const bodies = rel.bodies.get(row.id) ?? [];
  const issuer = rel.issuers.get(row.issuer_body_id);
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    body: row.body,
    year: row.year,
    status: row.status,
    late: isLate(row, today),
    issuerBody: issuer ? { id: issuer.id, name: issuer.name } : null,
    target: row.target,
    targetNote: row.target_note,
    source: { kind: row.source_kind, title: row.source_title, registrationNumber: row.registration_number, decisionDate: row.decision_date },
    deadline: row.deadline,
    published: row.published_at !== null,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    archived: row.archived_at !== null,
    version: row.version,
    responsibleBodies: bodies.filter((b) => b.role !== 'target').map(bodyJson),
    expandedBodies: bodies.map(bodyJson),
    focusAreas: (rel.focusAreas.get(row.id) ?? []).map((f) => ({ id: f.id, name: f.name })),
    goals: (rel.goals.get(row.id) ?? []).map((g) => ({ id: g.id, reference: g.reference, title: g.title })),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function statusHistoryJson(rows: StatusChangeRow[], visibility: Visibility) {
  return rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    at: r.changed_at.toISOString(),
    comment: r.comment,
    decisionReference: r.decision_reference,
    ...(visibility === 'internal' ? { changedBy: displayName(r.changed_by_label) } : {}),
  }));
}
