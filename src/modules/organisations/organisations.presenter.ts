// View-models for bodies: labels in the reader's language and the actions the reader may take.
import type { Actor } from '../../core/context';
import type { Translate } from '../../core/i18n';
import { canStructure } from './organisations.policy';
import type { BodyNode, BodyRow } from './organisations.queries';

export interface BodyView {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  kindLabel: string;
  parentId: string | null;
  description: string;
  version: number;
  archived: boolean;
  can: { update: boolean; archive: boolean };
}

export function presentBody(body: BodyRow, actor: Actor, t: Translate): BodyView {
  const manage = canStructure(actor, 'update', body.organisation_id);
  return {
    id: body.id,
    name: body.name,
    shortName: body.short_name,
    kind: body.kind,
    kindLabel: t(`body.kind.${body.kind}`),
    parentId: body.parent_id,
    description: body.description,
    version: body.version,
    archived: body.archived_at !== null,
    can: { update: manage, archive: manage },
  };
}

export interface BodyTreeView extends BodyView {
  children: BodyTreeView[];
}

export function presentTree(nodes: BodyNode[], actor: Actor, t: Translate): BodyTreeView[] {
  return nodes.map((n) => ({ ...presentBody(n, actor, t), children: presentTree(n.children, actor, t) }));
}

/** The public JSON shape of a body. */
export function bodyJson(b: BodyRow) {
  return { id: b.id, name: b.name, shortName: b.short_name, kind: b.kind, parentId: b.parent_id, description: b.description, version: b.version, archived: b.archived_at !== null };
}
