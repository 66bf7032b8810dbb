// Pages that show what every module declares, declared the way a module declares its own: a person's
// work page (the modules' work widgets) and the organisation's downloads (the modules' exports).
import type { FastifyInstance } from 'fastify';
import { isMember } from './context';
import { dayMessages } from './days';
import { Empty, PageHeader } from './html/components';
import { sortFormats } from './html/downloads';
import { Layout } from './html/layout';
import { sendHtml, view } from './html/view';
import { renderWidgets, Widgets } from './html/widgets';
import { routeOrg } from './http/routes';
import type { ModuleManifest } from './manifest';
import { AppError, forbidden } from './errors';

const messages = {
  sv: {
    'nav.work': 'Mitt arbete',
    'work.title': 'Mitt arbete',
    'work.lead': 'Det som väntar på dig i organisationen just nu.',
    'work.empty': 'Inget väntar på dig just nu.',
    'downloads.title': 'Ladda ner listor',
    'downloads.lead': 'Varje lista i Riktning kan laddas ner, för vidare bearbetning i kalkylprogram eller andra system.',
    'downloads.list': 'Lista',
    'downloads.formats': 'Format',
    'downloads.empty': 'Inga listor att ladda ner.',
  },
  en: {
    'nav.work': 'My work',
    'work.title': 'My work',
    'work.lead': 'What is waiting for you in the organisation right now.',
    'work.empty': 'Nothing is waiting for you right now.',
    'downloads.title': 'Download lists',
    'downloads.lead': 'Every list in Riktning can be downloaded, to work on in a spreadsheet or another system.',
    'downloads.list': 'List',
    'downloads.formats': 'Formats',
    'downloads.empty': 'No lists to download.',
  },
};

function routes(app: FastifyInstance): void {
  app.get('/o/:org/work', async (req, reply) => {
    const org = await routeOrg(req);
    if (req.actor.kind === 'anonymous') throw new AppError('unauthenticated');
    if (!isMember(req.actor, org.id)) throw forbidden();
    const views = await renderWidgets(req, org, app.catalogue.work);
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <Layout v={v} title={v.t('work.title')}>
        <PageHeader title={v.t('work.title')} lead={v.t('work.lead')} />
        {views.length ? <Widgets views={views} /> : <Empty>{v.t('work.empty')}</Empty>}
      </Layout>,
    );
  });

  app.get('/o/:org/downloads', async (req, reply) => {
    const org = await routeOrg(req);
    const exports = app.catalogue.exports.filter((e) => !e.visible || e.visible(req.actor, org.id));
    const v = view(req, reply, org);
    return sendHtml(
      reply,
      <Layout v={v} title={v.t('downloads.title')}>
        <PageHeader title={v.t('downloads.title')} lead={v.t('downloads.lead')} />
        {exports.length ? (
          <table>
            <caption class="visually-hidden">{v.t('downloads.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{v.t('downloads.list')}</th>
                <th scope="col">{v.t('downloads.formats')}</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr>
                  <th scope="row">{v.t(e.labelKey)}</th>
                  <td>
                    {sortFormats(e.formats).map((f, i) => (
                      <>
                        {i ? ' · ' : ''}
                        <a href={`/o/${org.slug}/${e.path}.${f}`} download="">
                          {v.t(`list.format.${f}`)}
                          <span class="visually-hidden"> – {v.t(e.labelKey)}</span>
                        </a>
                      </>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{v.t('downloads.empty')}</Empty>
        )}
      </Layout>,
    );
  });
}

/** The work page's path below /o/:org. */
export const WORK_PATH = 'work';

export const gatheredPagesModule: ModuleManifest = {
  name: 'gathered-pages',
  // The work page's boxes say deadlines in days; every module's box uses the same words.
  messages: { sv: { ...messages.sv, ...dayMessages.sv }, en: { ...messages.en, ...dayMessages.en } },
  routes,
  access: { 'GET /o/:org/work': 'member', 'GET /o/:org/downloads': 'public' },
  nav: [{ path: WORK_PATH, labelKey: 'nav.work', order: 5, visible: isMember }],
};
