// Archives or restores an assignment. Records law: nothing is deleted; an archived assignment keeps its history.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { AssignmentRow } from '../assignments.queries';
import { setAssignmentState } from './set-assignment-state';

export function archiveAssignment(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<AssignmentRow>> {
  return setAssignmentState(ctx, organisationId, id, input, {
    permission: 'archive',
    action: restore ? 'restore' : 'archive',
    column: 'archived_at',
    value: () => (restore ? null : new Date()),
  });
}
