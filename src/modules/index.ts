// The list of modules, in the order their navigation and search results appear.
import type { ModuleManifest } from '../core/manifest';
import { organisationsModule } from './organisations';

export const modules: readonly ModuleManifest[] = [organisationsModule];
