// The confirmation before a bulk status change: how many and which assignments change to what, which
// keep their status and why, and that the change runs in the background. Asked on the list's form only;
// API clients confirm by calling.
import type { FastifyRequest } from 'fastify';
import { Table } from '../../core/html/components';
import type { Confirmation } from '../../core/html/confirm';
import type { OrgRef } from '../../core/html/view';
import { authorize } from '../../core/policy';
import { parseInput } from '../../core/validation';
import { allowedTransitions, canAssignment } from './assignments.policy';
import { bulkStatusInput } from './assignments.schema';
import type { AssignmentStatus } from './assignments.tables';

/** Why a ticked assignment will keep its status, as the job would say it; undefined when it changes. */
type Outcome = { changes: true } | { changes: false; reason: 'transition' | 'comment_required' | 'conflict' };

/**
 * What the confirmation page says for the bulk form's `input` (already in the command's shape), or
 * undefined when there is nothing to confirm because the command will refuse the form with its errors.
 */
export async function bulkStatusConfirmation(req: FastifyRequest, org: OrgRef, input: Record<string, unknown>, cancel: string): Promise<Confirmation | undefined> {
  authorize(req.actor, canAssignment(req.actor, 'status', org.id));
  const parsed = parseInput(bulkStatusInput, input, req.ctx.t);
  if (!parsed.ok) return undefined;
  const { status: to, comment, assignments: items } = parsed.data;
  const rows = await req.server.database.db
    .selectFrom('assignments')
    .select(['id', 'reference', 'title', 'status', 'version'])
    .where('organisation_id', '=', org.id)
    .where(
      'id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  // An id that is not the organisation's: the command refuses the whole form, saying so.
  if (rows.length !== items.length) return undefined;
  const seen = new Map(items.map((i) => [i.id, i.version]));
  const outcome = (r: { id: string; status: AssignmentStatus; version: number }): Outcome => {
    if (seen.get(r.id) !== r.version) return { changes: false, reason: 'conflict' };
    const step = allowedTransitions(req.actor, org.id, r.status).find((s) => s.to === to);
    if (!step) return { changes: false, reason: 'transition' };
    if (step.transition.commentRequired && !comment) return { changes: false, reason: 'comment_required' };
    return { changes: true };
  };
  const t = req.ctx.t;
  const statusLabel = (s: AssignmentStatus) => t(`assignment.status.${s}`);
  const planned = rows
    .map((r) => ({ ...r, outcome: outcome(r) }))
    .sort((a, b) => a.reference.localeCompare(b.reference, req.locale, { numeric: true }) || a.title.localeCompare(b.title, req.locale));
  const changing = planned.filter((p) => p.outcome.changes).length;
  const kept = planned.length - changing;
  const newStatus = statusLabel(to);
  return {
    title: t('assignments.bulk.confirm.title', { count: planned.length }),
    consequences: [
      t('assignments.bulk.confirm.changes', { count: changing, status: newStatus }),
      ...(kept ? [t('assignments.bulk.confirm.kept', { count: kept })] : []),
      ...(comment && changing ? [t('assignments.bulk.confirm.comment', { comment })] : []),
      t('assignments.bulk.confirm.background'),
      t('assignments.bulk.confirm.no_undo'),
    ],
    confirmLabel: t('assignments.bulk.confirm.button', { count: changing }),
    cancel,
    details: (
      <Table caption={t('assignments.bulk.confirm.caption')} columns={[t('assignments.bulk.confirm.col_assignment'), t('assignments.bulk.confirm.col_now'), t('assignments.bulk.confirm.col_after')]}>
        {planned.map((p) => (
          <tr>
            <th scope="row">{p.reference ? `${p.reference} ${p.title}` : p.title}</th>
            <td>{statusLabel(p.status)}</td>
            <td>
              {p.outcome.changes
                ? newStatus
                : t('assignments.bulk.confirm.keeps', {
                    status: statusLabel(p.status),
                    reason: t(`assignments.bulk.refused.${p.outcome.reason}`, { from: statusLabel(p.status), to: newStatus }),
                  })}
            </td>
          </tr>
        ))}
      </Table>
    ),
  };
}
