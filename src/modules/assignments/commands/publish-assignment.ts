// Publishes an assignment (the public and the open-data API see it from then on) or withdraws it.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { AssignmentRow } from '../assignments.queries';
import { setAssignmentState } from './set-assignment-state';

export function publishAssignment(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<AssignmentRow>> {
  return setAssignmentState(ctx, organisationId, id, input, {
    permission: 'publish',
    action: unpublish ? 'unpublish' : 'publish',
    column: 'published_at',
    // Publishing what is already public keeps the date the public first saw it.
    value: (existing) => (unpublish ? null : (existing.published_at ?? new Date())),
  });
}
