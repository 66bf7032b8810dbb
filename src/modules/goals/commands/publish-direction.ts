// Publishes a direction text or takes it back from the public view.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import { directionJson } from '../goals.presenter';
import { findDirection, type DirectionRow } from '../goals.queries';
import { setPublished, type PlanRecordKind } from './record-state';

export const directionRecord: PlanRecordKind<DirectionRow> = { table: 'directions', entityType: 'direction', find: findDirection, json: directionJson };

export function publishDirection(ctx: Ctx, organisationId: string, id: string, input: unknown, unpublish = false): Promise<CommandResult<DirectionRow>> {
  return setPublished(ctx, directionRecord, organisationId, id, input, unpublish);
}
