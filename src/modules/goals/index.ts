// The goals module's public surface: what other modules, the demo and the CLI may use.
export { goalsModule } from './goals.manifest';
export { createGoal } from './commands/create-goal';
export { updateGoal } from './commands/update-goal';
export { archiveGoal } from './commands/archive-goal';
export { publishGoal } from './commands/publish-goal';
export { createDirection } from './commands/create-direction';
export { updateDirection } from './commands/update-direction';
export { archiveDirection } from './commands/archive-direction';
export { publishDirection } from './commands/publish-direction';
export {
  listGoals,
  findGoal,
  goalLinks,
  subGoals,
  listDirections,
  findDirection,
  directionFor,
  type Goal,
  type GoalRow,
  type GoalLinks,
  type GoalListItem,
  type GoalFilters,
  type DirectionRow,
  type DirectionListItem,
  type DirectionFilters,
} from './goals.queries';
export { COUNCIL_GOAL_ASSESSOR_KINDS, assessesCouncilGoals, type CouncilGoalAssessorKind } from './goals.rules';
export { canRead as canReadPlan } from './goals.policy';
export { goalJson, goalLabel, directionJson, paragraphs, presentSdg, type SdgLinkView } from './goals.presenter';
export { loadSdg, sdgLabel, isSdgCode, compareSdgCodes, type SdgReference, type SdgGoal, type SdgTarget, type SdgLabel } from './sdg';
export { goalsInScope, councilGoalsFirst, type GoalScope } from './goals.reads';
