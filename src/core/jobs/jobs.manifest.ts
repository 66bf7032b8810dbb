// Background jobs as a feature of the core, declared the way modules declare theirs: the jobs page,
// its menu item for staff, its texts and its routes' access. The job kinds come from every module's
// manifest through the catalogue.
import { field, text } from '../history-fields';
import type { ModuleManifest } from '../manifest';
import { jobsAccess } from './jobs.access';
import { jobsMessages } from './jobs.messages';
import { canSeeJobs } from './jobs.policy';
import { jobRoutes } from './jobs.routes';
import { jobsWork, jobsWorkMessages } from './jobs.work';

export const jobsModule: ModuleManifest = {
  name: 'jobs',
  messages: { sv: { ...jobsMessages.sv, ...jobsWorkMessages.sv }, en: { ...jobsMessages.en, ...jobsWorkMessages.en } },
  routes: (app) => jobRoutes(app, app.catalogue.jobs),
  access: jobsAccess,
  nav: [{ path: 'jobs', labelKey: 'nav.jobs', order: 97, visible: canSeeJobs }],
  // Staff see the jobs that failed on their work page.
  work: jobsWork,
  history: [
    {
      type: 'job',
      labelKey: 'history.type.job',
      nounKey: 'history.noun.job',
      href: (org, id) => `/o/${org}/jobs/${id}`,
      // The kind by the name its module gives it; the payload beyond the comment is the kind's own.
      fields: {
        kind: field('jobs.job', (kind, ctx) => {
          const def = ctx.catalogue.jobs.get(String(kind));
          return def ? ctx.t(def.labelKey) : ctx.t('jobs.unknown_kind', { kind: String(kind) });
        }),
        comment: field('history.comment', text),
      },
    },
  ],
};
