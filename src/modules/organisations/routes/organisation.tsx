// Routes for the organisation itself: its settings page for admins, and the public organisations API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../../core/errors';
import { apiRoute, list, pageQuery, sendFieldErrors } from '../../../core/http/api';
import { conflictFields, formBody, handleForm } from '../../../core/http/forms';
import { routeOrg } from '../../../core/http/routes';
import { sendHtml, view, type OrgRef } from '../../../core/html/view';
import { authorize } from '../../../core/policy';
import { formInput } from '../../../core/validation';
import { updateOrganisation } from '../commands/update-organisation';
import { allMunicipalities } from '../organisations.municipalities';
import { canOrganisation } from '../organisations.policy';
import { organisationJson } from '../organisations.presenter';
import { findOrganisation, findOrganisationBySlug, listOrganisations, type OrganisationRow } from '../organisations.queries';
import { organisationUpdate } from '../organisations.schema';
import { OrganisationSettingsPage, type OrganisationFormValues } from '../views/organisation';

const FIELD_LABELS: Record<string, string> = {
  name: 'organisation.name',
  municipality_code: 'organisation.municipality',
  default_locale: 'organisation.default_locale',
  description: 'organisation.description',
  time_zone: 'organisation.time_zone',
};

const toForm = (o: OrganisationRow): OrganisationFormValues => ({
  name: o.name,
  municipalityCode: o.municipality_code ?? '',
  defaultLocale: o.default_locale,
  description: o.description,
  timeZone: o.time_zone,
  version: o.version,
});

export function organisationRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  const settingsPage = (req: FastifyRequest, reply: FastifyReply, org: OrgRef, values: OrganisationFormValues, extra: { errors?: Record<string, string>; conflict?: { label: string; current: string }[] } = {}) => (
    <OrganisationSettingsPage v={view(req, reply, org)} org={org} values={values} municipalities={allMunicipalities()} {...extra} />
  );

  app.get('/o/:org/settings', async (req, reply) => {
    const org = await routeOrg(req);
    authorize(req.actor, canOrganisation(req.actor, 'update', org.id));
    const row = (await findOrganisation(db, org.id))!;
    return sendHtml(reply, settingsPage(req, reply, org, toForm(row)));
  });

  app.post('/o/:org/settings', async (req, reply) => {
    const org = await routeOrg(req);
    const input = formBody(req.body);
    return handleForm(reply, () => updateOrganisation(req.ctx, org.id, formInput(organisationUpdate, input)), {
      success: () => ({ to: `/o/${org.slug}/settings` }),
      rerender: (errors, conflict) =>
        settingsPage(req, reply, { ...org, name: conflict ? String(conflict.current.name) : org.name }, { ...(input as OrganisationFormValues), ...(conflict ? { version: Number(conflict.current.version) } : {}) }, {
          errors,
          ...(conflict ? { conflict: conflictFields(conflict, FIELD_LABELS, req.ctx.t) } : {}),
        }),
    });
  });

  // JSON API
  const organisationSchema = z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    municipalityCode: z.string().nullable(),
    municipalityName: z.string().nullable(),
    defaultLocale: z.enum(['sv', 'en']),
    description: z.string(),
    timeZone: z.string().describe('IANA time zone the organisation reads times in, e.g. Europe/Stockholm'),
    version: z.number().int(),
  });
  const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });

  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/organisations',
      operationId: 'listOrganisations',
      summary: 'The organisations (municipalities, regions) on this installation',
      tags: ['organisations'],
      access: 'public',
      query: z.object({ ...pageQuery }),
      response: list(organisationSchema),
    },
    async (req, { query }) => {
      const all = await listOrganisations(db, req.locale);
      return { items: all.slice(query.offset, query.offset + query.limit).map(organisationJson), total: all.length };
    },
  );

  apiRoute(
    app,
    { method: 'GET', url: '/api/v1/organisations/:slug', operationId: 'getOrganisation', summary: 'One organisation', tags: ['organisations'], access: 'public', params: slugParam, response: organisationSchema },
    async (_req, { params }) => {
      const org = await findOrganisationBySlug(db, params.slug);
      if (!org) throw notFound('error.org_not_found');
      return organisationJson(org);
    },
  );

  apiRoute(
    app,
    {
      method: 'PUT',
      url: '/api/v1/organisations/:slug',
      operationId: 'updateOrganisation',
      summary: "Update an organisation's name, municipality code, default language, description and time zone (its admins); send the version you read",
      tags: ['organisations'],
      access: 'signed-in',
      params: slugParam,
      body: organisationUpdate,
      response: organisationSchema,
    },
    async (req, { params }, reply) => {
      const org = await findOrganisationBySlug(db, params.slug);
      if (!org) throw notFound('error.org_not_found');
      const result = await updateOrganisation(req.ctx, org.id, req.body);
      if (!result.ok) return sendFieldErrors(reply, req.ctx.t, result.fieldErrors);
      return organisationJson(result.value);
    },
  );
}
