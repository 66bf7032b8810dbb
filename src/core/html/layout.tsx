// The page frame every HTML page shares: skip link, header with navigation and language switch, main.
import type { Child } from 'hono/jsx';
import { SiteSearch } from './site-search';
import type { View } from './view';

export function Layout(props: { v: View; title: string; children?: Child; wide?: boolean }) {
  const { v } = props;
  const { t, actor, org } = v;
  const other = v.locale === 'sv' ? 'en' : 'sv';
  const here = v.path;
  const signedIn = actor.kind === 'user';
  // "Översikt – Malmö stad – Riktning"; a part said once (the home page is titled Riktning itself).
  const parts = [props.title, org?.name, 'Riktning'].filter((p): p is string => !!p);
  const pageTitle = parts.filter((p, i) => parts.indexOf(p) === i).join(' – ');
  return (
    <html lang={v.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/favicon.ico" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body class={props.wide ? 'wide' : undefined}>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={org ? `/o/${org.slug}` : '/'}>
              <span class="brand-name">Riktning</span>
              {org ? <span class="brand-org">{org.name}</span> : null}
            </a>
            <SiteSearch v={v} />
            <div class="tools">
              <a href={`/lang/${other}?back=${encodeURIComponent(here)}`} lang={other} hreflang={other}>
                {other === 'en' ? 'In English' : 'På svenska'}
              </a>
              {signedIn ? (
                <form method="post" action="/sign-out" class="inline">
                  <input type="hidden" name="_csrf" value={v.csrf()} />
                  <span class="who">
                    <a href="/account" aria-current={here === '/account' ? 'page' : undefined}>
                      {actor.name}
                      <span class="visually-hidden"> – {t('layout.account_link')}</span>
                    </a>{' '}
                    ({t(`role.${actor.role}`)})
                  </span>{' '}
                  <button type="submit" class="link">
                    {t('auth.sign_out')}
                  </button>
                </form>
              ) : (
                <a href={`/sign-in?back=${encodeURIComponent(here)}`}>{t('auth.sign_in')}</a>
              )}
            </div>
          </div>
          {org && v.nav.length ? (
            <nav aria-label={t('layout.main_nav')} class="main-nav">
              <ul>
                <li>
                  <a href={`/o/${org.slug}`} aria-current={here === `/o/${org.slug}` ? 'page' : undefined}>
                    {t('layout.overview')}
                  </a>
                </li>
                {v.nav.map((item) => {
                  const href = `/o/${org.slug}/${item.path}`;
                  const current = here === href || here.startsWith(`${href}/`) || here.startsWith(`${href}?`);
                  return (
                    <li>
                      <a href={href} aria-current={current ? 'page' : undefined}>
                        {t(item.labelKey)}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {v.flash ? (
            <p class="flash" role="status">
              {t(v.flash)}
            </p>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {t('layout.footer')} · <a href="/api/v1/openapi.json">{t('layout.open_data')}</a>
            {org ? (
              <>
                {' '}
                · <a href={`/o/${org.slug}/search`}>{t('search.title')}</a> · <a href={`/o/${org.slug}/downloads`}>{t('downloads.title')}</a>
              </>
            ) : null}
          </p>
        </footer>
      </body>
    </html>
  );
}
