// Background jobs as a feature of the core, declared the way modules declare theirs: the jobs page,
// its menu item for staff, its texts, and the job kinds every module declares.
import type { ModuleManifest } from '../manifest';
import type { JobDefinition } from './jobs';
import { jobsMessages } from './jobs.messages';
import { canSeeJobs } from './jobs.policy';
import { jobRoutes } from './jobs.routes';

/** Every module's job kinds by name; two modules declaring one kind is a programming error caught at start. */
export function jobDefinitions(modules: readonly ModuleManifest[]): Map<string, JobDefinition> {
  const definitions = new Map<string, JobDefinition>();
  for (const m of modules) {
    for (const d of m.jobs ?? []) {
      if (definitions.has(d.kind)) throw new Error(`Job kind ${d.kind} is declared twice (module ${m.name})`);
      definitions.set(d.kind, d);
    }
  }
  return definitions;
}

export function jobsManifest(modules: readonly ModuleManifest[]): ModuleManifest {
  const definitions = jobDefinitions(modules);
  return {
    name: 'jobs',
    messages: jobsMessages,
    routes: (app) => jobRoutes(app, definitions),
    nav: [{ path: 'jobs', labelKey: 'nav.jobs', order: 97, visible: canSeeJobs }],
    history: [{ type: 'job', labelKey: 'history.type.job', href: (org, id) => `/o/${org}/jobs/${id}` }],
  };
}
