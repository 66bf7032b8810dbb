// The publish / unpublish / archive / restore buttons on a goal's or a direction's page: one form
// route each, answering with a redirect, the page with field errors, or the page as it is now on a conflict.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, type CommandResult, type FieldErrors } from '../../core/errors';
import { formBody } from '../../core/http/forms';
import { redirectWith, type OrgRef } from '../../core/html/view';
import { requireOrg } from '../../core/orgs';

export type RecordCommand = (req: FastifyRequest, organisationId: string, id: string, input: unknown, undo: boolean) => Promise<CommandResult<unknown>>;

export interface RecordActions {
  /** Path segment below /o/:org, e.g. 'goals'. */
  path: string;
  publish: RecordCommand;
  archive: RecordCommand;
  /** The record's own page again, with errors and a status. */
  page: (req: FastifyRequest, reply: FastifyReply, org: OrgRef, id: string, errors: FieldErrors, status: number) => Promise<unknown>;
}

export function recordActionRoutes(app: FastifyInstance, r: RecordActions): void {
  const actions = {
    publish: { run: r.publish, undo: false, flash: 'goals.flash.published' },
    unpublish: { run: r.publish, undo: true, flash: 'goals.flash.unpublished' },
    archive: { run: r.archive, undo: false, flash: 'form.archived' },
    restore: { run: r.archive, undo: true, flash: 'form.restored' },
  };
  for (const [name, action] of Object.entries(actions)) {
    app.post(`/o/:org/${r.path}/:id/${name}`, async (req, reply) => {
      const { org: slug, id } = req.params as { org: string; id: string };
      const org = await requireOrg(app.database.db, slug);
      try {
        const result = await action.run(req, org.id, id, formBody(req.body), action.undo);
        if (result.ok) return redirectWith(reply, `/o/${org.slug}/${r.path}/${id}`, action.flash);
        return r.page(req, reply, org, id, result.fieldErrors, 400);
      } catch (err) {
        // Someone changed the record since the page was loaded: show it as it is now.
        if (err instanceof ConflictError) return r.page(req, reply, org, id, { _form: req.ctx.t('error.conflict') }, 409);
        throw err;
      }
    });
  }
}
