// The organisations module's public surface: what other modules, the demo and the CLI may use.
export { organisationsModule } from './organisations.manifest';
export { createBody } from './commands/create-body';
export { updateBody } from './commands/update-body';
export { archiveBody } from './commands/archive-body';
export { createUser } from './commands/create-user';
export { listBodies, findBody, findBodyByName, committeesAndCompanies, toTree, type BodyRow } from './organisations.queries';
export { bodyJson } from './organisations.presenter';
export type { BodyKind, PeriodKind } from './organisations.tables';
