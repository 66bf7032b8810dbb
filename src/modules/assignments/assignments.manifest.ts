// The assignments module: tasks given by one body to others, their lifecycle and its history, and changing many at once.
import { assignmentsAccess } from './assignments.access';
import { assignmentsAccessFixtures } from './assignments.access-fixtures';
import type { ModuleManifest } from '../../core/manifest';
import { assignmentsFeed } from './assignments.feed';
import { bulkStatusJob } from './assignments.jobs';
import { assignmentsHistory, assignmentsHistoryMessages } from './assignments.history';
import { assignmentsMessages } from './assignments.messages';
import { assignmentPanels } from './assignments.panels';
import { assignmentRoutes } from './assignments.routes';
import { assignmentsWork, assignmentsWorkMessages } from './assignments.work';
import { assignmentSearch } from './assignments.search';
import './assignments.tables';

export const assignmentsModule: ModuleManifest = {
  name: 'assignments',
  access: assignmentsAccess,
  accessFixtures: assignmentsAccessFixtures,
  messages: { sv: { ...assignmentsMessages.sv, ...assignmentsHistoryMessages.sv, ...assignmentsWorkMessages.sv }, en: { ...assignmentsMessages.en, ...assignmentsHistoryMessages.en, ...assignmentsWorkMessages.en } },
  routes(app) {
    assignmentRoutes(app);
    assignmentsFeed(app);
  },
  exports: [{ id: 'assignments', labelKey: 'nav.assignments', path: 'assignments', formats: ['csv', 'xlsx'] }],
  nav: [{ path: 'assignments', labelKey: 'nav.assignments', order: 30 }],
  search: [assignmentSearch],
  // The assignments linked to a goal, on its page; a body's assignments by status, on its page.
  panels: assignmentPanels,
  history: assignmentsHistory,
  jobs: [bulkStatusJob],
  // Late assignments for staff, status changes since the last visit for readers.
  work: assignmentsWork,
};
