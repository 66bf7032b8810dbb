// Small pieces shared by the assignment pages. Status and lateness are always written out, never colour alone.
import { Badge } from '../../../core/html/components';
import type { View } from '../../../core/html/view';
import type { AssignmentView } from '../assignments.presenter';

export function StatusBadges(props: { v: View; a: AssignmentView; member: boolean }) {
  const { v, a } = props;
  return (
    <>
      <Badge tone={a.statusTone}>{a.statusLabel}</Badge>
      {a.late ? (
        <>
          {' '}
          <Badge tone="bad">{v.t('assignments.late')}</Badge>
        </>
      ) : null}
      {props.member && !a.published ? (
        <>
          {' '}
          <Badge tone="muted">{v.t('assignments.not_published')}</Badge>
        </>
      ) : null}
      {a.archived ? (
        <>
          {' '}
          <Badge tone="warn">{v.t('assignments.archived')}</Badge>
        </>
      ) : null}
    </>
  );
}

/** Who answers for it, in one cell: the whole target by name, else the lead first and then the co-responsible. */
export function ResponsibleSummary(props: { v: View; a: AssignmentView }) {
  const { v, a } = props;
  const named = a.named.map((b) => (b.role === 'lead' ? `${b.name} (${v.t('assignment.role.lead').toLowerCase()})` : b.name));
  const parts = a.target === 'all_committees_and_companies' ? [a.targetLabel, ...named] : named;
  return (
    <>
      {parts.join(', ') || '—'}
      {a.targetNote ? <span class="muted"> – {a.targetNote}</span> : null}
    </>
  );
}
