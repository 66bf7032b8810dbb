// Creates a user account with a role, and for reporters the bodies they write for.
import { z } from 'zod';
import { recordAudit } from '../../../core/audit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../../core/auth/password';
import { generatePassword } from '../../../core/auth/tokens';
import { ROLES, type Ctx, type Role } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { authorize } from '../../../core/policy';
import { idList, parseInput, text } from '../../../core/validation';
import { canUsers } from '../organisations.policy';
import { findBodyByName } from '../organisations.queries';

const userInput = z.object({
  organisationId: z.uuid(),
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(254)),
  name: text(200),
  role: z.enum(ROLES as [Role, ...Role[]]),
  bodyIds: idList().default([]),
  /** Bodies named instead of by id (the CLI). */
  bodyNames: z.array(z.string()).default([]),
  password: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(MIN_PASSWORD_LENGTH).max(1000).optional()),
});

export interface CreatedUser {
  id: string;
  email: string;
  role: Role;
  /** Set when no password was given: shown once to whoever created the account. */
  generatedPassword?: string;
}

export async function createUser(ctx: Ctx, input: unknown): Promise<CommandResult<CreatedUser>> {
  const parsed = parseInput(userInput, input, ctx.locale);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  authorize(ctx.actor, canUsers(ctx.actor, 'create', data.organisationId));
  const generatedPassword = data.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', data.email).executeTakeFirst();
    if (taken) return invalid({ email: ctx.t('users.error.email_taken') });
    const bodyIds = [...data.bodyIds];
    for (const name of data.bodyNames) {
      const body = await findBodyByName(trx, data.organisationId, name);
      if (!body) return invalid({ bodyNames: ctx.t('users.error.unknown_body', { name }) });
      bodyIds.push(body.id);
    }
    if (bodyIds.length) {
      const found = await trx.selectFrom('bodies').select('id').where('organisation_id', '=', data.organisationId).where('id', 'in', bodyIds).execute();
      if (found.length !== new Set(bodyIds).size) return invalid({ bodyIds: ctx.t('users.error.unknown_body', { name: '' }) });
    }
    const user = await trx
      .insertInto('users')
      .values({ organisation_id: data.organisationId, email: data.email, name: data.name, role: data.role, password_hash: passwordHash, locale: null, archived_at: null })
      .returning(['id', 'email', 'role', 'name'])
      .executeTakeFirstOrThrow();
    for (const bodyId of new Set(bodyIds)) {
      await trx.insertInto('user_bodies').values({ organisation_id: data.organisationId, user_id: user.id, body_id: bodyId, archived_at: null }).execute();
    }
    await recordAudit(trx, ctx.actor, {
      organisationId: data.organisationId,
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, bodyIds: [...new Set(bodyIds)] },
    });
    return ok({ id: user.id, email: user.email, role: user.role, ...(generatedPassword ? { generatedPassword } : {}) });
  });
}
