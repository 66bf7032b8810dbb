// Saves a body's status report on an assignment for a period as a draft (creates or updates it).
import { isMember, type Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { parseInput } from '../../../core/validation';
import type { StatusReportRow } from '../follow-up.queries';
import { statusReportInput } from '../follow-up.schema';
import { saveItem, STATUS_REPORT } from '../follow-up.workflow';

export async function saveStatusReport(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<StatusReportRow>> {
  authorize(ctx.actor, isMember(ctx.actor, organisationId));
  const parsed = parseInput(statusReportInput, input, ctx.t);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  return saveItem(ctx, STATUS_REPORT, organisationId, { periodId: d.periodId, bodyId: d.bodyId, targetId: d.assignmentId, value: d.progress, comment: d.comment, version: d.version });
}
