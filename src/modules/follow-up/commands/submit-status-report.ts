// Submits a body's draft status report for review by the strategists.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { StatusReportRow } from '../follow-up.queries';
import { STATUS_REPORT, stepItem } from '../follow-up.workflow';

export async function submitStatusReport(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<StatusReportRow>> {
  return stepItem(ctx, STATUS_REPORT, 'submit', organisationId, id, input);
}
