// The goals module: goals at every level with their focus areas and Agenda 2030 links, and the yearly direction texts.
import { goalsAccess } from './goals.access';
import { goalsAccessFixtures } from './goals.access-fixtures';
import type { ModuleManifest } from '../../core/manifest';
import { directionRoutes } from './directions.routes';
import { goalsHistory, goalsHistoryMessages } from './goals.history';
import { goalsMessages } from './goals.messages';
import { goalPanels } from './goals.panels';
import { goalRoutes } from './goals.routes';
import { directionSearch, goalSearch } from './goals.search';
import './goals.tables';

export const goalsModule: ModuleManifest = {
  name: 'goals',
  access: goalsAccess,
  accessFixtures: goalsAccessFixtures,
  messages: { sv: { ...goalsMessages.sv, ...goalsHistoryMessages.sv }, en: { ...goalsMessages.en, ...goalsHistoryMessages.en } },
  routes(app) {
    goalRoutes(app);
    directionRoutes(app);
  },
  exports: [
    { id: 'goals', labelKey: 'nav.goals', path: 'goals', formats: ['csv', 'xlsx'] },
    { id: 'directions', labelKey: 'nav.directions', path: 'directions', formats: ['csv', 'xlsx'] },
  ],
  nav: [
    { path: 'goals', labelKey: 'nav.goals', order: 20 },
    { path: 'directions', labelKey: 'nav.directions', order: 25 },
  ],
  search: [goalSearch, directionSearch],
  // A body's goals, on its page.
  panels: goalPanels,
  history: goalsHistory,
};
