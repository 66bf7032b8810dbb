// What every module's routes share: the organisation and id in the URL, the API's organisation query,
// one-button actions (publish, archive, a status step) and list filters, each answered the same way everywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, notFound, type CommandResult, type FieldErrors } from '../errors';
import { isConfirmed, sendConfirmation, type Confirmation } from '../html/confirm';
import { redirectWith, type OrgRef } from '../html/view';
import type { Translate } from '../i18n';
import { requireOrg } from '../orgs';
import { formInput, isUuid, parseInput } from '../validation';

/** `?organisation=slug` on API routes; optional where the caller's own organisation is meant. */
export const organisationQuery = z.object({ organisation: z.string().max(63).optional().describe("The organisation's slug, e.g. malmo; a signed-in caller's own by default") });
/** `/:id` of a record. */
export const idParams = z.object({ id: z.uuid() });

/** The organisation named by /o/:org/…; the rest of the request sees only its rows. 404 when there is none. */
export function routeOrg(req: FastifyRequest): Promise<OrgRef> {
  return requireOrg(req.ctx.db, (req.params as { org?: string }).org ?? '');
}

/** The `:id` (or another named parameter) of the URL; a value that cannot be an id is a page that does not exist. */
export function routeId(req: FastifyRequest, name = 'id'): string {
  const id = (req.params as Record<string, string | undefined>)[name];
  if (!isUuid(id)) throw notFound();
  return id;
}

/** The organisation and the record id of /o/:org/<things>/:id. */
export async function routeOrgAndId(req: FastifyRequest): Promise<{ org: OrgRef; id: string }> {
  const org = await routeOrg(req);
  return { org, id: routeId(req) };
}

export interface ButtonAction {
  /** Runs the command with what the button's form sent (the record's version, maybe a comment). */
  run: (req: FastifyRequest, org: OrgRef, id: string, input: Record<string, unknown>) => Promise<CommandResult<unknown>>;
  /** The message shown on the record's page after it worked; it may depend on what was sent (which step). */
  flash: string | ((input: Record<string, unknown>) => string);
  /** Where to go after it worked; the record's page when not given. */
  to?: (org: OrgRef, id: string) => string;
  /**
   * For a step that cannot simply be undone (closing, archiving): what the confirmation page says.
   * A POST without `confirm=yes` then shows that page and changes nothing. It must refuse (throw) an
   * actor who may not take the step, and may answer undefined where there is nothing to confirm
   * (the step will be refused with its reason, or is harmless as asked).
   */
  confirm?: ConfirmStep;
}

export type ConfirmStep = (req: FastifyRequest, org: OrgRef, id: string, input: Record<string, unknown>) => Promise<Confirmation | undefined>;

/**
 * The confirmation step of a form route: when the POST does not carry `confirm=yes` and `build` has
 * something to confirm, sends the confirmation page and answers true (the route is done); otherwise
 * false and the route acts. HTML only: API clients confirm by calling.
 */
export async function confirmFirst(req: FastifyRequest, reply: FastifyReply, org: OrgRef, build: () => Promise<Confirmation | undefined>): Promise<boolean> {
  if (isConfirmed(req.body)) return false;
  const confirmation = await build();
  if (!confirmation) return false;
  // A reply is thenable: it is not handed back through a promise, which would wait for it instead.
  sendConfirmation(req, reply, org, confirmation);
  return true;
}

export interface ButtonActions {
  /** The records' path below /o/:org, e.g. 'goals' or 'follow-up/status-reports'. */
  path: string;
  /** Action name (the last path segment: publish, archive, restore …) → what it does. */
  actions: Record<string, ButtonAction>;
  /** The record's own page again, with the errors at the top and the given status. */
  page: (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, errors: FieldErrors, status: number) => Promise<unknown>;
}

/**
 * POST /o/:org/<path>/:id/<action> for each action: a one-button form (publish, archive, a status
 * step), first through a confirmation page where the action declares one. Every module answers them alike: a redirect to the record with a message; the record's page
 * with the reason at the top (400) when the command refuses; the page as it is now with the conflict
 * explained (409) when someone else changed the record since it was loaded.
 */
export function buttonActionRoutes(app: FastifyInstance, def: ButtonActions): void {
  for (const [name, action] of Object.entries(def.actions)) {
    app.post(`/o/:org/${def.path}/:id/${name}`, async (req, reply) => {
      const { org, id } = await routeOrgAndId(req);
      const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      if (action.confirm) {
        const confirm = action.confirm;
        if (await confirmFirst(req, reply, org, () => confirm(req, org, id, body))) return reply;
      }
      try {
        const result = await action.run(req, org, id, body);
        if (result.ok) return redirectWith(reply, action.to?.(org, id) ?? `/o/${org.slug}/${def.path}/${id}`, typeof action.flash === 'string' ? action.flash : action.flash(body));
        return def.page(req, reply, org, id, asFormErrors(result.fieldErrors), 400);
      } catch (err) {
        if (err instanceof ConflictError) return def.page(req, reply, org, id, { _form: req.ctx.t('error.conflict') }, 409);
        throw err;
      }
    });
  }
}

/** Errors of a one-button form as one message at the top: the page has no field for them to sit beside. */
export function asFormErrors(errors: FieldErrors): FieldErrors {
  const messages = [...new Set(Object.values(errors))];
  return messages.length ? { _form: messages.join(' ') } : {};
}

/**
 * A list page's filters from its query string. A filter that does not parse is left out (the list
 * shows as if it were not set) and reported, so the page can say which one and still show the list.
 */
export function parseFilters<S extends z.ZodObject>(schema: S, query: unknown, t: Translate): { filters: z.output<S>; errors: FieldErrors | undefined } {
  const input = formInput(schema, query);
  const parsed = parseInput(schema, input, t);
  if (parsed.ok) return { filters: parsed.data, errors: undefined };
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !Object.keys(parsed.fieldErrors).some((f) => f === key || f.startsWith(`${key}.`))));
  const retry = parseInput(schema, kept, t);
  // The schema's defaults alone must parse; a schema where they do not is a programming error.
  const filters = retry.ok ? retry.data : schema.parse({});
  return { filters, errors: parsed.fieldErrors };
}
