// Sends a submitted status report back to draft with a reason, so the body can correct it.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { StatusReportRow } from '../follow-up.queries';
import { STATUS_REPORT, stepItem } from '../follow-up.workflow';

export async function returnStatusReport(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<StatusReportRow>> {
  return stepItem(ctx, STATUS_REPORT, 'return', organisationId, id, input);
}
