// Test data factories: each creates what it needs (an organisation, a body) when not given.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../core/auth/password';
import type { Role } from '../core/context';
import type { Db } from '../core/db/schema';
import '../modules/organisations/organisations.tables';
import type { BodyKind } from '../modules/organisations/organisations.tables';

const uid = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface OrgFixture {
  id: string;
  slug: string;
  name: string;
}

export async function buildOrg(db: Db, overrides: Partial<{ slug: string; name: string }> = {}): Promise<OrgFixture> {
  return db
    .insertInto('organisations')
    .values({ slug: overrides.slug ?? `org-${uid()}`, name: overrides.name ?? `Testkommun ${uid()}`, municipality_code: null, default_locale: 'sv', description: '', archived_at: null })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
}

/**
 * A body, by default one that has existed since 2000, so it answers for assignments and council goals
 * of any year a test uses; give `createdAt` for a body created later (a body answers for nothing before).
 */
export async function buildBody(db: Db, overrides: Partial<{ organisationId: string; name: string; kind: BodyKind; parentId: string; createdAt: Date }> = {}) {
  const organisationId = overrides.organisationId ?? (await buildOrg(db)).id;
  const createdAt = overrides.createdAt ?? new Date('2000-01-01T00:00:00Z');
  return db
    .insertInto('bodies')
    .values({ organisation_id: organisationId, name: overrides.name ?? `Nämnd ${uid()}`, kind: overrides.kind ?? 'committee', parent_id: overrides.parentId ?? null, created_at: createdAt, updated_at: createdAt, archived_at: null })
    .returning(['id', 'organisation_id', 'name', 'kind', 'version'])
    .executeTakeFirstOrThrow();
}

export async function buildUser(db: Db, overrides: Partial<{ organisationId: string; role: Role; email: string; name: string; bodyIds: string[] }> = {}) {
  const organisationId = overrides.organisationId ?? (await buildOrg(db)).id;
  const role = overrides.role ?? 'reader';
  const user = await db
    .insertInto('users')
    .values({
      organisation_id: organisationId,
      email: overrides.email ?? `${role}-${uid()}@example.se`,
      name: overrides.name ?? `Test ${role}`,
      role,
      password_hash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
      locale: null,
      archived_at: null,
    })
    .returning(['id', 'email', 'role', 'organisation_id'])
    .executeTakeFirstOrThrow();
  for (const bodyId of overrides.bodyIds ?? []) {
    await db.insertInto('user_bodies').values({ organisation_id: organisationId, user_id: user.id, body_id: bodyId, archived_at: null }).execute();
  }
  return user;
}

export async function buildYear(db: Db, organisationId: string, year: number) {
  return db.insertInto('years').values({ organisation_id: organisationId, year, archived_at: null }).onConflict((oc) => oc.columns(['organisation_id', 'year']).doNothing()).execute();
}

/** An organisation with a budget year and its council, Kommunfullmäktige: what most pages need to have anything to show. */
export async function buildOrgWithCouncil(db: Db, org: { slug: string; name: string; year: number }) {
  const built = await buildOrg(db, { slug: org.slug, name: org.name });
  await buildYear(db, built.id, org.year);
  const council = await buildBody(db, { organisationId: built.id, name: 'Kommunfullmäktige', kind: 'council' });
  return { org: built, council };
}
