// Everything the modules declare, gathered once per app: messages, navigation, roles, route access,
// search sources, exports, report sections, widgets, history types, job kinds and record panels. Two modules that
// claim the same key, path, role or type are a programming error, refused when the app is built.
import type { Access, RouteAccess } from './access';
import { CORE_ROLES } from './context';
import { coreAccess } from './http/core-access';
import { MessageCatalogue, type Messages } from './i18n';
import type { JobDefinition } from './jobs/jobs';
import { jobsModule } from './jobs/jobs.manifest';
import { gatheredPagesModule, WORK_PATH } from './gathered-pages';
import { historyModule } from './history';
import { coreMessages } from './messages';
import { uploadMessages } from './uploads';
import { sql } from 'kysely';
import type { ExportDefinition, HistoryType, ModuleManifest, NavItem, RecordPanel, ReportSection, RoleDefinition, SearchSource, UserBodies, Widget } from './manifest';

export interface Catalogue {
  readonly modules: readonly ModuleManifest[];
  readonly messages: MessageCatalogue;
  readonly nav: readonly NavItem[];
  /** Core roles first, then the modules' in their order. */
  readonly roles: readonly RoleDefinition[];
  /** Route key → access class, for every route core and the modules declare. */
  readonly access: ReadonlyMap<string, Access>;
  readonly history: ReadonlyMap<string, HistoryType>;
  readonly search: readonly SearchSource[];
  readonly exports: readonly ExportDefinition[];
  readonly reportSections: readonly ReportSection[];
  readonly overview: readonly Widget[];
  readonly work: readonly Widget[];
  readonly jobs: ReadonlyMap<string, JobDefinition>;
  /** Sections modules add to other modules' record pages, in their order. */
  readonly panels: readonly RecordPanel[];
  /** The bodies users act for; none when no module links users to bodies. */
  readonly userBodies: UserBodies;
}

const NO_USER_BODIES: UserBodies = { ids: () => sql<string[] | null>`null`, names: async () => [] };

/** What the core itself declares beside the modules. */
interface CorePart {
  name: string;
  messages: Messages;
  access: RouteAccess;
}

const CORE_PARTS: CorePart[] = [
  { name: 'core', messages: coreMessages, access: coreAccess },
  // Whoever checks an upload can show why it was refused.
  { name: 'uploads', messages: uploadMessages, access: {} },
];

const coreRoles: RoleDefinition[] = CORE_ROLES.map((name) => ({ name, labelKey: `role.${name}`, descriptionKey: `role.${name}.description` }));

/** The catalogue of the core and `featureModules` (src/modules/index.ts, or a test's own list). */
export function buildCatalogue(featureModules: readonly ModuleManifest[]): Catalogue {
  // Background jobs, the work page, the downloads and the change history are the core's own features, declared the way a module declares one.
  const modules = [...featureModules, jobsModule, gatheredPagesModule, historyModule];
  const core = CORE_PARTS;
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Two modules are named ${m.name}`);
    names.add(m.name);
  }
  const messages = new MessageCatalogue([...core.map((c) => ({ owner: c.name, messages: c.messages })), ...modules.filter((m) => m.messages).map((m) => ({ owner: m.name, messages: m.messages! }))]);

  const access = new Map<string, Access>();
  for (const part of [...core, ...modules]) {
    for (const [key, value] of Object.entries(part.access ?? {})) {
      if (access.has(key)) throw new Error(`Route ${key} is declared twice (${part.name})`);
      access.set(key, value);
    }
  }
  return {
    modules,
    messages,
    // The work page is in the menu once a module puts something on it.
    nav: unique(modules, (m) => m.nav, (n) => n.path, 'navigation path')
      .filter((n) => n.path !== WORK_PATH || modules.some((m) => m.work?.length))
      .sort((a, b) => a.order - b.order),
    roles: [...coreRoles, ...unique(modules, (m) => m.roles, (r) => r.name, 'role', new Set(CORE_ROLES))],
    access,
    history: new Map(unique(modules, (m) => m.history, (h) => h.type, 'history type').map((h) => [h.type, h])),
    search: unique(modules, (m) => m.search, (s) => s.type, 'search type'),
    exports: unique(modules, (m) => m.exports, (e) => e.id, 'export'),
    reportSections: unique(modules, (m) => m.reportSections, (s) => s.id, 'report section').sort((a, b) => a.order - b.order),
    overview: unique(modules, (m) => m.overview, (w) => w.id, 'overview widget').sort((a, b) => a.order - b.order),
    work: unique(modules, (m) => m.work, (w) => w.id, 'work widget').sort((a, b) => a.order - b.order),
    jobs: new Map(unique(modules, (m) => m.jobs, (j) => j.kind, 'job kind').map((j) => [j.kind, j])),
    panels: unique(modules, (m) => m.panels, (p) => p.id, 'record panel').sort((a, b) => a.order - b.order),
    userBodies: unique(modules, (m) => (m.userBodies ? [m.userBodies] : []), () => 'userBodies', 'declaration')[0] ?? NO_USER_BODIES,
  };
}

/** Every module's items of one kind, refusing an id that two modules (or a reserved one) use. */
function unique<T>(modules: readonly ModuleManifest[], items: (m: ModuleManifest) => T[] | undefined, id: (item: T) => string, what: string, reserved = new Set<string>()): T[] {
  const owner = new Map<string, string>([...reserved].map((r) => [r, 'core']));
  const out: T[] = [];
  for (const m of modules) {
    for (const item of items(m) ?? []) {
      const key = id(item);
      const first = owner.get(key);
      if (first !== undefined) throw new Error(`The ${what} ${key} is declared by both ${first} and ${m.name}`);
      owner.set(key, m.name);
      out.push(item);
    }
  }
  return out;
}
