// Gives a user a new generated password, shown once to the admin and stored only as an argon2id hash.
// The user's sessions end: whoever knew the old password must not stay signed in.
import { recordAudit } from '../../../core/audit';
import { hashPassword } from '../../../core/auth/password';
import { revokeAllSessions } from '../../../core/auth/sessions';
import { generatePassword } from '../../../core/auth/tokens';
import { openCommand } from '../../../core/command';
import type { Ctx } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { loadCurrent } from '../../../core/versioned';
import { canUsers } from '../organisations.policy';
import { findUser, type UserRow } from '../organisations.queries';
import { updateUserVersioned } from '../organisations.rules';
import { passwordReset } from '../organisations.schema';

export interface PasswordResetResult {
  user: UserRow;
  /** Shown once; not kept anywhere. */
  password: string;
}

export async function resetUserPassword(ctx: Ctx, organisationId: string, id: string, input: unknown): Promise<CommandResult<PasswordResetResult>> {
  const parsed = openCommand(ctx, { allowed: canUsers(ctx.actor, 'reset_password', organisationId), schema: passwordReset, input });
  if (!parsed.ok) return parsed;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadCurrent(findUser(trx, organisationId, id));
    if (current.archived_at !== null && current.version === parsed.data.version) return invalid({ _form: ctx.t('users.error.archived') });
    await updateUserVersioned(trx, organisationId, id, parsed.data.version, { password_hash: passwordHash });
    const sessions = await revokeAllSessions(trx, id);
    // The audit entry says that the password changed, never what it is or its hash.
    await recordAudit(trx, ctx.actor, { organisationId, action: 'update', entityType: 'user', entityId: id, before: { password: '…' }, after: { password: 'reset', sessionsRevoked: sessions } });
    return ok({ user: (await findUser(trx, organisationId, id))!, password });
  });
}
