// The organisations module: the organisation itself, the body tree, years and periods, focus areas, users and roles.
import { organisationsAccess } from './organisations.access';
import { userBodies } from './organisations.user-bodies';
import { organisationsAccessFixtures } from './organisations.access-fixtures';
import { isAdmin } from '../../core/context';
import type { ModuleManifest } from '../../core/manifest';
import { organisationsHistory, organisationsHistoryMessages } from './organisations.history';
import { organisationsMessages } from './organisations.messages';
import { bodyRoutes } from './routes/bodies';
import { focusAreaRoutes } from './routes/focus-areas';
import { organisationRoutes } from './routes/organisation';
import { periodRoutes } from './routes/periods';
import { userRoutes } from './routes/users';
import { yearRoutes } from './routes/years';

export const organisationsModule: ModuleManifest = {
  name: 'organisations',
  access: organisationsAccess,
  accessFixtures: organisationsAccessFixtures,
  userBodies,
  messages: { sv: { ...organisationsMessages.sv, ...organisationsHistoryMessages.sv }, en: { ...organisationsMessages.en, ...organisationsHistoryMessages.en } },
  routes(app) {
    organisationRoutes(app);
    bodyRoutes(app);
    yearRoutes(app);
    periodRoutes(app);
    focusAreaRoutes(app);
    userRoutes(app);
  },
  exports: [
    { id: 'bodies', labelKey: 'nav.bodies', path: 'bodies', formats: ['csv', 'xlsx'] },
    { id: 'years', labelKey: 'nav.years', path: 'years', formats: ['csv', 'xlsx'] },
    { id: 'periods', labelKey: 'nav.periods', path: 'periods', formats: ['csv', 'xlsx'] },
    { id: 'focus-areas', labelKey: 'nav.focus_areas', path: 'focus-areas', formats: ['csv', 'xlsx'] },
    { id: 'users', labelKey: 'nav.users', path: 'users', formats: ['csv', 'xlsx'], visible: (actor, organisationId) => isAdmin(actor, organisationId) },
  ],
  nav: [
    { path: 'bodies', labelKey: 'nav.bodies', order: 90 },
    { path: 'years', labelKey: 'nav.years', order: 91 },
    { path: 'periods', labelKey: 'nav.periods', order: 92 },
    { path: 'focus-areas', labelKey: 'nav.focus_areas', order: 93 },
    // Accounts and settings are the admins' business; others would only meet a refusal there.
    { path: 'users', labelKey: 'nav.users', order: 95, visible: (actor, organisationId) => isAdmin(actor, organisationId) },
    { path: 'settings', labelKey: 'nav.settings', order: 96, visible: (actor, organisationId) => isAdmin(actor, organisationId) },
  ],
  history: organisationsHistory,
};
