// The organisation's own lists download as Excel beside CSV: bodies, years, periods (their days as
// Excel dates), focus areas and users (admins only), each with the filters of its page; the downloads
// page lists both formats of every list the reader may download.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { column, expectSameTable } from '../../test/exports';
import { buildBody, buildOrg, buildYear } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';
import { buildFocusArea, buildPeriod } from '../follow-up/follow-up.factories';

const SLUG = 'orgkommun';

describe.each(engines)('organisation exports on %s', (engine) => {
  const w = useFixture(async () => {
    const t = await startApp(engine);
    const org = await buildOrg(t.db, { slug: SLUG, name: 'Orgkommun' });
    const council = await buildBody(t.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    await buildBody(t.db, { organisationId: org.id, name: '-Servicenämnden', kind: 'committee', parentId: council.id });
    await buildYear(t.db, org.id, 2018);
    await buildPeriod(t.db, { organisationId: org.id, year: 2018, name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30' });
    await buildPeriod(t.db, { organisationId: org.id, year: 2019, name: 'Tertial 1 2019', startsOn: '2019-01-01', endsOn: '2019-04-30' });
    await buildFocusArea(t.db, { organisationId: org.id, name: 'Trygghet' });
    const archived = await buildFocusArea(t.db, { organisationId: org.id, name: 'Gammalt område' });
    await t.db.updateTable('focus_areas').set({ archived_at: new Date() }).where('id', '=', archived.id).execute();
    const { client: admin } = await t.signIn(org.id, 'admin', { name: 'Anna Admin' });
    const { client: reader } = await t.signIn(org.id, 'reader', { name: 'Rut Läsare' });
    return { ...t, admin, reader };
  });

  it('exports bodies with kinds written out, to anyone', async () => {
    const book = await expectSameTable(w.anonymous(), `/o/${SLUG}/bodies`);
    expect(book.sheet.name).toBe('Organisation');
    expect(column(book, 'Namn').sort()).toEqual(['-Servicenämnden', 'Kommunfullmäktige']);
    expect(column(book, 'Typ')).toContain('Nämnd');
  });

  it('exports periods with their days as Excel dates, filtered by year', async () => {
    const book = await expectSameTable(w.anonymous(), `/o/${SLUG}/periods`, '?year=2018');
    expect(column(book, 'Namn')).toEqual(['Tertial 1 2018']);
    expect(column(book, 'Budgetår')).toEqual([2018]);
    expect(column(book, 'Från och med')).toEqual([new Date('2018-01-01T00:00:00Z')]);
    const all = await expectSameTable(w.anonymous(), `/o/${SLUG}/periods`);
    expect(column(all, 'Namn').sort()).toEqual(['Tertial 1 2018', 'Tertial 1 2019']);
  });

  it('exports years with their period counts as numbers', async () => {
    const book = await expectSameTable(w.reader, `/o/${SLUG}/years`);
    expect(column(book, 'År').sort()).toEqual([2018, 2019]);
    expect(column(book, 'Uppföljningsperioder')).toEqual([1, 1]);
  });

  it('exports focus areas by the state chosen on the page', async () => {
    const active = await expectSameTable(w.anonymous(), `/o/${SLUG}/focus-areas`, '?state=active');
    expect(column(active, 'Namn')).toEqual(['Trygghet']);
    const archived = await expectSameTable(w.reader, `/o/${SLUG}/focus-areas`, '?state=archived');
    expect(column(archived, 'Namn')).toEqual(['Gammalt område']);
  });

  it('exports users to admins only, filtered by role', async () => {
    const readers = await expectSameTable(w.admin, `/o/${SLUG}/users`, '?role=reader&state=active');
    expect(column(readers, 'Namn')).toEqual(['Rut Läsare']);
    expect(column(readers, 'Roll')).toEqual(['läsare']);
    for (const ext of ['csv', 'xlsx']) expect((await w.reader.get(`/o/${SLUG}/users.${ext}`)).statusCode).toBe(403);
  });

  it('lists Excel and CSV of every list on the downloads page, users for admins only', async () => {
    const forAdmin = (await w.admin.get(`/o/${SLUG}/downloads`)).body;
    for (const list of ['bodies', 'years', 'periods', 'focus-areas', 'users', 'goals', 'directions', 'assignments', 'dashboard', 'follow-up/public']) {
      expect(forAdmin).toContain(`href="/o/${SLUG}/${list}.xlsx"`);
      expect(forAdmin).toContain(`href="/o/${SLUG}/${list}.csv"`);
    }
    expect(forAdmin).toMatch(/>\s*Excel\s*<span class="visually-hidden"> – Organisation<\/span>/);
    const forReader = (await w.reader.get(`/o/${SLUG}/downloads`)).body;
    expect(forReader).not.toContain(`/o/${SLUG}/users.xlsx`);
    // Every link on the page answers with a file.
    for (const href of [...forAdmin.matchAll(/href="(\/o\/[^"]+\.(?:xlsx|csv))"/g)].map((m) => m[1]!)) {
      const res = await w.admin.get(href);
      expect(res.statusCode, href).toBe(200);
    }
  });
});
