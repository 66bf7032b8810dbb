// Approves a submitted status report; from then on it is public when its subject is published.
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { StatusReportRow } from '../follow-up.queries';
import { STATUS_REPORT, stepItem } from '../follow-up.workflow';

export async function approveStatusReport(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<StatusReportRow>> {
  return stepItem(ctx, STATUS_REPORT, 'approve', organisationId, id, input);
}
