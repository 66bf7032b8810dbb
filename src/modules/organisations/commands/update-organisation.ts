// Changes an organisation's name, municipality code, default language, description and time zone, refusing stale versions.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { notFound, ok, type CommandResult } from '../../../core/errors';
import { diff, updateVersioned } from '../../../core/versioned';
import { canOrganisation } from '../organisations.policy';
import { findOrganisation, type OrganisationRow } from '../organisations.queries';
import { organisationUpdate } from '../organisations.schema';

export async function updateOrganisation(ctx: Ctx, organisationId: string, input: unknown): Promise<CommandResult<OrganisationRow>> {
  return runCommand(ctx, { allowed: canOrganisation(ctx.actor, 'update', organisationId), schema: organisationUpdate, input }, async (trx, data) => {
    if (!(await findOrganisation(trx, organisationId))) throw notFound('error.org_not_found');
    const { before, after } = await updateVersioned<OrganisationRow & Record<string, unknown>>(trx, 'organisations', { id: organisationId, organisationId }, data.version, {
      name: data.name,
      municipality_code: data.municipalityCode ?? null,
      default_locale: data.defaultLocale,
      description: data.description,
      ...(data.timeZone ? { time_zone: data.timeZone } : {}),
    });
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'organisation', entityId: organisationId, ...diff(before, after) });
    return ok(after);
  });
}
