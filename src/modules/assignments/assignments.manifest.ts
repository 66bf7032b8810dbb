// The assignments module manifest (being filled in).
import type { ModuleManifest } from '../../core/manifest';
import './assignments.tables';

export const assignmentsModule: ModuleManifest = {
  name: 'assignments',
};
