// Creates a user account with a role, and for reporters the bodies they write for.
import { z } from 'zod';
import { recordAudit } from '../../../core/audit';
import { ALL_ORGANISATIONS, withTenant } from '../../../core/db/tenant';
import { hashPassword } from '../../../core/auth/password';
import { PASSWORD_LIMITS, passwordProblem } from '../../../core/auth/password-policy';
import { generatePassword } from '../../../core/auth/tokens';
import { openCommand } from '../../../core/command';
import type { Ctx, Role } from '../../../core/context';
import { invalid, ok, type CommandResult } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { canUsers, knownRole, roleHoldsBodies } from '../organisations.policy';
import { findBodyByName, findUser, type UserRow } from '../organisations.queries';
import { setUserBodies, userBodyErrors } from '../organisations.rules';
import { userCreate } from '../organisations.schema';

export interface CreatedUser {
  id: string;
  email: string;
  role: Role;
  user: UserRow;
  /** Set when no password was given: shown once to whoever created the account, and never stored. */
  generatedPassword?: string;
}

const scope = z.object({ organisationId: z.uuid() });

export async function createUser(ctx: Ctx, input: unknown): Promise<CommandResult<CreatedUser>> {
  // Who may create accounts depends on the organisation, so that is read before anything else is judged.
  const target = scope.safeParse(input);
  if (!target.success) return parseInput(userCreate, input, ctx.t) as CommandResult<never>;
  const organisationId = target.data.organisationId;
  const parsed = openCommand(ctx, { allowed: canUsers(ctx.actor, 'create', organisationId), schema: userCreate, input });
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  if (!knownRole(ctx, data.role)) return invalid({ role: ctx.t('validation.choice') });
  const weak = data.password === undefined ? undefined : passwordProblem(data.password, { email: data.email, name: data.name });
  if (weak) return invalid({ password: ctx.t(weak, PASSWORD_LIMITS) });
  const generatedPassword = data.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  return ctx.db.transaction().execute(async (trx) => {
    // E-mail addresses are unique across the installation (sign-in is by e-mail), so this one read
    // looks past the organisation the request works in.
    const taken = await withTenant(ALL_ORGANISATIONS, () => trx.selectFrom('users').select('id').where('email', '=', data.email).executeTakeFirst());
    if (taken) return invalid({ email: ctx.t('users.error.email_taken') });
    const bodyIds = [...data.bodyIds];
    for (const name of data.bodyNames) {
      const body = await findBodyByName(trx, organisationId, name);
      if (!body) return invalid({ bodyNames: ctx.t('users.error.unknown_body', { name }) });
      bodyIds.push(body.id);
    }
    const held = roleHoldsBodies(data.role) ? [...new Set(bodyIds)] : [];
    const bodyErrors = await userBodyErrors(trx, organisationId, data.role, held, ctx.t);
    if (Object.keys(bodyErrors).length) return invalid(bodyErrors);
    const { id } = await trx
      .insertInto('users')
      .values({ organisation_id: organisationId, email: data.email, name: data.name, role: data.role, password_hash: passwordHash, locale: null, archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setUserBodies(trx, organisationId, id, held);
    const user = (await findUser(trx, organisationId, id))!;
    await recordAudit(trx, ctx.actor, {
      organisationId,
      action: 'create',
      entityType: 'user',
      entityId: id,
      after: { email: user.email, name: user.name, role: user.role, bodyIds: user.body_ids },
    });
    return ok({ id, email: user.email, role: user.role, user, ...(generatedPassword ? { generatedPassword } : {}) });
  });
}
