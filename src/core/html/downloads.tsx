// "Ladda ner: Excel · CSV" beside a list: the same rows as on the page, with the page's filters.
import type { View } from './view';

export type DownloadFormat = 'xlsx' | 'csv' | 'json';

/** People first: the workbook, then CSV for machines, then JSON. */
export const DOWNLOAD_ORDER: readonly DownloadFormat[] = ['xlsx', 'csv', 'json'];

export function sortFormats(formats: readonly DownloadFormat[]): DownloadFormat[] {
  return [...formats].sort((a, b) => DOWNLOAD_ORDER.indexOf(a) - DOWNLOAD_ORDER.indexOf(b));
}

/**
 * The download links of one list. `href` is the list's export URL without the extension
 * (/o/malmo/goals), `query` the page's filters ('' or starting with ?), `label` what the list is
 * called: each link's accessible name says which list it downloads ("Excel – Mål").
 */
export function DownloadLinks(props: { v: View; href: string; query?: string; label: string; formats?: readonly DownloadFormat[] }) {
  const { v } = props;
  const query = props.query ? (props.query.startsWith('?') ? props.query : `?${props.query}`) : '';
  return (
    <span class="downloads">
      {v.t('list.download')}:{' '}
      {sortFormats(props.formats ?? ['xlsx', 'csv']).map((f, i) => (
        <>
          {i ? ' · ' : ''}
          <a href={`${props.href}.${f}${query}`} download="">
            {v.t(`list.format.${f}`)}
            <span class="visually-hidden"> – {props.label}</span>
          </a>
        </>
      ))}
    </span>
  );
}
