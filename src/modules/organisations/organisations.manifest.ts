// The organisations module: the body tree, years and periods, focus areas, users and roles.
import type { ModuleManifest } from '../../core/manifest';
import { organisationsMessages } from './organisations.messages';
import { bodyRoutes } from './organisations.routes';

export const organisationsModule: ModuleManifest = {
  name: 'organisations',
  messages: organisationsMessages,
  routes(app) {
    bodyRoutes(app);
  },
  nav: [{ path: 'bodies', labelKey: 'nav.bodies', order: 90 }],
  history: [
    { type: 'body', labelKey: 'history.type.body', href: (org, id) => `/o/${org}/bodies/${id}` },
    { type: 'user', labelKey: 'history.type.user', href: (org) => `/o/${org}/users` },
  ],
};
