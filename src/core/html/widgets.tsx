// The boxes modules put on the organisation's overview and on a person's work page (manifest
// `overview` and `work`): each a title and figures, every figure a link to the list behind it.
import type { FastifyRequest } from 'fastify';
import type { OrgRef } from './view';
import type { Widget, WidgetView } from '../manifest';

/** What each widget has to say to the person asking; the ones with nothing to say are left out. */
export async function renderWidgets(req: FastifyRequest, org: OrgRef, widgets: readonly Widget[]): Promise<WidgetView[]> {
  const views = await Promise.all(widgets.map((w) => w.render(req.ctx, org)));
  return views.filter((v): v is WidgetView => v !== undefined);
}

export function Widgets(props: { views: readonly WidgetView[]; headingLevel?: 2 | 3 }) {
  if (!props.views.length) return null;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <ul class="cards widgets">
      {props.views.map((w) => (
        <li class="card">
          <H>{w.title}</H>
          {w.items.length ? (
            <dl class="widget-figures">
              {w.items.map((item) => (
                <div>
                  <dt>{item.label}</dt>
                  <dd>{item.href ? <a href={item.href}>{item.value}</a> : item.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>{w.empty ?? ''}</p>
          )}
          {w.more ? (
            <p>
              <a href={w.more.href}>{w.more.label}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
