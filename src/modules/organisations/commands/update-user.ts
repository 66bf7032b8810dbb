// Changes a user's name, role and (for reporters) bodies, refusing stale versions and never leaving the organisation without an admin.
import { recordAudit } from '../../../core/audit';
import { runCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { diff, loadCurrent } from '../../../core/versioned';
import { canUsers, knownRole, roleHoldsBodies } from '../organisations.policy';
import { findUser, otherActiveAdmins, type UserRow } from '../organisations.queries';
import { setUserBodies, updateUserVersioned, userBodyErrors } from '../organisations.rules';
import { userUpdate } from '../organisations.schema';

export async function updateUser(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<UserRow>> {
  return runCommand(ctx, { allowed: canUsers(ctx.actor, 'update', organisationId), schema: userUpdate, input }, async (trx, data) => {
    if (!knownRole(ctx, data.role)) return invalid({ role: ctx.t('validation.choice') });
    const current = await loadCurrent(findUser(trx, organisationId, id));
    const held = roleHoldsBodies(data.role) ? [...new Set(data.bodyIds)] : [];
    // Rules are judged against the current record; a stale version is answered as a conflict instead.
    if (current.version === data.version) {
      if (current.role === 'admin' && data.role !== 'admin' && current.archived_at === null && (await otherActiveAdmins(trx, organisationId, id)) === 0) {
        return invalid({ role: ctx.t('users.error.last_admin') });
      }
      const bodyErrors = await userBodyErrors(trx, organisationId, data.role, held, ctx.t);
      if (Object.keys(bodyErrors).length) return invalid(bodyErrors);
    }
    const { before, after } = await updateUserVersioned(trx, organisationId, id, data.version, { name: data.name, role: data.role });
    await setUserBodies(trx, organisationId, id, held);
    const user = (await findUser(trx, organisationId, id))!;
    const changes = diff(before, after);
    if (current.body_ids.join() !== user.body_ids.join()) {
      changes.before.bodyIds = current.body_ids;
      changes.after.bodyIds = user.body_ids;
    }
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'user', entityId: id, ...changes });
    return ok(user);
  });
}
