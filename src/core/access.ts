// The access classes a route can declare. Every route belongs to one; the authorization matrix
// (test/security/authz-matrix.test.ts) holds each route to its class, for every kind of actor.
//
// The rules come from PRODUCT.md: the public sees what is published (and follow-up that is approved
// on published subjects); readers and reporters read internal data; a reporter writes follow-up only
// for their own bodies; strategists and admins manage the organisation; admins alone manage accounts
// and the organisation's settings. A role counts only in its own organisation.
export const ACCESS_CLASSES = [
  /** Anyone, signed in or not, of any organisation. Lists and pages may still filter what they show. */
  'public',
  /**
   * Anyone, for a published record (for follow-up: an approved report on a published subject). An
   * unpublished record answers 404 to everyone outside the organisation, so drafts do not leak.
   */
  'public-published',
  /**
   * A report written by one body (follow-up): as public-published for everyone outside the
   * organisation; inside it, a reporter reads their own bodies' reports in every state and other
   * bodies' only once approved (404 before, so existence does not leak); every other member reads all.
   */
  'published-own-body',
  /** Signed-in members of the organisation: every role, module roles included. */
  'member',
  /** Members, but a reporter only for their own bodies (readers and staff see every body). */
  'member-own-body',
  /** Members see the internal page; everyone else is sent to the public one (303). */
  'member-else-public',
  /** Writing follow-up: the reporter of that body, and the organisation's strategists and admins. */
  'reporter-own-body',
  /** Strategists and admins of the organisation. */
  'staff',
  /** Admins of the organisation. */
  'admin',
  /** Signing in and out, choosing a language: anyone, about their own session. */
  'self',
  /** One's own account: any signed-in user, of whichever organisation. */
  'signed-in',
  /** Files under /static/. */
  'static',
] as const;
export type Access = (typeof ACCESS_CLASSES)[number];

/** "METHOD /url/pattern" exactly as the route is registered (HEAD twins of GET routes left out) → its access class. */
export type RouteAccess = Readonly<Record<string, Access>>;
