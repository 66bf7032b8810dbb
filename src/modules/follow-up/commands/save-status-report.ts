// Saves a body's status report on an assignment for a period as a draft (creates or updates it).
import type { Ctx } from '../../../core/context';
import type { CommandResult } from '../../../core/errors';
import type { StatusReportRow } from '../follow-up.queries';
import { STATUS_REPORT, saveItem } from '../follow-up.workflow';

export async function saveStatusReport(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<StatusReportRow>> {
  return saveItem(ctx, STATUS_REPORT, organisationId, input);
}
