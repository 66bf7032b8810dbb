// Who may use each route of the application: the policy the authorization matrix (authz-matrix.test.ts)
// holds every route to, for every kind of actor. A route missing here fails that suite, so a new
// route cannot ship without someone deciding who may call it.
//
// The rules come from PRODUCT.md and issue 2: the public sees what is published (and follow-up that
// is approved on published subjects); readers and reporters read internal data; a reporter writes
// follow-up only for their own bodies; strategists and admins manage the organisation; admins alone
// manage accounts and the organisation's settings. A role counts only in its own organisation.

export type Access =
  /** Anyone, signed in or not, of any organisation. Lists and pages may still filter what they show. */
  | 'public'
  /**
   * Anyone, for a published record (for follow-up: an approved report on a published subject). An
   * unpublished record answers 404 to everyone outside the organisation, so drafts do not leak.
   */
  | 'public-published'
  /** Signed-in members of the organisation: reader, reporters, strategist, admin. */
  | 'member'
  /** Members, but a reporter only for their own bodies (readers and staff see every body). */
  | 'member-own-body'
  /** Members see the internal page; everyone else is sent to the public one (303). */
  | 'member-else-public'
  /** Writing follow-up: the reporter of that body, and the organisation's strategists and admins. */
  | 'reporter-own-body'
  /** Strategists and admins of the organisation. */
  | 'staff'
  /** Admins of the organisation. */
  | 'admin'
  /** Signing in and out, choosing a language: anyone, about their own session. */
  | 'self'
  /** One's own account: any signed-in user, of whichever organisation. */
  | 'signed-in'
  /** Files under /static/. */
  | 'static';

/** Key: "METHOD /url/pattern" exactly as the route is registered (HEAD twins of GET routes are left out). */
export const routePolicies: Record<string, Access> = {
  // --- Core ----------------------------------------------------------------------------------
  'GET /static/*': 'static',
  'GET /healthz': 'public',
  'GET /': 'public',
  'GET /lang/:locale': 'self',
  'GET /sign-in': 'self',
  'POST /sign-in': 'self',
  'POST /sign-out': 'self',
  'GET /account': 'signed-in',
  'POST /account/password': 'signed-in',
  'POST /account/sign-out-everywhere': 'signed-in',
  'GET /o/:org/history/:type/:id': 'member',
  'GET /o/:org/search': 'public',
  'GET /api/v1/search': 'public',
  'GET /api/v1/openapi.json': 'public',

  // --- Dashboard (anonymous: counts over published data) ---------------------------------------
  'GET /o/:org': 'public',
  'GET /o/:org/dashboard.csv': 'public',
  'GET /api/v1/dashboard': 'public',

  // --- Follow-up -------------------------------------------------------------------------------
  'GET /o/:org/follow-up': 'member-else-public',
  'GET /o/:org/follow-up.csv': 'member-own-body',
  'GET /o/:org/follow-up/public': 'public',
  'GET /o/:org/follow-up/public.csv': 'public',
  'GET /o/:org/follow-up/status-reports/new': 'member-own-body',
  'POST /o/:org/follow-up/status-reports': 'reporter-own-body',
  'GET /o/:org/follow-up/status-reports/:id': 'public-published',
  'POST /o/:org/follow-up/status-reports/:id/submit': 'reporter-own-body',
  'POST /o/:org/follow-up/status-reports/:id/approve': 'staff',
  'POST /o/:org/follow-up/status-reports/:id/return': 'staff',
  'GET /o/:org/follow-up/goal-assessments/new': 'member-own-body',
  'POST /o/:org/follow-up/goal-assessments': 'reporter-own-body',
  'GET /o/:org/follow-up/goal-assessments/:id': 'public-published',
  'POST /o/:org/follow-up/goal-assessments/:id/submit': 'reporter-own-body',
  'POST /o/:org/follow-up/goal-assessments/:id/approve': 'staff',
  'POST /o/:org/follow-up/goal-assessments/:id/return': 'staff',
  'GET /api/v1/status-reports': 'public',
  'GET /api/v1/status-reports/:id': 'public-published',
  'POST /api/v1/status-reports': 'reporter-own-body',
  'POST /api/v1/status-reports/:id/submit': 'reporter-own-body',
  'POST /api/v1/status-reports/:id/approve': 'staff',
  'POST /api/v1/status-reports/:id/return': 'staff',
  'GET /api/v1/goal-assessments': 'public',
  'GET /api/v1/goal-assessments/:id': 'public-published',
  'POST /api/v1/goal-assessments': 'reporter-own-body',
  'POST /api/v1/goal-assessments/:id/submit': 'reporter-own-body',
  'POST /api/v1/goal-assessments/:id/approve': 'staff',
  'POST /api/v1/goal-assessments/:id/return': 'staff',
  'GET /api/v1/feeds/status-reports.atom': 'public',

  // --- Goals and direction texts ---------------------------------------------------------------
  'GET /o/:org/goals': 'public',
  'GET /o/:org/goals.csv': 'public',
  'GET /o/:org/goals/new': 'staff',
  'POST /o/:org/goals': 'staff',
  'GET /o/:org/goals/:id': 'public-published',
  'GET /o/:org/goals/:id/edit': 'staff',
  'POST /o/:org/goals/:id': 'staff',
  'POST /o/:org/goals/:id/publish': 'staff',
  'POST /o/:org/goals/:id/unpublish': 'staff',
  'POST /o/:org/goals/:id/archive': 'staff',
  'POST /o/:org/goals/:id/restore': 'staff',
  'GET /api/v1/goals': 'public',
  'GET /api/v1/goals/:id': 'public-published',
  'POST /api/v1/goals': 'staff',
  'PUT /api/v1/goals/:id': 'staff',
  'POST /api/v1/goals/:id/publish': 'staff',
  'POST /api/v1/goals/:id/unpublish': 'staff',
  'POST /api/v1/goals/:id/archive': 'staff',
  'POST /api/v1/goals/:id/restore': 'staff',
  'GET /api/v1/sdg': 'public',
  'GET /o/:org/directions': 'public',
  'GET /o/:org/directions.csv': 'public',
  'GET /o/:org/directions/new': 'staff',
  'POST /o/:org/directions': 'staff',
  'GET /o/:org/directions/:id': 'public-published',
  'GET /o/:org/directions/:id/edit': 'staff',
  'POST /o/:org/directions/:id': 'staff',
  'POST /o/:org/directions/:id/publish': 'staff',
  'POST /o/:org/directions/:id/unpublish': 'staff',
  'POST /o/:org/directions/:id/archive': 'staff',
  'POST /o/:org/directions/:id/restore': 'staff',
  'GET /api/v1/directions': 'public',
  'GET /api/v1/directions/:id': 'public-published',
  'POST /api/v1/directions': 'staff',
  'PUT /api/v1/directions/:id': 'staff',
  'POST /api/v1/directions/:id/publish': 'staff',
  'POST /api/v1/directions/:id/unpublish': 'staff',
  'POST /api/v1/directions/:id/archive': 'staff',
  'POST /api/v1/directions/:id/restore': 'staff',

  // --- Assignments -----------------------------------------------------------------------------
  'GET /o/:org/assignments': 'public',
  'GET /o/:org/assignments.csv': 'public',
  'GET /o/:org/assignments/new': 'staff',
  'POST /o/:org/assignments': 'staff',
  'GET /o/:org/assignments/:id': 'public-published',
  'GET /o/:org/assignments/:id/edit': 'staff',
  'POST /o/:org/assignments/:id': 'staff',
  'POST /o/:org/assignments/:id/status': 'staff',
  'POST /o/:org/assignments/:id/publish': 'staff',
  'POST /o/:org/assignments/:id/unpublish': 'staff',
  'POST /o/:org/assignments/:id/archive': 'staff',
  'POST /o/:org/assignments/:id/restore': 'staff',
  'POST /o/:org/assignments/bulk-status': 'staff',
  'GET /api/v1/assignments': 'public',
  'GET /api/v1/assignments/:id': 'public-published',
  'POST /api/v1/assignments': 'staff',
  'PUT /api/v1/assignments/:id': 'staff',
  'POST /api/v1/assignments/:id/status': 'staff',
  'POST /api/v1/assignments/:id/publish': 'staff',
  'POST /api/v1/assignments/:id/archive': 'staff',
  'POST /api/v1/assignments/bulk-status': 'staff',
  'GET /api/v1/feeds/assignments.atom': 'public',

  // --- Background jobs (their results can name unpublished records) ----------------------------
  'GET /o/:org/jobs': 'staff',
  'GET /o/:org/jobs/:id': 'staff',
  'GET /api/v1/jobs/:id': 'staff',

  // --- The organisation and its structure (public information) ---------------------------------
  'GET /o/:org/settings': 'admin',
  'POST /o/:org/settings': 'admin',
  'GET /api/v1/organisations': 'public',
  'GET /api/v1/organisations/:slug': 'public',
  'PUT /api/v1/organisations/:slug': 'admin',
  'GET /o/:org/bodies': 'public',
  'GET /o/:org/bodies.csv': 'public',
  'GET /o/:org/bodies/new': 'staff',
  'POST /o/:org/bodies': 'staff',
  'GET /o/:org/bodies/:id': 'public',
  'GET /o/:org/bodies/:id/edit': 'staff',
  'POST /o/:org/bodies/:id': 'staff',
  'POST /o/:org/bodies/:id/archive': 'staff',
  'POST /o/:org/bodies/:id/restore': 'staff',
  'GET /api/v1/bodies': 'public',
  'GET /api/v1/bodies/:id': 'public',
  'POST /api/v1/bodies': 'staff',
  'PUT /api/v1/bodies/:id': 'staff',
  'POST /api/v1/bodies/:id/archive': 'staff',
  'GET /o/:org/years': 'public',
  'GET /o/:org/years.csv': 'public',
  'POST /o/:org/years': 'staff',
  'GET /o/:org/years/:id': 'public',
  'POST /o/:org/years/:id/status': 'staff',
  'GET /api/v1/years': 'public',
  'GET /api/v1/years/:id': 'public',
  'POST /api/v1/years': 'staff',
  'POST /api/v1/years/:id/status': 'staff',
  'GET /o/:org/periods': 'public',
  'GET /o/:org/periods.csv': 'public',
  'GET /o/:org/periods/new': 'staff',
  'POST /o/:org/periods': 'staff',
  'GET /o/:org/periods/:id': 'public',
  'GET /o/:org/periods/:id/edit': 'staff',
  'POST /o/:org/periods/:id': 'staff',
  'POST /o/:org/periods/:id/archive': 'staff',
  'POST /o/:org/periods/:id/restore': 'staff',
  'GET /api/v1/periods': 'public',
  'GET /api/v1/periods/:id': 'public',
  'POST /api/v1/periods': 'staff',
  'PUT /api/v1/periods/:id': 'staff',
  'POST /api/v1/periods/:id/archive': 'staff',
  'POST /api/v1/periods/:id/restore': 'staff',
  'GET /o/:org/focus-areas': 'public',
  'GET /o/:org/focus-areas.csv': 'public',
  'GET /o/:org/focus-areas/new': 'staff',
  'POST /o/:org/focus-areas': 'staff',
  'POST /o/:org/focus-areas/order': 'staff',
  'GET /o/:org/focus-areas/:id': 'public',
  'GET /o/:org/focus-areas/:id/edit': 'staff',
  'POST /o/:org/focus-areas/:id': 'staff',
  'POST /o/:org/focus-areas/:id/archive': 'staff',
  'POST /o/:org/focus-areas/:id/restore': 'staff',
  'GET /api/v1/focus-areas': 'public',
  'GET /api/v1/focus-areas/:id': 'public',
  'POST /api/v1/focus-areas': 'staff',
  'PUT /api/v1/focus-areas/order': 'staff',
  'PUT /api/v1/focus-areas/:id': 'staff',
  'POST /api/v1/focus-areas/:id/archive': 'staff',
  'POST /api/v1/focus-areas/:id/restore': 'staff',

  // --- Accounts (never public; members see colleagues through the API, admins manage) ----------
  'GET /o/:org/users': 'admin',
  'GET /o/:org/users.csv': 'admin',
  'GET /o/:org/users/new': 'admin',
  'POST /o/:org/users': 'admin',
  'GET /o/:org/users/:id': 'admin',
  'POST /o/:org/users/:id': 'admin',
  'POST /o/:org/users/:id/archive': 'admin',
  'POST /o/:org/users/:id/restore': 'admin',
  'POST /o/:org/users/:id/reset-password': 'admin',
  'GET /api/v1/users': 'member',
  'GET /api/v1/users/:id': 'member',
  'POST /api/v1/users': 'admin',
  'PUT /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/archive': 'admin',
  'POST /api/v1/users/:id/restore': 'admin',
  'POST /api/v1/users/:id/reset-password': 'admin',
};
