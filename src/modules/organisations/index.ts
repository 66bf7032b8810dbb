// The organisations module's public surface: what other modules, the demo and the CLI may use.
export { organisationsModule } from './organisations.manifest';
export { createBody } from './commands/create-body';
export { updateBody } from './commands/update-body';
export { archiveBody } from './commands/archive-body';
export { createUser, type CreatedUser } from './commands/create-user';
export { createYear } from './commands/create-year';
export { changeYearStatus } from './commands/change-year-status';
export { reopenYear } from './commands/reopen-year';
export { closePeriod } from './commands/close-period';
export { reopenPeriod } from './commands/reopen-period';
export { createPeriod } from './commands/create-period';
export { createFocusArea } from './commands/create-focus-area';
export {
  listBodies,
  findBody,
  findBodyByName,
  committeesAndCompanies,
  toTree,
  listYears,
  findYear,
  findYearByNumber,
  listPeriods,
  findPeriod,
  listFocusAreas,
  findFocusArea,
  findOrganisationBySlug,
  type BodyRow,
  type YearRow,
  type PeriodRow,
  type FocusAreaRow,
  type OrganisationRow,
} from './organisations.queries';
export { bodyJson, periodJson, focusAreaJson, yearJson } from './organisations.presenter';
export { findMunicipality } from './organisations.municipalities';
export type { BodyKind, PeriodKind, PeriodStatus, YearStatus } from './organisations.tables';
export { isOwnBodyKind } from './organisations.tables';
export { bodiesInScope, bodyCreatedOn, createdOnColumn, periodsInScope } from './organisations.reads';
