// Which organisation the current request works in. PostgreSQL's row-level security reads it, so a
// query that forgets its `where organisation_id = …` still sees only that organisation's rows.
import { AsyncLocalStorage } from 'node:async_hooks';

/** 'all' for work that legitimately spans organisations: start-up, the CLI, sign-in, the home page. */
export type TenantScope = { organisationId: string | 'all' };

const storage = new AsyncLocalStorage<TenantScope>();

export const ALL_ORGANISATIONS = 'all';

/** The organisation queries run as now; outside any request scope, all (the CLI, migrations, the demo loader). */
export function currentTenant(): string {
  return storage.getStore()?.organisationId ?? ALL_ORGANISATIONS;
}

/** Runs `fn` (and everything it awaits) scoped to one organisation, or to all. */
export function withTenant<T>(organisationId: string | 'all', fn: () => T): T {
  return storage.run({ organisationId }, fn);
}

/** Runs the rest of a request inside a fresh scope that starts as 'all' (for Fastify's callback hooks). */
export function enterRequestScope(scope: TenantScope, next: () => void): void {
  storage.run(scope, next);
}

/**
 * Narrows the current request to one organisation once its route has resolved it (requireOrg,
 * apiOrganisation). Narrowing twice to different organisations is a bug and is refused.
 */
export function narrowTenant(organisationId: string): void {
  const scope = storage.getStore();
  if (!scope) return;
  if (scope.organisationId !== ALL_ORGANISATIONS && scope.organisationId !== organisationId) {
    throw new Error('A request cannot work in two organisations');
  }
  scope.organisationId = organisationId;
}
