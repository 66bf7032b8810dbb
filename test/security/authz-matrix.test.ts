// Every route of the application × every kind of actor, generated from the app's own route table
// and held to test/security/route-policies.ts: refused actors get 401/403/404 and change nothing,
// allowed actors get through, nobody gets a 500, and nobody outside the organisation ever reads an
// unpublished record. Then CSRF on every state-changing request, another organisation's admin
// naming Malmö's ids in their own organisation's URLs, and API tokens under the same policy.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import type { Database } from '../../src/core/db/database';
import type { Db } from '../../src/core/db/schema';
import { loadDemoIfEmpty } from '../../src/demo';
import { createApp } from '../../src/server';
import { ActorClient, type ActorRequest, type CsrfMode } from '../../src/test/actor-client';
import { changedTables, databaseChecksum, type DatabaseChecksum } from '../../src/test/db-checksum';
import { engines, testDatabase } from '../../src/test/db';
import { buildOrg, buildUser } from '../../src/test/factories';
import { routePolicies, type Access } from './route-policies';

const ACTORS = ['anonymous', 'reader', 'reporterA', 'reporterB', 'strategist', 'admin', 'otherAdmin'] as const;
type ActorName = (typeof ACTORS)[number];
const MEMBERS: readonly ActorName[] = ['reader', 'reporterA', 'reporterB', 'strategist', 'admin'];
const STAFF: readonly ActorName[] = ['strategist', 'admin'];

/**
 * Which records a route's parameters name: unpublished ones and drafts (the default), their published
 * counterparts, or follow-up that is approved but on an unpublished assignment or goal (still not public).
 */
type Variant = 'unpublished' | 'published' | 'approved-on-unpublished';

/** A version no record has: writes by allowed actors end in 409 (after the policy check) and change nothing. */
const STALE = 999_999;

/**
 * Writes that take ids and check them only when a background job runs, in the caller's organisation
 * (assignments.jobs.ts refuses an id it cannot find there as not_found): queuing the job succeeds.
 */
const CHECKED_LATER = new Set<string>();

/** Hundreds of requests per test: generous on a busy two-core machine, still a bound on a hang. */
const LONG = 300_000;

/** Routes that end the caller's sessions: each call gets a session of its own, and the shared one is renewed after. */
const SESSION_ENDING = new Set(['POST /sign-out', 'POST /account/sign-out-everywhere']);

/** What a route must answer an actor, from its access class. */
type Expected = 'allowed' | 'refused' | 'hidden' | 'to-public';

function expected(access: Access, actor: ActorName, variant: Variant): Expected {
  const member = MEMBERS.includes(actor);
  switch (access) {
    case 'public':
    case 'self':
    case 'static':
      return 'allowed';
    case 'public-published':
      return variant === 'published' || member ? 'allowed' : 'hidden';
    case 'signed-in':
      return actor === 'anonymous' ? 'refused' : 'allowed';
    case 'member':
      return member ? 'allowed' : 'refused';
    case 'member-own-body':
      return member && actor !== 'reporterB' ? 'allowed' : 'refused';
    case 'member-else-public':
      return member ? 'allowed' : 'to-public';
    case 'reporter-own-body':
      return actor === 'reporterA' || STAFF.includes(actor) ? 'allowed' : 'refused';
    case 'staff':
      return STAFF.includes(actor) ? 'allowed' : 'refused';
    case 'admin':
      return actor === 'admin' ? 'allowed' : 'refused';
  }
}

interface Route {
  method: string;
  url: string;
  key: string;
}

/** The app's routes, without the HEAD twins Fastify adds to every GET route. */
function routesOf(app: FastifyInstance): Route[] {
  const gets = new Set(app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url));
  return app.routeTable
    .filter((r) => !(r.method === 'HEAD' && gets.has(r.url)))
    .map((r) => ({ method: r.method, url: r.url, key: `${r.method} ${r.url}` }));
}

const isWrite = (r: Route) => r.method !== 'GET' && r.method !== 'HEAD';
const isApi = (url: string) => url.startsWith('/api/');

/** Ids and names of the demo and of what the suite adds to it. */
interface Fixtures {
  orgId: string;
  orgSlug: string;
  /** The second organisation, whose admin is the outsider. */
  otherOrgSlug: string;
  /** A word that appears only in records outsiders must never read. */
  marker: string;
  councilBodyId: string;
  bodyA: string;
  bodyB: string;
  periodId: string;
  yearId: string;
  focusAreaIds: string[];
  readerId: string;
  councilGoalId: string;
  publishedDirectionId: string;
  publishedAssignmentId: string;
  approvedStatusReportId: string;
  approvedGoalAssessmentId: string;
  draftGoalId: string;
  draftDirectionId: string;
  draftAssignmentId: string;
  draftStatusReportId: string;
  draftGoalAssessmentId: string;
  approvedUnpublishedStatusReportId: string;
  approvedUnpublishedGoalAssessmentId: string;
  /** A queued background job (the suite runs no job runner, so it stays queued). */
  jobId: string;
}

/** The id a route's `:id` stands for, by the collection the route belongs to. */
function idFor(collection: string, fx: Fixtures, variant: Variant): string | undefined {
  const approvedOnUnpublished: Record<string, string> = {
    'status-reports': fx.approvedUnpublishedStatusReportId,
    'goal-assessments': fx.approvedUnpublishedGoalAssessmentId,
  };
  const published: Record<string, string> = {
    goals: fx.councilGoalId,
    directions: fx.publishedDirectionId,
    assignments: fx.publishedAssignmentId,
    'status-reports': fx.approvedStatusReportId,
    'goal-assessments': fx.approvedGoalAssessmentId,
  };
  const main: Record<string, string> = {
    goals: fx.draftGoalId,
    directions: fx.draftDirectionId,
    assignments: fx.draftAssignmentId,
    'status-reports': fx.draftStatusReportId,
    'goal-assessments': fx.draftGoalAssessmentId,
    bodies: fx.bodyA,
    years: fx.yearId,
    periods: fx.periodId,
    'focus-areas': fx.focusAreaIds[0]!,
    users: fx.readerId,
    jobs: fx.jobId,
    // /o/:org/history/:type/:id: the draft goal's history.
    ':type': fx.draftGoalId,
  };
  const special = variant === 'published' ? published : variant === 'approved-on-unpublished' ? approvedOnUnpublished : {};
  return special[collection] ?? main[collection];
}

/** The concrete URL for a route pattern, or a reason it cannot be built. */
function urlFor(route: Route, fx: Fixtures, variant: Variant): string {
  const segments = route.url.split('/');
  const path = segments
    .map((s, i) => {
      if (s === ':org') return fx.orgSlug;
      if (s === ':slug') return fx.orgSlug;
      if (s === ':locale') return 'sv';
      if (s === ':type') return 'goal';
      if (s === '*') return 'app.css';
      if (s === ':id') {
        const id = idFor(segments[i - 1]!, fx, variant);
        if (!id) throw new Error(`route ${route.key}: no fixture id for "${segments[i - 1]}": add one to idFor in ${import.meta.url}`);
        return id;
      }
      if (s.startsWith(':')) throw new Error(`route ${route.key}: unknown parameter ${s}: add it to urlFor in ${import.meta.url}`);
      return s;
    })
    .join('/');
  const query = new URLSearchParams(queryFor(route.key, fx));
  if (isApi(route.url)) query.set('organisation', fx.orgSlug);
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** Query strings that make a page show what its policy is about (the body in question, the period). */
function queryFor(key: string, fx: Fixtures): Record<string, string> {
  const period = fx.periodId;
  const queries: Record<string, Record<string, string>> = {
    'GET /lang/:locale': { back: '/' },
    // The search page repeats the words searched for, so it looks for a word of the drafts, not the marker.
    'GET /o/:org/search': { q: 'utkast' },
    'GET /api/v1/search': { q: 'utkast' },
    'GET /o/:org/dashboard.csv': { year: '2018' },
    'GET /o/:org/follow-up.csv': { period, body: fx.bodyA },
    'GET /o/:org/follow-up/public': { period },
    'GET /o/:org/follow-up/public.csv': { period },
    'GET /o/:org/follow-up/status-reports/new': { period, body: fx.bodyA, assignment: fx.draftAssignmentId },
    'GET /o/:org/follow-up/goal-assessments/new': { period, body: fx.bodyA, goal: fx.draftGoalId },
  };
  return queries[key] ?? {};
}

/**
 * What a write does, whether it comes from a form or the API: "goals.create", "goals.update",
 * "goals.publish", "focus-areas.order", "organisation.update".
 */
function operation(route: Route): string {
  const path = route.url.replace(/^\/api\/v1\//, '').replace(/^\/o\/:org\/?/, '').replace(/^follow-up\//, '').replace(/^\//, '');
  const [collection = '', second, third] = path.split('/');
  if (collection === 'settings' || collection === 'organisations') return 'organisation.update';
  if (second === undefined) return `${collection}.create`;
  if (second === ':id') return `${collection}.${third ?? 'update'}`;
  return `${collection}.${second}`;
}

/**
 * A plausible body for each write: creates are valid (so a missing policy would show as a write),
 * changes to existing records carry a stale version (so allowed actors end in a 409, not a change).
 */
function payloadFor(route: Route, fx: Fixtures): Record<string, unknown> {
  const op = operation(route);
  const api = isApi(route.url);
  const unique = randomBytes(4).toString('hex');
  const goal = { bodyId: fx.bodyA, title: 'Mål från behörighetstestet', yearFrom: 2018 };
  const direction = { bodyId: fx.bodyB, year: 2018, title: 'Inriktning från behörighetstestet', body: 'Text.' };
  const assignment = { title: 'Uppdrag från behörighetstestet', year: 2018, issuerBodyId: fx.councilBodyId, target: 'bodies', leadBodyId: fx.bodyA, sourceKind: 'budget' };
  const payloads: Record<string, Record<string, unknown>> = {
    'sign-in.create': { email: 'inte-en-adress', password: 'x' },
    'sign-out.create': {},
    'account.password': { currentPassword: 'inte det rätta lösenordet', newPassword: 'ett nytt långt lösenord 42', confirmPassword: 'ett nytt långt lösenord 42' },
    'account.sign-out-everywhere': {},
    'goals.create': goal,
    'goals.update': { ...goal, version: STALE },
    'directions.create': direction,
    'directions.update': { ...direction, version: STALE },
    'assignments.create': assignment,
    'assignments.update': { ...assignment, version: STALE },
    'assignments.status': { status: 'ongoing', comment: 'Från behörighetstestet', version: STALE },
    // Ticked boxes in the list form carry "id:version"; the API takes objects.
    'assignments.bulk-status': {
      status: 'ongoing',
      comment: 'Från behörighetstestet',
      assignments: api ? [{ id: fx.draftAssignmentId, version: STALE }] : [`${fx.draftAssignmentId}:${STALE}`],
    },
    'bodies.create': { name: `Nämnd ${unique}`, kind: 'committee' },
    'bodies.update': { name: 'Servicenämnden', kind: 'committee', version: STALE },
    'years.create': { year: 2031 },
    'years.status': { status: 'closed', version: STALE },
    'periods.create': { year: 2018, kind: 'tertial', name: `Period ${unique}`, startsOn: '2018-05-01', endsOn: '2018-08-31' },
    'periods.update': { year: 2018, kind: 'tertial', name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30', version: STALE },
    'focus-areas.create': { name: `Fokusområde ${unique}` },
    'focus-areas.update': { name: 'Ändrat fokusområde', version: STALE },
    'focus-areas.order': { ids: fx.focusAreaIds },
    'users.create': { email: `ny-${unique}@example.se`, name: 'Ny användare', role: 'reader', password: 'ett långt och ovanligt lösenord 42' },
    'users.update': { name: 'Demo Läsare', role: 'reader', version: STALE },
    'organisation.update': { name: 'Malmö stad', defaultLocale: 'sv', description: '', version: STALE },
    'status-reports.create': { periodId: fx.periodId, bodyId: fx.bodyA, assignmentId: fx.publishedAssignmentId, progress: 'on_track', comment: 'Från behörighetstestet', version: STALE },
    'status-reports.return': { version: STALE, returnComment: 'Komplettera, tack.' },
    'goal-assessments.create': { periodId: fx.periodId, bodyId: fx.bodyA, goalId: fx.councilGoalId, assessment: 'met', comment: 'Från behörighetstestet', version: STALE },
    'goal-assessments.return': { version: STALE, returnComment: 'Komplettera, tack.' },
  };
  return payloads[op] ?? (op.endsWith('.create') ? {} : { version: STALE });
}

function requestFor(route: Route, fx: Fixtures, variant: Variant, csrf?: CsrfMode): ActorRequest {
  const url = urlFor(route, fx, variant);
  const method = route.method as ActorRequest['method'];
  if (!isWrite(route)) return { method, url };
  const payload = payloadFor(route, fx);
  return isApi(route.url) ? { method, url, json: payload, ...(csrf ? { csrf } : {}) } : { method, url, form: payload, ...(csrf ? { csrf } : {}) };
}

const excerpt = (res: LightMyRequestResponse) => {
  const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

describe.each(engines)('authorization matrix on %s', (engine) => {
  let database: Database;
  let db: Db;
  let app: FastifyInstance;
  let fx: Fixtures;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, { id: string; organisation_id: string }>;
  const clients = {} as Record<ActorName, ActorClient>;

  beforeAll(async () => {
    database = await testDatabase(engine);
    db = database.db;
    await loadDemoIfEmpty(db);
    app = await createApp(database, loadConfig({}));
    await app.ready();

    const org = await db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', 'malmo').executeTakeFirstOrThrow();
    const bodies = new Map((await db.selectFrom('bodies').select(['id', 'name']).where('organisation_id', '=', org.id).execute()).map((b) => [b.name, b.id]));
    const body = (name: string) => bodies.get(name) ?? expect.fail(`the demo has no body ${name}`);
    const demoUser = (email: string) => db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow();
    users.reader = await demoUser('lasare@malmo.example');
    users.reporterA = await demoUser('rapportor@malmo.example');
    users.strategist = await demoUser('strateg@malmo.example');
    users.admin = await demoUser('admin@malmo.example');
    users.reporterB = await buildUser(db, { organisationId: org.id, role: 'reporter', bodyIds: [body('Tekniska nämnden')] });
    const other = await buildOrg(db, { name: 'Annan kommun' });
    users.otherAdmin = await buildUser(db, { organisationId: other.id, role: 'admin' });

    clients.anonymous = ActorClient.anonymous(app);
    for (const name of ACTORS) if (name !== 'anonymous') clients[name] = await ActorClient.signedIn(app, users[name]);

    const one = async <T>(q: Promise<T | undefined>, what: string): Promise<T> => (await q) ?? expect.fail(`the demo has no ${what}`);
    const councilGoal = await one(db.selectFrom('goals').select('id').where('organisation_id', '=', org.id).where('reference', '=', 'KF-mål 2018').executeTakeFirst(), 'council goal');
    const assignment = await one(db.selectFrom('assignments').select('id').where('organisation_id', '=', org.id).where('reference', '=', 'Uppdrag 2018:1').executeTakeFirst(), 'Uppdrag 2018:1');
    const period = await one(db.selectFrom('periods').select('id').where('organisation_id', '=', org.id).where('name', '=', 'Tertial 1 2018').executeTakeFirst(), 'Tertial 1 2018');
    const year = await one(db.selectFrom('years').select('id').where('organisation_id', '=', org.id).where('year', '=', 2018).executeTakeFirst(), 'year 2018');
    const direction = await one(db.selectFrom('directions').select('id').where('organisation_id', '=', org.id).where('published_at', 'is not', null).executeTakeFirst(), 'published direction');
    const report = await one(db.selectFrom('status_reports').select('id').where('organisation_id', '=', org.id).where('state', '=', 'approved').executeTakeFirst(), 'approved status report');
    const assessment = await one(db.selectFrom('goal_assessments').select('id').where('organisation_id', '=', org.id).where('state', '=', 'approved').executeTakeFirst(), 'approved goal assessment');
    const focusAreas = await db.selectFrom('focus_areas').select('id').where('organisation_id', '=', org.id).where('archived_at', 'is', null).orderBy('sort_order').execute();

    // Letters only: one word for the Swedish full-text search, unchanged by HTML, CSV and JSON escaping.
    const marker = `hemligmarkor${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
    const base = { orgId: org.id, orgSlug: org.slug, otherOrgSlug: other.slug, marker, councilBodyId: body('Kommunfullmäktige'), bodyA: body('Servicenämnden'), bodyB: body('Tekniska nämnden') };

    // The unpublished records, made the way users make them. Each is tied to published ones, so a
    // public page that lists related records (sub-goals, linked goals, reports) would show the leak.
    const created = async (client: ActorClient, url: string, json: unknown): Promise<string> => {
      const res = await client.send({ method: 'POST', url: `${url}?organisation=${org.slug}`, json });
      if (res.statusCode >= 300) expect.fail(`setting up ${url} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { id: string }).id;
    };
    const draftGoalId = await created(clients.strategist, '/api/v1/goals', {
      bodyId: base.bodyA,
      parentId: councilGoal.id,
      title: `Opublicerat delmål ${marker}`,
      description: `Utkast ${marker}`,
      yearFrom: 2018,
    });
    const draftDirectionId = await created(clients.strategist, '/api/v1/directions', { bodyId: base.bodyA, year: 2018, title: `Utkast ${marker}`, body: `Utkast till inriktning ${marker}` });
    const draftAssignmentId = await created(clients.strategist, '/api/v1/assignments', {
      title: `Opublicerat uppdrag ${marker}`,
      body: `Utkast ${marker}`,
      year: 2018,
      issuerBodyId: base.councilBodyId,
      target: 'bodies',
      leadBodyId: base.bodyA,
      sourceKind: 'budget',
      // Past its deadline and open: it would be counted and listed among late assignments.
      deadline: '2018-06-30',
      goalIds: [councilGoal.id],
    });
    await db.insertInto('assignment_goals').values({ organisation_id: org.id, assignment_id: assignment.id, goal_id: draftGoalId }).execute();
    const draftStatusReportId = await created(clients.reporterA, '/api/v1/status-reports', {
      periodId: period.id,
      bodyId: base.bodyA,
      assignmentId: assignment.id,
      progress: 'at_risk',
      comment: `Utkast ${marker}`,
    });
    const draftGoalAssessmentId = await created(clients.reporterA, '/api/v1/goal-assessments', {
      periodId: period.id,
      bodyId: base.bodyA,
      goalId: councilGoal.id,
      assessment: 'not_met',
      comment: `Utkast ${marker}`,
    });

    // Approved follow-up on the unpublished assignment and goal: approved, yet still not public.
    const approved = async (collection: 'status-reports' | 'goal-assessments', json: Record<string, unknown>): Promise<string> => {
      const saved = await clients.reporterA.send({ method: 'POST', url: `/api/v1/${collection}?organisation=${org.slug}`, json });
      const { id, version } = saved.json() as { id: string; version: number };
      const submitted = await clients.reporterA.send({ method: 'POST', url: `/api/v1/${collection}/${id}/submit?organisation=${org.slug}`, json: { version } });
      const res = await clients.strategist.send({ method: 'POST', url: `/api/v1/${collection}/${id}/approve?organisation=${org.slug}`, json: { version: (submitted.json() as { version: number }).version } });
      if (res.statusCode !== 200) expect.fail(`approving a ${collection} item failed: ${saved.statusCode} ${submitted.statusCode} ${res.statusCode} ${res.body}`);
      return id;
    };
    const approvedUnpublishedStatusReportId = await approved('status-reports', {
      periodId: period.id,
      bodyId: base.bodyA,
      assignmentId: draftAssignmentId,
      progress: 'on_track',
      comment: `Godkänd men opublicerad ${marker}`,
    });
    const approvedUnpublishedGoalAssessmentId = await approved('goal-assessments', {
      periodId: period.id,
      bodyId: base.bodyA,
      goalId: draftGoalId,
      assessment: 'met',
      comment: `Godkänd men opublicerad ${marker}`,
    });

    const job = await clients.strategist.send({
      method: 'POST',
      url: `/api/v1/assignments/bulk-status?organisation=${org.slug}`,
      json: { status: 'ongoing', comment: 'Från behörighetstestet', assignments: [{ id: draftAssignmentId, version: STALE }] },
    });
    if (job.statusCode !== 202) expect.fail(`starting a job failed: ${job.statusCode} ${job.body}`);

    fx = {
      ...base,
      jobId: (job.json() as { id: string }).id,
      approvedUnpublishedStatusReportId,
      approvedUnpublishedGoalAssessmentId,
      periodId: period.id,
      yearId: year.id,
      focusAreaIds: focusAreas.map((f) => f.id),
      readerId: users.reader.id,
      councilGoalId: councilGoal.id,
      publishedDirectionId: direction.id,
      publishedAssignmentId: assignment.id,
      approvedStatusReportId: report.id,
      approvedGoalAssessmentId: assessment.id,
      draftGoalId,
      draftDirectionId,
      draftAssignmentId,
      draftStatusReportId,
      draftGoalAssessmentId,
    };
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** The database as the last refused request left it; forgotten whenever a request may have written. */
  let known: DatabaseChecksum | undefined;

  /** Sends `req`; when `unchanged` is asked for, also the tables the request changed. */
  async function send(client: ActorClient, req: ActorRequest, unchanged: boolean): Promise<{ res: LightMyRequestResponse; changed: string[] }> {
    const before = unchanged ? (known ?? (await databaseChecksum(db))) : undefined;
    known = undefined;
    const res = await client.send(req);
    if (!before) return { res, changed: [] };
    known = await databaseChecksum(db);
    return { res, changed: changedTables(before, known) };
  }

  /** A new session for `actor` (the sessions table changes, so the known state is forgotten). */
  async function fresh(actor: Exclude<ActorName, 'anonymous'>): Promise<ActorClient> {
    known = undefined;
    return ActorClient.signedIn(app, users[actor]);
  }

  /**
   * Sends `req` as `actor` and checks the answer against what the policy expects; returns the
   * problems found. Refused requests are also checked to leave the database as it was.
   */
  async function check(client: ActorClient, actor: ActorName, label: string, req: ActorRequest, want: Expected): Promise<string[]> {
    const { res, changed } = await send(client, req, want !== 'allowed');
    const problems: string[] = [];
    const got = `${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
    const where = `${actor} ${req.method} ${req.url} (${label})`;
    if (res.statusCode >= 500) problems.push(`${where}: ${got} ${excerpt(res)}`);
    else if (want === 'allowed') {
      if (res.statusCode === 401 || res.statusCode === 403) problems.push(`${where}: allowed by policy, but refused with ${got} ${excerpt(res)}`);
      else if (req.method === 'GET' && res.statusCode >= 400) problems.push(`${where}: allowed by policy, but answered ${got} ${excerpt(res)}`);
    } else if (want === 'hidden') {
      if (res.statusCode !== 404) problems.push(`${where}: an unpublished record must be 404 outside the organisation, got ${got}`);
    } else if (want === 'to-public') {
      if (res.statusCode !== 303 || !res.headers.location?.startsWith(`/o/${fx.orgSlug}/follow-up/public`)) problems.push(`${where}: expected 303 to the public page, got ${got}`);
    } else {
      const toSignIn = actor === 'anonymous' && req.method === 'GET' && !isApi(req.url) && res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in');
      if (![401, 403, 404].includes(res.statusCode) && !toSignIn) problems.push(`${where}: refused by policy, but answered ${got} ${excerpt(res)}`);
    }
    if ((actor === 'anonymous' || actor === 'otherAdmin') && res.body.includes(fx.marker)) {
      problems.push(`${where}: shows an unpublished record to someone outside the organisation`);
    }
    if (changed.length) problems.push(`${where}: refused (${got}), yet changed ${changed.join(', ')}`);
    return problems;
  }

  it('has a policy for every route', () => {
    const missing = routesOf(app)
      .filter((r) => !(r.key in routePolicies))
      .map((r) => `route ${r.key} has no policy: add it to test/security/route-policies.ts`);
    expect(missing).toEqual([]);
    const gone = Object.keys(routePolicies).filter((key) => !routesOf(app).some((r) => r.key === key));
    expect(gone, 'policies for routes that no longer exist').toEqual([]);
  });

  it('answers every route as its policy says, to every kind of actor, and a refusal changes nothing', async () => {
    const problems: string[] = [];
    for (const route of routesOf(app)) {
      const access = routePolicies[route.key];
      if (!access) continue;
      const variants: Variant[] = ['unpublished'];
      if (access === 'public-published') variants.push('published');
      if (access === 'public-published' && /status-reports|goal-assessments/.test(route.url)) variants.push('approved-on-unpublished');
      for (const variant of variants) {
        for (const actor of ACTORS) {
          const endsSessions = SESSION_ENDING.has(route.key) && actor !== 'anonymous';
          const client = endsSessions ? await fresh(actor) : clients[actor];
          problems.push(...(await check(client, actor, `${access}, ${variant}`, requestFor(route, fx, variant), expected(access, actor, variant))));
          if (endsSessions) clients[actor] = await fresh(actor);
        }
      }
    }
    expect(problems).toEqual([]);
  }, LONG);

  it('refuses every state-changing request without a valid CSRF token (403) and changes nothing', async () => {
    const problems: string[] = [];
    const someoneElsesToken = await ActorClient.anonymous(app).csrf();
    for (const route of routesOf(app).filter(isWrite)) {
      const attempts: [ActorName, string, CsrfMode][] = [
        ['admin', 'no token', 'none'],
        ['admin', "another browser's token", { token: someoneElsesToken }],
        ['anonymous', 'no token', 'none'],
      ];
      for (const [actor, label, csrf] of attempts) {
        const req = requestFor(route, fx, 'unpublished', csrf);
        const { res, changed } = await send(clients[actor], req, true);
        const where = `${actor} ${req.method} ${req.url} (${label})`;
        if (res.statusCode !== 403) problems.push(`${where}: expected 403, got ${res.statusCode} ${excerpt(res)}`);
        if (changed.length) problems.push(`${where}: changed ${changed.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    // The admin's session survived every attempt, sign-out included.
    expect((await clients.admin.send({ method: 'GET', url: `/o/${fx.orgSlug}/settings` })).statusCode).toBe(200);
  }, LONG);

  it("keeps another organisation's admin away from Malmö's records through their own organisation's URLs", async () => {
    // The policy check passes here (an admin in their own organisation), so only the queries'
    // `where organisation_id = …` stands between them and Malmö's ids in the path, query or body.
    const malmoIds = [fx.bodyA, fx.bodyB, fx.councilBodyId, fx.periodId, fx.yearId, fx.readerId, fx.councilGoalId, fx.publishedAssignmentId, fx.draftGoalId, fx.draftAssignmentId, fx.draftDirectionId, fx.draftStatusReportId, fx.draftGoalAssessmentId, fx.jobId, ...fx.focusAreaIds];
    const inOwnOrganisation = { ...fx, orgSlug: fx.otherOrgSlug };
    const problems: string[] = [];
    let tried = 0;
    for (const route of routesOf(app)) {
      if (!(route.key in routePolicies) || (!route.url.includes(':org') && !isApi(route.url))) continue;
      const req = requestFor(route, inOwnOrganisation, 'unpublished');
      if (!malmoIds.some((id) => req.url.includes(id) || JSON.stringify(req.json ?? req.form ?? {}).includes(id))) continue;
      tried++;
      const before = await databaseChecksum(db, { organisationId: fx.orgId });
      known = undefined;
      const res = await clients.otherAdmin.send(req);
      const changed = changedTables(before, await databaseChecksum(db, { organisationId: fx.orgId }));
      const where = `otherAdmin ${req.method} ${req.url}`;
      if (res.statusCode >= 500) problems.push(`${where}: ${res.statusCode} ${excerpt(res)}`);
      if (isWrite(route) && res.statusCode < 400 && !CHECKED_LATER.has(route.key)) problems.push(`${where}: a write naming another organisation's records succeeded (${res.statusCode})`);
      if (res.body.includes(fx.marker)) problems.push(`${where}: shows another organisation's unpublished record`);
      if (changed.length) problems.push(`${where}: changed Malmö's ${changed.join(', ')}`);
    }
    expect(tried).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, LONG);

  it('lets API tokens call without CSRF and holds them to the same policy', async () => {
    const problems: string[] = [];
    for (const actor of ACTORS) {
      if (actor === 'anonymous') continue;
      const client = await ActorClient.withApiToken(app, users[actor]);
      known = undefined;
      for (const route of routesOf(app).filter((r) => isApi(r.url))) {
        const access = routePolicies[route.key];
        if (!access) continue;
        problems.push(...(await check(client, actor, `${access}, API token`, requestFor(route, fx, 'unpublished', 'none'), expected(access, actor, 'unpublished'))));
      }
    }
    expect(problems).toEqual([]);
    const res = await ActorClient.anonymous(app).send({ method: 'GET', url: `/api/v1/users?organisation=${fx.orgSlug}` });
    expect(res.statusCode).toBe(401);
    const forged = await app.inject({ method: 'GET', url: `/api/v1/goals?organisation=${fx.orgSlug}`, headers: { authorization: 'Bearer rk_not-a-token' } });
    expect(forged.statusCode).toBe(401);
  }, LONG);
});
