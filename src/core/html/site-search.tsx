// The search field in the header of every page inside an organisation. It searches the organisation
// the page belongs to; pages outside one (the list of organisations, sign-in, the account page) have
// no field, since which organisation to search would be a guess (docs/MODULES.md, search).
import type { View } from './view';

export function SiteSearch(props: { v: View }) {
  const { v } = props;
  if (!v.org) return null;
  const label = v.t('search.in_org', { org: v.org.name });
  return (
    <form method="get" action={`/o/${v.org.slug}/search`} role="search" aria-label={label} class="site-search">
      <label for="site-search-q" class="visually-hidden">
        {label}
      </label>
      <input id="site-search-q" name="q" type="search" maxlength={200} autocomplete="off" />
      <button type="submit">{v.t('search.submit')}</button>
    </form>
  );
}
