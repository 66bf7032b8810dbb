// Lets a signed-in user change their own password: the current one is required, the policy applies,
// and every other session ends so that whoever knew the old password is signed out.
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { AppError, invalid, ok, type CommandResult, type FieldErrors } from '../errors';
import { parseInput } from '../validation';
import { passwordHashOf } from './account';
import { hashPassword, verifyPassword } from './password';
import { PASSWORD_LIMITS, passwordProblem } from './password-policy';
import { revokeOtherSessions } from './sessions';
import { beginSignInAttempt, signInSucceeded } from './sign-in-throttle';

// Passwords are taken exactly as typed (no trimming): spaces are part of a passphrase.
const input = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(1).max(1000),
  confirmPassword: z.string().max(1000).default(''),
});

export interface PasswordChange {
  sessionsRevoked: number;
}

export interface Caller {
  /** The session the change is made from, which stays signed in; undefined for an API token. */
  sessionToken: string | undefined;
  /** The client's address, for the same throttle that guards sign-in. */
  clientAddress: string;
}

export async function changeOwnPassword(ctx: Ctx, caller: Caller, raw: unknown): Promise<CommandResult<PasswordChange>> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const parsed = parseInput(input, raw, ctx.t);
  if (!parsed.ok) return parsed;
  const data = parsed.data;

  // Guessing the current password here must be no easier than at the sign-in form.
  const decision = await beginSignInAttempt(ctx.db, actor.email, caller.clientAddress);
  if (!decision.allowed) return invalid({ currentPassword: ctx.t('auth.throttled', { minutes: Math.ceil(decision.retryAfterSeconds / 60) }) });
  const stored = await passwordHashOf(ctx.db, actor.id);
  if (!stored) throw new AppError('unauthenticated');
  const errors: FieldErrors = {};
  if (await verifyPassword(stored, data.currentPassword)) await signInSucceeded(ctx.db, decision.attempt);
  else errors.currentPassword = ctx.t('account.wrong_password');
  const problem = passwordProblem(data.newPassword, { email: actor.email, name: actor.name });
  if (problem) errors.newPassword = ctx.t(problem, PASSWORD_LIMITS);
  else if (data.confirmPassword !== data.newPassword) errors.confirmPassword = ctx.t('account.confirm_mismatch');
  if (Object.keys(errors).length) return invalid(errors);

  // argon2 takes a while; hash before the transaction so it stays short.
  const passwordHash = await hashPassword(data.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', actor.id)
      .execute();
    const sessionsRevoked = await revokeOtherSessions(trx, actor.id, caller.sessionToken);
    // The audit entry says that the password changed, never what it is or its hash.
    await recordAudit(trx, actor, {
      organisationId: actor.organisationId,
      action: 'update',
      entityType: 'user',
      entityId: actor.id,
      before: { password: '…' },
      after: { password: 'changed', sessionsRevoked },
    });
    return ok({ sessionsRevoked });
  });
}
