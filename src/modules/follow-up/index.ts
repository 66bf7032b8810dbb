// The follow-up module's public surface.
export { followUpModule } from './follow-up.manifest';
