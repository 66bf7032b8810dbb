// The follow-up module manifest (being filled in).
import type { ModuleManifest } from '../../core/manifest';
import './follow-up.tables';

export const followUpModule: ModuleManifest = {
  name: 'follow-up',
};
