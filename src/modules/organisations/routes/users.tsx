// Routes for user accounts: admin pages (list, new, edit, archive, password reset) and the API, where
// members see their colleagues and admins manage accounts. Nothing here answers anonymous callers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendCsv } from '../../../core/csv';
import { ConflictError, notFound, type FieldErrors } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { redirectWith, sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { archiveUser } from '../commands/archive-user';
import { createUser } from '../commands/create-user';
import { resetUserPassword } from '../commands/reset-user-password';
import { updateUser } from '../commands/update-user';
import { canUsers } from '../organisations.policy';
import { presentUser, userJson } from '../organisations.presenter';
import { findUser, listBodies, listUsers, type UserRow } from '../organisations.queries';
import { NewUserPage, PasswordOncePage, USER_STATES, UserPage, UsersPage, type UserFilterValues, type UserFormValues } from '../views/users';
import { asFormErrors, idParam, orgOf, orgQuery, pick, versionBody } from './shared';

const PAGE_SIZE = 100;
const FIELD_LABELS: Record<string, string> = { name: 'users.name', role: 'users.role' };

const toForm = (u: UserRow): UserFormValues => ({ name: u.name, role: u.role, bodyIds: u.body_ids, version: u.version });

/** The form's values without the password: a typed password is never sent back in a page. */
const echo = (input: Record<string, unknown>): UserFormValues => {
  const { password: _password, ...rest } = input;
  return rest as UserFormValues;
};

export function userRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const bodyNames = async (organisationId: string) => new Map((await listBodies(db, organisationId, { includeArchived: true })).map((b) => [b.id, b.name]));
  const bodyOptions = async (organisationId: string, locale: 'sv' | 'en') => (await listBodies(db, organisationId, { locale })).map((b) => ({ value: b.id, label: b.name }));

  const filterOf = (req: FastifyRequest): UserFilterValues => {
    const q = req.query as { role?: unknown; state?: unknown };
    return { role: pick(q.role, req.server.catalogue.roles.map((r) => r.name)), state: pick(q.state, USER_STATES) ?? 'active' };
  };

  const adminOrg = async (req: FastifyRequest) => {
    const org = await orgOf(db, req);
    authorize(req.actor, canUsers(req.actor, 'manage', org.id));
    return org;
  };

  app.get('/o/:org/users', async (req, reply) => {
    const org = await adminOrg(req);
    const filter = filterOf(req);
    const offset = Math.max(0, Math.floor(Number((req.query as { offset?: string }).offset)) || 0);
    const v = view(req, reply, org);
    const all = await listUsers(db, org.id, { ...filter, locale: req.locale });
    const names = await bodyNames(org.id);
    const users = all.slice(offset, offset + PAGE_SIZE).map((u) => presentUser(u, req.actor, v.t, names));
    return sendHtml(reply, <UsersPage v={v} org={org} users={users} total={all.length} limit={PAGE_SIZE} offset={offset} filter={filter} />);
  });

  app.get('/o/:org/users.csv', async (req, reply) => {
    const org = await adminOrg(req);
    const filter = filterOf(req);
    const users = await listUsers(db, org.id, { ...filter, locale: req.locale });
    const names = await bodyNames(org.id);
    const t = req.ctx.t;
    return sendCsv<UserRow>(reply, `${org.slug}-users.csv`, [
      { header: 'id', value: (u) => u.id },
      { header: t('users.name'), value: (u) => u.name },
      { header: t('users.email'), value: (u) => u.email },
      { header: t('users.role'), value: (u) => t(`role.${u.role}`) },
      { header: t('users.bodies'), value: (u) => u.body_ids.map((id) => names.get(id) ?? id).join(', ') },
      { header: t('users.state'), value: (u) => t(u.archived_at ? 'users.state.archived' : 'users.state.active') },
    ], users);
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, values: UserFormValues, errors?: FieldErrors) => (
    <NewUserPage v={view(req, reply, org)} org={org} values={values} bodies={await bodyOptions(org.id, req.locale)} {...(errors ? { errors } : {})} />
  );

  app.get('/o/:org/users/new', async (req, reply) => {
    const org = await adminOrg(req);
    return sendHtml(reply, await newPage(req, reply, org, { role: 'reader' }));
  });

  app.post('/o/:org/users', async (req, reply) => {
    const org = await orgOf(db, req);
    const input = formBody(req.body);
    const result = await createUser(req.ctx, { ...input, organisationId: org.id });
    if (!result.ok) return sendHtml(reply, await newPage(req, reply, org, echo(input), result.fieldErrors), 400);
    // A generated password is shown in this answer and nowhere else: not in a redirect, a cookie or the database.
    if (result.value.generatedPassword) {
      return sendHtml(reply, <PasswordOncePage v={view(req, reply, org)} org={org} user={result.value.user} password={result.value.generatedPassword} reason="created" />);
    }
    return redirectWith(reply, `/o/${org.slug}/users/${result.value.id}`, 'users.created');
  });

  const userPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, extra: { values?: UserFormValues; errors?: FieldErrors; conflict?: { label: string; current: string }[] } = {}) => {
    const user = await findUser(db, org.id, id);
    if (!user) throw notFound();
    const v = view(req, reply, org);
    const { values, ...rest } = extra;
    return (
      <UserPage v={v} org={org} user={presentUser(user, req.actor, v.t, await bodyNames(org.id))} values={values ?? toForm(user)} bodies={await bodyOptions(org.id, req.locale)} {...rest} />
    );
  };

  app.get('/o/:org/users/:id', async (req, reply) => {
    const org = await adminOrg(req);
    return sendHtml(reply, await userPage(req, reply, org, idParam(req)));
  });

  app.post('/o/:org/users/:id', async (req, reply) => {
    const org = await orgOf(db, req);
    const id = idParam(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateUser(req.ctx, org.id, id, input), {
      success: (u) => ({ to: `/o/${org.slug}/users/${u.id}` }),
      rerender: (errors, conflict) =>
        userPage(req, reply, org, id, {
          values: { ...echo(input), ...(conflict ? { version: Number(conflict.current.version) } : {}) },
          errors,
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/o/:org/users/:id/${action}`, async (req, reply) => {
      const org = await orgOf(db, req);
      const id = idParam(req);
      return handleForm(reply, () => archiveUser(req.ctx, org.id, id, formBody(req.body), action === 'restore'), {
        success: () => ({ to: `/o/${org.slug}/users/${id}`, flash: action === 'restore' ? 'form.restored' : 'users.archived' }),
        rerender: (errors, conflict) => userPage(req, reply, org, id, { errors: conflict ? { _form: req.ctx.t('organisations.stale') } : asFormErrors(errors) }),
      });
    });
  }

  app.post('/o/:org/users/:id/reset-password', async (req, reply) => {
    const org = await orgOf(db, req);
    const id = idParam(req);
    try {
      const result = await resetUserPassword(req.ctx, org.id, id, formBody(req.body));
      if (!result.ok) return sendHtml(reply, await userPage(req, reply, org, id, { errors: asFormErrors(result.fieldErrors) }), 400);
      return sendHtml(reply, <PasswordOncePage v={view(req, reply, org)} org={org} user={result.value.user} password={result.value.password} reason="reset" />);
    } catch (err) {
      if (err instanceof ConflictError) {
        return sendHtml(reply, await userPage(req, reply, org, id, { errors: { _form: req.ctx.t('organisations.stale') } }), 409);
      }
      throw err;
    }
  });

  // JSON API
  const userSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string().describe("admin, strategist, reporter, reader, or a role a module declares"), bodyIds: z.array(z.uuid()), archived: z.boolean(), version: z.number().int() });

  const memberOrg = async (req: FastifyRequest, slug: string | undefined) => {
    const org = await apiOrganisation(req, slug);
    authorize(req.actor, canUsers(req.actor, 'read', org.id));
    return org;
  };

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/users',
      operationId: 'listUsers',
      summary: "Users of the caller's organisation (members only); admins also see archived accounts",
      tags: ['organisations'],
      access: 'signed-in',
      query: orgQuery.extend({ role: z.string().max(40).optional(), includeArchived: z.enum(['true', 'false']).optional(), ...pageQuery }),
      response: list(userSchema),
    },
    async (req, { query }) => {
      const org = await memberOrg(req, query.organisation);
      const all = canUsers(req.actor, 'manage', org.id) && query.includeArchived === 'true';
      const users = await listUsers(db, org.id, { role: query.role, state: all ? 'all' : 'active', locale: req.locale });
      return { items: users.slice(query.offset, query.offset + query.limit).map(userJson), total: users.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/users/:id', operationId: 'getUser', summary: 'One user (members only; archived accounts for admins only)', tags: ['organisations'], access: 'signed-in', params: z.object({ id: z.uuid() }), query: orgQuery, response: userSchema },
    async (req, { params, query }) => {
      const org = await memberOrg(req, query.organisation);
      const user = await findUser(db, org.id, params.id);
      if (!user || (user.archived_at !== null && !canUsers(req.actor, 'manage', org.id))) throw notFound();
      return userJson(user);
    },
  );

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users',
      operationId: 'createUser',
      summary: 'Create a user (admins). Without a password one is generated and returned once as generatedPassword',
      tags: ['organisations'],
      access: 'signed-in',
      query: orgQuery,
      body: z.object({ email: z.string(), name: z.string(), role: z.string().max(40), bodyIds: z.array(z.uuid()).optional(), password: z.string().optional() }),
      response: userSchema.extend({ generatedPassword: z.string().optional() }),
      status: 201,
    },
    async (req, { query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await createUser(req.ctx, { ...(req.body as object), organisationId: org.id });
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      reply.header('cache-control', 'no-store');
      return { ...userJson(result.value.user), ...(result.value.generatedPassword ? { generatedPassword: result.value.generatedPassword } : {}) };
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/users/:id',
      operationId: 'updateUser',
      summary: "Change a user's name, role and bodies (admins); send the version you read",
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: z.object({ name: z.string(), role: z.string().max(40), bodyIds: z.array(z.uuid()).optional(), version: z.number().int() }),
      response: userSchema,
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await updateUser(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return userJson(result.value);
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    apiRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/users/:id/${action}`,
        operationId: `${action}User`,
        summary: action === 'archive' ? "Archive a user (admins); ends the user's sessions and API tokens" : 'Restore an archived user (admins)',
        tags: ['organisations'],
        access: 'signed-in',
        params: z.object({ id: z.uuid() }),
        query: orgQuery,
        body: versionBody,
        response: userSchema,
      },
      async (req, { params, query }, reply) => {
        const org = await apiOrganisation(req, query.organisation);
        const result = await archiveUser(req.ctx, org.id, params.id, req.body, action === 'restore');
        if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
        return userJson(result.value);
      },
    );
  }

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users/:id/reset-password',
      operationId: 'resetUserPassword',
      summary: "Give a user a new generated password (admins), returned once; ends the user's sessions",
      tags: ['organisations'],
      access: 'signed-in',
      params: z.object({ id: z.uuid() }),
      query: orgQuery,
      body: versionBody,
      response: userSchema.extend({ password: z.string() }),
    },
    async (req, { params, query }, reply) => {
      const org = await apiOrganisation(req, query.organisation);
      const result = await resetUserPassword(req.ctx, org.id, params.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      reply.header('cache-control', 'no-store');
      return { ...userJson(result.value.user), password: result.value.password };
    },
  );
}
