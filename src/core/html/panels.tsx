// The sections other modules add to a record's page (manifest `panels`): the owner page asks for its
// record type's panels and places them, without knowing which modules contribute them.
import type { Child } from 'hono/jsx';
import type { Ctx } from '../context';
import type { OrgRef } from './view';

/** Every panel declared for record type `on`, rendered for `ctx.actor` in the panels' order; empty ones left out. */
export async function renderPanels(ctx: Ctx, org: OrgRef, on: string, recordId: string): Promise<Child[]> {
  const panels = ctx.catalogue.panels.filter((p) => p.on === on);
  const rendered = await Promise.all(panels.map((p) => p.render(ctx, org, recordId)));
  return rendered.filter((r) => r !== null && r !== undefined) as Child[];
}

/** Where the owner page puts them. */
export function Panels(props: { panels: readonly Child[] | undefined }) {
  return <>{props.panels ?? []}</>;
}
