// Routes for user accounts: admin pages (list, new, edit, archive, password reset) and the API, where
// members see their colleagues and admins manage accounts. Nothing here answers anonymous callers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { exportRoutes, sendTable } from '../../../core/export';
import { ConflictError, notFound, type FieldErrors } from '../../../core/errors';
import { apiRoute, sendFieldErrors } from '../../../core/http/api';
import { apiOrganisation } from '../../../core/http/core-routes';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { asFormErrors, buttonActionRoutes, idParams, organisationQuery, parseFilters, routeId, routeOrg } from '../../../core/http/routes';
import { redirectWith, sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { formInput } from '../../../core/validation';
import { archiveUser } from '../commands/archive-user';
import { createUser } from '../commands/create-user';
import { resetUserPassword } from '../commands/reset-user-password';
import { updateUser } from '../commands/update-user';
import { canUsers } from '../organisations.policy';
import { presentUser, userJson } from '../organisations.presenter';
import { findUser, listBodies, listUsers, type UserRow } from '../organisations.queries';
import { passwordReset, userArchive, userFields, userUpdate } from '../organisations.schema';
import { NewUserPage, PasswordOncePage, USER_STATES, UserPage, UsersPage, type UserFilterValues, type UserFormValues } from '../views/users';
import { archiveActions, confirmArchive, recordApi, recordListApi } from './records';

const PAGE_SIZE = 100;
const FIELD_LABELS: Record<string, string> = { name: 'users.name', role: 'users.role' };

const toForm = (u: UserRow): UserFormValues => ({ name: u.name, role: u.role, bodyIds: u.body_ids, version: u.version });

/** The form's values without the password: a typed password is never sent back in a page. */
const echo = (input: Record<string, unknown>): UserFormValues => {
  const { password: _password, ...rest } = input;
  return rest as UserFormValues;
};

/** The list's filters: a role this app knows (anything else shows all roles) and active, archived or all accounts. */
const userFilter = (roles: readonly string[]) =>
  z.object({ role: z.string().refine((r) => roles.includes(r)).optional(), state: z.enum(USER_STATES).default('active') });

export function userRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const bodyNames = async (organisationId: string) => new Map((await listBodies(db, organisationId, { includeArchived: true })).map((b) => [b.id, b.name]));
  const bodyOptions = async (organisationId: string, locale: 'sv' | 'en') => (await listBodies(db, organisationId, { locale })).map((b) => ({ value: b.id, label: b.name }));

  const filterOf = (req: FastifyRequest): UserFilterValues => {
    const { role, state } = parseFilters(userFilter(req.server.catalogue.roles.map((r) => r.name)), req.query, req.ctx.t).filters;
    return { role, state };
  };

  const adminOrg = async (req: FastifyRequest) => {
    const org = await routeOrg(req);
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

  exportRoutes(app, 'users', async (req, reply, format) => {
    const org = await adminOrg(req);
    const filter = filterOf(req);
    const users = await listUsers(db, org.id, { ...filter, locale: req.locale });
    const names = await bodyNames(org.id);
    const t = req.ctx.t;
    return sendTable<UserRow>(reply, format, `${org.slug}-users`, [
      { header: 'id', value: (u) => u.id, only: 'csv' },
      { header: t('users.name'), value: (u) => u.name },
      { header: t('users.email'), value: (u) => u.email },
      { header: t('users.role'), value: (u) => t(`role.${u.role}`) },
      { header: t('users.bodies'), value: (u) => u.body_ids.map((id) => names.get(id) ?? id).join(', ') },
      { header: t('users.state'), value: (u) => t(u.archived_at ? 'users.state.archived' : 'users.state.active') },
    ], users, { sheetName: t('nav.users') });
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, org: OrgRef, values: UserFormValues, errors?: FieldErrors) => (
    <NewUserPage v={view(req, reply, org)} org={org} values={values} bodies={await bodyOptions(org.id, req.locale)} {...(errors ? { errors } : {})} />
  );

  app.get('/o/:org/users/new', async (req, reply) => {
    const org = await adminOrg(req);
    return sendHtml(reply, await newPage(req, reply, org, { role: 'reader' }));
  });

  app.post('/o/:org/users', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    const result = await createUser(req.ctx, { ...formInput(userFields, input), organisationId: org.id });
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
  /** A one-button form's refusal: the reasons, or for a stale button that the account changed meanwhile. */
  const stale = (req: FastifyRequest, errors: FieldErrors, status: number): FieldErrors => (status === 409 ? { _form: req.ctx.t('organisations.stale') } : errors);

  app.get('/o/:org/users/:id', async (req, reply) => {
    const org = await adminOrg(req);
    return sendHtml(reply, await userPage(req, reply, org, routeId(req)));
  });

  app.post('/o/:org/users/:id', async (req, reply) => {
    const org = await routeOrg(req);
    const id = routeId(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateUser(req.ctx, org.id, id, formInput(userUpdate, input)), {
      success: (u) => ({ to: `/o/${org.slug}/users/${u.id}` }),
      rerender: (errors, conflict) =>
        userPage(req, reply, org, id, {
          values: { ...echo(input), ...(conflict ? { version: Number(conflict.current.version) } : {}) },
          errors,
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  buttonActionRoutes(app, {
    path: 'users',
    actions: archiveActions(userArchive, archiveUser, confirmArchive('users', findUser, (u) => u.name, (actor, organisationId) => canUsers(actor, 'archive', organisationId)), 'users.archived'),
    page: async (req, reply, org, id, errors, status) => sendHtml(reply, await userPage(req, reply, org, id, { errors: stale(req, errors, status) }), status),
  });

  app.post('/o/:org/users/:id/reset-password', async (req, reply) => {
    const org = await routeOrg(req);
    const id = routeId(req);
    try {
      const result = await resetUserPassword(req.ctx, org.id, id, formInput(passwordReset, req.body));
      if (!result.ok) return sendHtml(reply, await userPage(req, reply, org, id, { errors: asFormErrors(result.fieldErrors) }), 400);
      return sendHtml(reply, <PasswordOncePage v={view(req, reply, org)} org={org} user={result.value.user} password={result.value.password} reason="reset" />);
    } catch (err) {
      if (err instanceof ConflictError) return sendHtml(reply, await userPage(req, reply, org, id, { errors: stale(req, {}, 409) }), 409);
      throw err;
    }
  });

  // JSON API
  const userSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string().describe("admin, strategist, reporter, reader, or a role a module declares"), bodyIds: z.array(z.uuid()), archived: z.boolean(), version: z.number().int() });

  /** Accounts are the members' business: anyone else is refused before anything is read. */
  const memberOrg = async (req: FastifyRequest, slug: string | undefined) => {
    const org = await apiOrganisation(req, slug);
    authorize(req.actor, canUsers(req.actor, 'read', org.id));
    return org;
  };

  recordListApi(app, {
    path: 'users',
    operationId: 'listUsers',
    summary: "Users of the caller's organisation (members only); admins also see archived accounts",
    access: 'signed-in',
    filters: { role: z.string().max(40).optional(), includeArchived: z.enum(['true', 'false']).optional() },
    response: userSchema,
    json: userJson,
    org: memberOrg,
    rows: (req, org, query) => {
      const all = canUsers(req.actor, 'manage', org.id) && query.includeArchived === 'true';
      return listUsers(db, org.id, { role: query.role, state: all ? 'all' : 'active', locale: req.locale });
    },
  });

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users',
      operationId: 'createUser',
      summary: 'Create a user (admins). Without a password one is generated and returned once as generatedPassword',
      tags: ['organisations'],
      access: 'signed-in',
      query: organisationQuery,
      body: userFields,
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

  recordApi(app, {
    path: 'users',
    response: userSchema,
    json: userJson,
    org: memberOrg,
    get: {
      operationId: 'getUser',
      summary: 'One user (members only; archived accounts for admins only)',
      find: async (req, organisationId, id) => {
        const user = await findUser(db, organisationId, id);
        return user && (user.archived_at === null || canUsers(req.actor, 'manage', organisationId)) ? user : undefined;
      },
    },
    update: { operationId: 'updateUser', summary: "Change a user's name, role and bodies (admins); send the version you read", body: userUpdate, run: updateUser },
    actions: {
      archive: { operationId: 'archiveUser', summary: "Archive a user (admins); ends the user's sessions and API tokens", body: userArchive, run: (ctx, organisationId, id, input) => archiveUser(ctx, organisationId, id, input) },
      restore: { operationId: 'restoreUser', summary: 'Restore an archived user (admins)', body: userArchive, run: (ctx, organisationId, id, input) => archiveUser(ctx, organisationId, id, input, true) },
    },
  });

  apiRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/users/:id/reset-password',
      operationId: 'resetUserPassword',
      summary: "Give a user a new generated password (admins), returned once; ends the user's sessions",
      tags: ['organisations'],
      access: 'signed-in',
      params: idParams,
      query: organisationQuery,
      body: passwordReset,
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
