// Publishes a goal (it becomes public, as adopted goals are) or takes it back from the public view.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import { goalJson } from '../goals.presenter';
import { findGoal, type Goal } from '../goals.queries';
import { setPublished, type PlanRecordKind } from './record-state';

export const goalRecord: PlanRecordKind<Goal> = { table: 'goals', entityType: 'goal', find: findGoal, json: goalJson };

export function publishGoal(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<Goal>> {
  return setPublished(ctx, goalRecord, organisationId, id, input, unpublish);
}
