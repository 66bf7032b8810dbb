// The goals module's public surface.
export { goalsModule } from './goals.manifest';
