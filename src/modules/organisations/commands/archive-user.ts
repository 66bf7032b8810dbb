// Archives or restores a user account. Archiving ends the user's sessions and API tokens at once:
// an account that is switched off must not stay signed in anywhere.
import { recordAudit } from '../../../core/audit';
import { revokeAllApiTokens, revokeAllSessions } from '../../../core/auth/sessions';
import { runCommand } from '../../../core/command';
import { actorId, type Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent } from '../../../core/versioned';
import { canUsers } from '../organisations.policy';
import { findUser, otherActiveAdmins, type UserRow } from '../organisations.queries';
import { updateUserVersioned } from '../organisations.rules';
import { userArchive } from '../organisations.schema';

export async function archiveUser(ctx: Ctx, organisationId: string, id: string, input: unknown, restore = false): Promise<CommandResult<UserRow>> {
  return runCommand(ctx, { allowed: canUsers(ctx.actor, 'archive', organisationId), schema: userArchive, input }, async (trx, data) => {
    const current = await loadCurrent(findUser(trx, organisationId, id));
    if (!restore && current.version === data.version) {
      if (actorId(ctx.actor) === id) return invalid({ _form: ctx.t('users.error.archive_self') });
      if (current.role === 'admin' && (await otherActiveAdmins(trx, organisationId, id)) === 0) return invalid({ _form: ctx.t('users.error.last_admin') });
    }
    const { before, after } = await updateUserVersioned(trx, organisationId, id, data.version, { archived_at: restore ? null : new Date() });
    const revoked = restore ? undefined : { sessions: await revokeAllSessions(trx, id), apiTokens: await revokeAllApiTokens(trx, id) };
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: restore ? 'restore' : 'archive',
      entityType: 'user',
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: after.archived_at, ...(revoked ? { revoked } : {}) },
    });
    return ok((await findUser(trx, organisationId, id))!);
  });
}
