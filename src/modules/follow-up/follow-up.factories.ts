// Test data for follow-up: periods, assignments and goals written straight into their tables, so
// these tests do not depend on the goals and assignments modules' commands.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/schema';
import { buildYear } from '../../test/factories';

type AssignmentStatus = 'new' | 'ongoing' | 'progress_reported' | 'reported' | 'closed' | 'cancelled' | 'transferred';
type SourceKind = 'budget' | 'decision' | 'commission' | 'other';

const uid = () => randomBytes(4).toString('hex');

export async function buildPeriod(
  db: Db,
  o: { organisationId: string; year: number; name?: string; status?: 'open' | 'closed'; startsOn?: string; endsOn?: string; reportDue?: string; kind?: 'tertial' | 'interim' | 'annual' | 'other' },
) {
  await buildYear(db, o.organisationId, o.year);
  return db
    .insertInto('periods')
    .values({
      organisation_id: o.organisationId,
      year: o.year,
      kind: o.kind ?? 'tertial',
      name: o.name ?? `Tertial ${uid()} ${o.year}`,
      starts_on: o.startsOn ?? `${o.year}-01-01`,
      ends_on: o.endsOn ?? `${o.year}-04-30`,
      report_due: o.reportDue ?? null,
      status: o.status ?? 'open',
      archived_at: null,
    })
    .returning(['id', 'organisation_id', 'year', 'name', 'status', 'starts_on'])
    .executeTakeFirstOrThrow();
}

export async function buildAssignment(
  db: Db,
  o: {
    organisationId: string;
    year: number;
    issuerBodyId: string;
    title?: string;
    reference?: string;
    status?: AssignmentStatus;
    sourceKind?: SourceKind;
    deadline?: string | null;
    published?: boolean;
    leadBodyId?: string;
    coBodyIds?: string[];
    allCommitteesAndCompanies?: boolean;
    focusAreaIds?: string[];
  },
) {
  await buildYear(db, o.organisationId, o.year);
  const row = await db
    .insertInto('assignments')
    .values({
      organisation_id: o.organisationId,
      reference: o.reference ?? '',
      title: o.title ?? `Uppdrag ${uid()}`,
      year: o.year,
      issuer_body_id: o.issuerBodyId,
      target: o.allCommitteesAndCompanies ? 'all_committees_and_companies' : 'bodies',
      source_kind: o.sourceKind ?? 'budget',
      deadline: o.deadline ?? null,
      decision_date: null,
      status: o.status ?? 'ongoing',
      published_at: o.published === false ? null : new Date(),
      archived_at: null,
    })
    .returning(['id', 'title', 'version', 'status'])
    .executeTakeFirstOrThrow();
  if (o.leadBodyId) await db.insertInto('assignment_bodies').values({ organisation_id: o.organisationId, assignment_id: row.id, body_id: o.leadBodyId, role: 'lead' }).execute();
  for (const bodyId of o.coBodyIds ?? []) {
    await db.insertInto('assignment_bodies').values({ organisation_id: o.organisationId, assignment_id: row.id, body_id: bodyId, role: 'co' }).execute();
  }
  for (const focusAreaId of o.focusAreaIds ?? []) {
    await db.insertInto('assignment_focus_areas').values({ organisation_id: o.organisationId, assignment_id: row.id, focus_area_id: focusAreaId }).execute();
  }
  return row;
}

export async function buildGoal(db: Db, o: { organisationId: string; bodyId: string; yearFrom: number; yearTo?: number | null; title?: string; reference?: string; published?: boolean }) {
  return db
    .insertInto('goals')
    .values({
      organisation_id: o.organisationId,
      body_id: o.bodyId,
      parent_id: null,
      reference: o.reference ?? '',
      title: o.title ?? `Mål ${uid()}`,
      year_from: o.yearFrom,
      year_to: o.yearTo ?? null,
      published_at: o.published === false ? null : new Date(),
      archived_at: null,
    })
    .returning(['id', 'title', 'version'])
    .executeTakeFirstOrThrow();
}

export async function buildFocusArea(db: Db, o: { organisationId: string; name?: string }) {
  return db
    .insertInto('focus_areas')
    .values({ organisation_id: o.organisationId, name: o.name ?? `Fokusområde ${uid()}`, archived_at: null })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}
