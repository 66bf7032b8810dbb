// Looking up the organisation a URL names. Organisations themselves are managed by the organisations module.
import { randomBytes } from 'node:crypto';
import type { Db, Executor } from './db/schema';
import { notFound } from './errors';
import { narrowTenant } from './db/tenant';
import type { OrgRef } from './html/view';

export async function findOrgBySlug(db: Executor, slug: string): Promise<OrgRef | undefined> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return undefined;
  return db.selectFrom('organisations').select(['id', 'slug', 'name']).where('slug', '=', slug).where('archived_at', 'is', null).executeTakeFirst();
}

/** The organisation a URL names; the rest of the request then sees only that organisation's rows. */
export async function requireOrg(db: Executor, slug: string): Promise<OrgRef> {
  const org = await findOrgBySlug(db, slug);
  if (!org) throw notFound('error.org_not_found');
  narrowTenant(org.id);
  return org;
}

/** A setting generated once and shared by every app server through the database. */
export async function ensureSecret(db: Db, key: string): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  await db.insertInto('settings').values({ key, value: fresh }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
