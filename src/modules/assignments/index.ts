// The assignments module's public surface.
export { assignmentsModule } from './assignments.manifest';
