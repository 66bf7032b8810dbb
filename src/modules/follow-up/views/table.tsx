// A data table as every follow-up page draws it: a wrapper that scrolls on a narrow screen, the
// caption, the column headers (numbers right-aligned), the rows and an optional total row.
import type { Child } from 'hono/jsx';

export type Column = Child | { label: Child; num: true };

const isNum = (c: Column): c is { label: Child; num: true } => !!c && typeof c === 'object' && 'num' in c;

export function Table(props: { caption: Child; hiddenCaption?: boolean; columns: Column[]; foot?: Child; children: Child }) {
  return (
    <div class="table-wrap">
      <table>
        {props.hiddenCaption ? <caption class="visually-hidden">{props.caption}</caption> : <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) =>
              isNum(c) ? (
                <th scope="col" class="num">
                  {c.label}
                </th>
              ) : (
                <th scope="col">{c}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
        {props.foot ? <tfoot>{props.foot}</tfoot> : null}
      </table>
    </div>
  );
}

/** A right-aligned number column. */
export const num = (label: Child): Column => ({ label, num: true });
