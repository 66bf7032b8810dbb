// The goals module manifest (being filled in).
import type { ModuleManifest } from '../../core/manifest';
import './goals.tables';

export const goalsModule: ModuleManifest = {
  name: 'goals',
};
