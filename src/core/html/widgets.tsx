// The boxes modules put on the organisation's overview and on a person's work page (manifest
// `overview` and `work`): each a title and figures, every figure a link to the list behind it, and
// on the work page lines of things to do, each with its state and a link to where it is done.
import type { FastifyRequest } from 'fastify';
import type { OrgRef } from './view';
import type { Widget, WidgetRow, WidgetView } from '../manifest';

/** What each widget has to say to the person asking; the ones with nothing to say are left out. */
export async function renderWidgets(req: FastifyRequest, org: OrgRef, widgets: readonly Widget[]): Promise<WidgetView[]> {
  const views = await Promise.all(widgets.map((w) => w.render(req.ctx, org)));
  return views.filter((v): v is WidgetView => v !== undefined);
}

export function Widgets(props: { views: readonly WidgetView[]; headingLevel?: 2 | 3 }) {
  if (!props.views.length) return null;
  const level = props.headingLevel ?? 2;
  const H = level === 3 ? 'h3' : 'h2';
  const G = level === 3 ? 'h4' : 'h3';
  return (
    <ul class="cards widgets">
      {props.views.map((w) => {
        const groups = (w.groups ?? []).filter((g) => g.rows.length);
        return (
          // A box with lines to work through takes the whole width, so its lines stay readable.
          <li class={groups.length ? 'card widget-wide' : 'card'}>
            <H>{w.title}</H>
            {w.lead ? <p class="widget-lead">{w.lead}</p> : null}
            {w.items.length ? (
              <dl class="widget-figures">
                {w.items.map((item) => (
                  <div>
                    <dt>{item.label}</dt>
                    <dd>{item.href ? <a href={item.href}>{item.value}</a> : item.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {groups.map((g) => (
              <>
                {g.title ? <G>{g.title}</G> : null}
                {g.lead ? <p class="widget-lead">{g.lead}</p> : null}
                <WidgetRows rows={g.rows} />
              </>
            ))}
            {!w.items.length && !groups.length ? <p>{w.empty ?? ''}</p> : null}
            {w.more ? (
              <p>
                <a href={w.more.href}>{w.more.label}</a>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function WidgetRows(props: { rows: readonly WidgetRow[] }) {
  return (
    <ul class="widget-rows">
      {props.rows.map((r) => (
        <li>
          <span class="widget-row-head">
            {r.href ? <a href={r.href}>{r.label}</a> : <span>{r.label}</span>}
            {r.state ? (
              <>
                {' '}
                <span class={`badge badge-${r.state.tone}`}>{r.state.label}</span>
              </>
            ) : null}
          </span>
          {r.detail ? <span class="widget-row-detail">{r.detail}</span> : null}
          {r.note ? (
            <span class="widget-row-note">
              <strong>{r.note.label}:</strong> {r.note.text}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
