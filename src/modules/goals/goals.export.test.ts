// Goals and directions download as Excel beside CSV: the same rows as the list page with its filters,
// published ones only for the public, years as numbers and the publication as a date.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { column, expectSameTable } from '../../test/exports';
import { buildBody, buildOrg, buildYear } from '../../test/factories';
import { useFixture, startApp } from '../../test/harness';
import { buildGoal } from '../follow-up/follow-up.factories';

describe.each(engines)('goal and direction exports on %s', (engine) => {
  const w = useFixture(async () => {
    const t = await startApp(engine);
    const org = await buildOrg(t.db, { slug: 'exportkommun', name: 'Exportkommun' });
    const council = await buildBody(t.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    await buildYear(t.db, org.id, 2018);
    await buildYear(t.db, org.id, 2019);
    await buildGoal(t.db, { organisationId: org.id, bodyId: council.id, yearFrom: 2018, yearTo: 2019, reference: 'KF 1', title: 'Trygg stad' });
    await buildGoal(t.db, { organisationId: org.id, bodyId: council.id, yearFrom: 2019, reference: 'KF 2', title: '=Grön stad' });
    await buildGoal(t.db, { organisationId: org.id, bodyId: council.id, yearFrom: 2018, reference: 'KF 3', title: 'Utkast till mål', published: false });
    const committee = await buildBody(t.db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const direction = (year: number, title: string, published: boolean) =>
      t.db.insertInto('directions').values({ organisation_id: org.id, body_id: published ? council.id : committee.id, year, title, body: `${title}: text`, published_at: published ? new Date('2018-03-01T09:15:00Z') : null, archived_at: null }).execute();
    await direction(2018, 'Inriktning 2018', true);
    await direction(2019, 'Inriktning 2019', true);
    await direction(2019, 'Opublicerad inriktning', false);
    const { client: strategist } = await t.signIn(org.id, 'strategist');
    return { ...t, org, strategist };
  });

  it('gives staff every goal in both formats, years as numbers and formula-like titles as text', async () => {
    const book = await expectSameTable(w.strategist, '/o/exportkommun/goals');
    expect(book.sheet.name).toBe('Mål');
    expect(column(book, 'Mål')).toEqual(expect.arrayContaining(['Trygg stad', '=Grön stad', 'Utkast till mål']));
    expect(book.rows).toHaveLength(3);
    const from = column(book, 'Gäller från år');
    expect(from.every((y) => typeof y === 'number')).toBe(true);
    const published = column(book, 'Publicerad').filter((v) => v !== null);
    expect(published).toHaveLength(2);
    expect(published.every((v) => v instanceof Date)).toBe(true);
  });

  it('gives the public only published goals, and follows the year filter', async () => {
    const anonymous = w.anonymous();
    const book = await expectSameTable(anonymous, '/o/exportkommun/goals');
    expect(column(book, 'Mål').sort()).toEqual(['=Grön stad', 'Trygg stad']);
    const in2019 = await expectSameTable(anonymous, '/o/exportkommun/goals', '?year=2019');
    expect(column(in2019, 'Mål').sort()).toEqual(['=Grön stad', 'Trygg stad']);
    const only2018 = await expectSameTable(w.strategist, '/o/exportkommun/goals', '?year=2018');
    expect(column(only2018, 'Mål').sort()).toEqual(['Trygg stad', 'Utkast till mål']);
  });

  it('has English headers and sheet name for an English reader', async () => {
    const book = await expectSameTable(w.anonymous(), '/o/exportkommun/goals', '', { headers: { cookie: 'lang=en' } });
    expect(book.sheet.name).toBe('Goals');
    expect(book.header).toContain('In force from year');
  });

  it('exports directions with the filters of their page, published ones to the public', async () => {
    const staff = await expectSameTable(w.strategist, '/o/exportkommun/directions', '?year=2019');
    expect(column(staff, 'Rubrik').sort()).toEqual(['Inriktning 2019', 'Opublicerad inriktning']);
    expect(column(staff, 'År')).toEqual([2019, 2019]);
    const pub = await expectSameTable(w.anonymous(), '/o/exportkommun/directions');
    expect(column(pub, 'Rubrik').sort()).toEqual(['Inriktning 2018', 'Inriktning 2019']);
    // 09:15 UTC on 1 March is 10:15 in Malmö.
    expect(column(pub, 'Publicerad')).toEqual([new Date('2018-03-01T10:15:00Z'), new Date('2018-03-01T10:15:00Z')]);
  });

  it('offers Excel and CSV on the list pages, with the filters', async () => {
    const page = await w.strategist.get('/o/exportkommun/goals?year=2018');
    expect(page.body).toContain('href="/o/exportkommun/goals.xlsx?year=2018"');
    expect(page.body).toContain('href="/o/exportkommun/goals.csv?year=2018"');
    expect(page.body).toMatch(/Ladda ner:\s*<a[^>]*>Excel/);
  });
});
