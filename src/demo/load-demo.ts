// Loads the Malmö demo (src/demo/malmo.ts) into an empty database, in one transaction.
// Rows are inserted directly rather than through the modules' commands: the demo writes history
// (2016 statuses, approved reports) that no command would let a user write today, and it must be
// all-or-nothing, so a process killed half-way leaves an empty database that loads again next start.
import { sql, type Insertable } from 'kysely';
import { recordAudit } from '../core/audit';
import { hashPassword } from '../core/auth/password';
import { generatePassword } from '../core/auth/tokens';
import type { Actor, Role } from '../core/context';
import type { Db, Trx } from '../core/db/schema';
import type { AssignmentStatus, AssignmentsTable } from '../modules/assignments/assignments.tables';
import '../modules/follow-up/follow-up.tables';
import '../modules/goals/goals.tables';
import '../modules/organisations/organisations.tables';
import * as malmo from './malmo';

export interface DemoAccount {
  email: string;
  role: Role;
  name: string;
  /** Shown once, to whoever started the server or ran `riktning demo`. */
  password: string;
  bodies?: string[];
}

const DEMO_ACTOR: Actor = { kind: 'system', label: malmo.DEMO_LABEL };

/** Loads the demo when the database holds no organisation; answers undefined (and writes nothing) otherwise. */
export async function loadDemoIfEmpty(db: Db): Promise<{ accounts: DemoAccount[] } | undefined> {
  if (await hasOrganisation(db)) return undefined;
  // argon2 takes a while per password; hash before the transaction so it stays short.
  const accounts = await Promise.all(
    malmo.users.map(async (u) => {
      const password = generatePassword();
      return { user: u, password, hash: await hashPassword(password) };
    }),
  );
  return db.transaction().execute(async (trx) => {
    // Server and `riktning demo` may start together on PostgreSQL: one loads, the other then sees data.
    await sql`select pg_advisory_xact_lock(hashtextextended('riktning-demo', 0))`.execute(trx);
    if (await hasOrganisation(trx)) return undefined;
    const loaded = await loadInto(trx, accounts);
    return {
      accounts: loaded.map(({ user, password }) => ({
        email: user.email,
        role: user.role,
        name: user.name,
        password,
        ...(user.bodies.length ? { bodies: user.bodies } : {}),
      })),
    };
  });
}

async function hasOrganisation(db: Db | Trx): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

type Account = { user: malmo.DemoUser; password: string; hash: string };

async function loadInto(trx: Trx, accounts: Account[]): Promise<Account[]> {
  // Dates of 2018 material follow the material (malmo.demoDates), never the day of loading.
  const published2018 = new Date(malmo.demoDates.budget2018);
  const org = await trx
    .insertInto('organisations')
    .values({
      slug: malmo.organisation.slug,
      name: malmo.organisation.name,
      municipality_code: malmo.organisation.municipalityCode,
      default_locale: 'sv',
      description: malmo.organisation.description,
      is_demo: true,
      archived_at: null,
    })
    .returning(['id', 'slug', 'name', 'municipality_code', 'description', 'is_demo'])
    .executeTakeFirstOrThrow();
  const orgId = org.id;
  const created = (entityType: string, entityId: string, after: unknown) =>
    recordAudit(trx, DEMO_ACTOR, { organisationId: orgId, action: 'create', entityType, entityId, after });
  await created('organisation', orgId, org);

  // The demo plays out from its first period on: its bodies were in place then. A body answers for
  // nothing from before its creation (an "all committees" assignment, the council's goals), so a
  // creation stamped with the day the demo was loaded would leave every committee owing nothing.
  const bodiesFrom = new Date(`${malmo.periods.map((p) => p.startsOn).sort()[0]}T00:00:00+01:00`);
  const bodyIds = new Map<string, string>();
  for (const b of malmo.bodies) {
    const row = await trx
      .insertInto('bodies')
      .values({
        organisation_id: orgId,
        parent_id: b.parent ? need(bodyIds, b.parent) : null,
        kind: b.kind,
        name: b.name,
        short_name: b.shortName,
        description: b.description,
        created_at: bodiesFrom,
        updated_at: bodiesFrom,
        archived_at: null,
      })
      .returning(['id', 'organisation_id', 'parent_id', 'kind', 'name', 'short_name', 'description', 'version', 'archived_at'])
      .executeTakeFirstOrThrow();
    bodyIds.set(b.name, row.id);
    await created('body', row.id, row);
  }

  for (const y of malmo.years) {
    const row = await trx
      .insertInto('years')
      .values({ organisation_id: orgId, year: y.year, status: y.status, archived_at: null })
      .returning(['id', 'year', 'status'])
      .executeTakeFirstOrThrow();
    await created('year', row.id, row);
  }

  const periodIds = new Map<string, string>();
  for (const p of malmo.periods) {
    const row = await trx
      .insertInto('periods')
      .values({
        organisation_id: orgId,
        year: p.year,
        kind: p.kind,
        name: p.name,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
        report_due: p.reportDue,
        status: p.status,
        archived_at: null,
      })
      .returning(['id', 'year', 'kind', 'name', 'starts_on', 'ends_on', 'report_due', 'status'])
      .executeTakeFirstOrThrow();
    periodIds.set(p.name, row.id);
    await created('period', row.id, row);
  }

  const focusAreaIds = new Map<string, string>();
  for (const [i, f] of malmo.focusAreas.entries()) {
    const row = await trx
      .insertInto('focus_areas')
      .values({ organisation_id: orgId, name: f.name, description: f.description, sort_order: i + 1, archived_at: null })
      .returning(['id', 'name', 'description', 'sort_order'])
      .executeTakeFirstOrThrow();
    focusAreaIds.set(f.name, row.id);
    await created('focus_area', row.id, row);
  }

  const g = malmo.councilGoal;
  const goal = await trx
    .insertInto('goals')
    .values({
      organisation_id: orgId,
      body_id: need(bodyIds, g.body),
      parent_id: null,
      reference: g.reference,
      title: g.title,
      description: g.description,
      year_from: g.year,
      year_to: g.year,
      published_at: published2018,
      archived_at: null,
    })
    .returning(['id', 'body_id', 'reference', 'title', 'description', 'year_from', 'year_to', 'published_at'])
    .executeTakeFirstOrThrow();
  await created('goal', goal.id, goal);

  const d = malmo.direction2018;
  const direction = await trx
    .insertInto('directions')
    .values({ organisation_id: orgId, body_id: need(bodyIds, d.body), year: d.year, title: d.title, body: d.text, published_at: published2018, archived_at: null })
    .returning(['id', 'body_id', 'year', 'title', 'body', 'published_at'])
    .executeTakeFirstOrThrow();
  await created('direction', direction.id, direction);

  const assignmentIds = new Map<string, string>();
  let tick = 0;
  // Distinct, increasing timestamps keep a history's order when several changes share a date.
  const at = (base: Date) => new Date(base.getTime() + tick++ * 1000);

  for (const a of malmo.assignments2018) {
    const id = await insertAssignment(trx, created, {
      organisation_id: orgId,
      reference: a.reference,
      title: a.title,
      body: a.text,
      year: 2018,
      issuer_body_id: need(bodyIds, a.issuer),
      target: a.target,
      target_note: a.targetNote,
      source_kind: 'budget',
      source_title: malmo.BUDGET_2018,
      status: a.status,
      published_at: published2018,
      leadBodyId: a.lead ? need(bodyIds, a.lead) : undefined,
      focusAreaIds: a.focusAreas.map((name) => need(focusAreaIds, name)),
      goalIds: [goal.id],
      history: (a.status === 'new' ? ['new' as const] : ['new' as const, a.status]).map((to) => ({
        to,
        at: at(new Date(to === 'new' ? malmo.demoDates.budget2018 : malmo.demoDates.assignments2018Status)),
        comment: malmo.demoDates.assignments2018Comment,
      })),
    });
    assignmentIds.set(a.reference, id);
  }

  const c = malmo.commission;
  const statuses = (Object.keys(c.counts) as (keyof typeof c.counts)[]).flatMap((s) => Array<keyof typeof c.counts>(c.counts[s]).fill(s));
  for (const [i, status] of statuses.entries()) {
    const n = i + 1;
    await insertAssignment(trx, created, {
      organisation_id: orgId,
      reference: c.reference(n),
      title: c.title(n),
      body: c.text,
      year: c.year,
      issuer_body_id: need(bodyIds, c.issuer),
      target: 'bodies',
      target_note: '',
      source_kind: 'commission',
      source_title: c.sourceTitle,
      status,
      published_at: new Date(malmo.demoDates.commissionPublished),
      leadBodyId: need(bodyIds, c.lead),
      focusAreaIds: [],
      goalIds: [],
      history: c.paths[status].map((to) => ({ to, at: at(new Date(`${c.historyDate}T12:00:00+01:00`)), comment: c.historyComment })),
    });
  }

  const f = malmo.followUpExamples;
  const periodId = need(periodIds, f.period);
  // What a status report and a goal assessment of the demo have in common: a body's report in the period, submitted or approved.
  const reported = (r: { body: string; comment: string; state: 'submitted' | 'approved' }) => ({
    organisation_id: orgId,
    period_id: periodId,
    body_id: need(bodyIds, r.body),
    comment: r.comment,
    state: r.state,
    submitted_at: new Date(malmo.demoDates.followUpSubmitted),
    submitted_by: null,
    approved_at: r.state === 'approved' ? new Date(malmo.demoDates.followUpApproved) : null,
    approved_by: null,
    archived_at: null,
  });
  for (const r of f.statusReports) {
    const row = await trx
      .insertInto('status_reports')
      .values({ ...reported(r), assignment_id: need(assignmentIds, r.assignment), progress: r.progress })
      .returning(['id', 'period_id', 'body_id', 'assignment_id', 'progress', 'comment', 'state', 'submitted_at', 'approved_at'])
      .executeTakeFirstOrThrow();
    await created('status_report', row.id, row);
  }
  for (const r of f.goalAssessments) {
    const row = await trx
      .insertInto('goal_assessments')
      .values({ ...reported(r), goal_id: goal.id, assessment: r.assessment })
      .returning(['id', 'period_id', 'body_id', 'goal_id', 'assessment', 'comment', 'state', 'submitted_at', 'approved_at'])
      .executeTakeFirstOrThrow();
    await created('goal_assessment', row.id, row);
  }

  for (const { user: u, hash } of accounts) {
    const row = await trx
      .insertInto('users')
      .values({ organisation_id: orgId, email: u.email, name: u.name, role: u.role, password_hash: hash, locale: null, archived_at: null })
      .returning(['id', 'email', 'name', 'role'])
      .executeTakeFirstOrThrow();
    const ids = u.bodies.map((name) => need(bodyIds, name));
    for (const bodyId of ids) {
      await trx.insertInto('user_bodies').values({ organisation_id: orgId, user_id: row.id, body_id: bodyId, archived_at: null }).execute();
    }
    await created('user', row.id, { email: row.email, name: row.name, role: row.role, bodyIds: ids });
  }
  return accounts;
}

/** An assignment row as the demo writes it, with its links and the status history that led to its status. */
type AssignmentValues = Pick<Insertable<AssignmentsTable>, 'organisation_id' | 'reference' | 'title' | 'body' | 'year' | 'issuer_body_id' | 'target' | 'target_note' | 'source_kind' | 'source_title'> & {
  status: AssignmentStatus;
  published_at: Date;
  leadBodyId: string | undefined;
  focusAreaIds: string[];
  goalIds: string[];
  /** The status changes that led to `status`, oldest first. */
  history: { to: AssignmentStatus; at: Date; comment: string }[];
};

async function insertAssignment(
  trx: Trx,
  created: (entityType: string, entityId: string, after: unknown) => Promise<void>,
  a: AssignmentValues,
): Promise<string> {
  const { leadBodyId, focusAreaIds, goalIds, history, ...values } = a;
  if (history.at(-1)?.to !== a.status) throw new Error(`demo data: the history of ${a.reference} does not end in ${a.status}`);
  const row = await trx
    .insertInto('assignments')
    .values({ ...values, decision_date: null, deadline: null, archived_at: null })
    .returning(['id', 'reference', 'title', 'body', 'year', 'issuer_body_id', 'target', 'target_note', 'source_kind', 'source_title', 'status', 'published_at'])
    .executeTakeFirstOrThrow();
  const org = a.organisation_id;
  if (leadBodyId) await trx.insertInto('assignment_bodies').values({ organisation_id: org, assignment_id: row.id, body_id: leadBodyId, role: 'lead' }).execute();
  for (const id of focusAreaIds) await trx.insertInto('assignment_focus_areas').values({ organisation_id: org, assignment_id: row.id, focus_area_id: id }).execute();
  for (const id of goalIds) await trx.insertInto('assignment_goals').values({ organisation_id: org, assignment_id: row.id, goal_id: id }).execute();
  let from: AssignmentStatus | null = null;
  for (const h of history) {
    await trx
      .insertInto('assignment_status_changes')
      .values({ organisation_id: org, assignment_id: row.id, from_status: from, to_status: h.to, comment: h.comment, changed_by: null, changed_by_label: malmo.DEMO_LABEL, changed_at: h.at })
      .execute();
    from = h.to;
  }
  await created('assignment', row.id, { ...row, leadBodyId: leadBodyId ?? null, focusAreaIds, goalIds });
  return row.id;
}

function need(ids: Map<string, string>, name: string): string {
  const id = ids.get(name);
  if (!id) throw new Error(`demo data: "${name}" is referred to before it is created`);
  return id;
}
