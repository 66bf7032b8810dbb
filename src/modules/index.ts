// The list of modules, in the order their navigation and search results appear.
import type { ModuleManifest } from '../core/manifest';
import { assignmentsModule } from './assignments';
import { followUpModule } from './follow-up';
import { goalsModule } from './goals';
import { organisationsModule } from './organisations';

export const modules: readonly ModuleManifest[] = [followUpModule, goalsModule, assignmentsModule, organisationsModule];
