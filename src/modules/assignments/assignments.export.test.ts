// The assignment list downloads as Excel beside CSV: the rows of the page with its filters, status
// names rather than codes, years as numbers and deadlines as Excel dates; the public gets published
// assignments only.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { column, expectSameTable } from '../../test/exports';
import { buildBody, buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';
import { buildAssignment } from '../follow-up/follow-up.factories';

describe.each(engines)('assignment export on %s', (engine) => {
  const w = useFixture(async () => {
    const t = await startApp(engine);
    const org = await buildOrg(t.db, { slug: 'uppdragskommun', name: 'Uppdragskommun' });
    const council = await buildBody(t.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const committee = await buildBody(t.db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const base = { organisationId: org.id, issuerBodyId: council.id, leadBodyId: committee.id };
    await buildAssignment(t.db, { ...base, year: 2018, reference: 'U 1', title: 'Bygga cykelbanor', status: 'ongoing', deadline: '2018-12-31' });
    await buildAssignment(t.db, { ...base, year: 2018, reference: 'U 2', title: '@Utreda parkering', status: 'closed' });
    await buildAssignment(t.db, { ...base, year: 2019, reference: 'U 3', title: 'Nya förskolor', status: 'new', deadline: '2019-06-30' });
    await buildAssignment(t.db, { ...base, year: 2018, reference: 'U 4', title: 'Opublicerat uppdrag', status: 'ongoing', published: false });
    const { client: reader } = await t.signIn(org.id, 'reader');
    return { ...t, reader };
  });

  it('gives staff every assignment with status names, numbers and dates', async () => {
    const book = await expectSameTable(w.reader, '/o/uppdragskommun/assignments');
    expect(book.sheet.name).toBe('Uppdrag');
    expect(column(book, 'Rubrik').sort()).toEqual(['@Utreda parkering', 'Bygga cykelbanor', 'Nya förskolor', 'Opublicerat uppdrag']);
    const byTitle = new Map(book.rows.map((r) => [r[book.header.indexOf('Rubrik')], r]));
    const cell = (title: string, header: string) => byTitle.get(title)![book.header.indexOf(header)];
    expect(cell('Bygga cykelbanor', 'Status')).toBe('Pågående');
    expect(cell('@Utreda parkering', 'Status')).toBe('Avslutat');
    expect(cell('Bygga cykelbanor', 'Budgetår')).toBe(2018);
    expect(cell('Bygga cykelbanor', 'Slutdatum')).toEqual(new Date('2018-12-31T00:00:00Z'));
    expect(book.sheet.getRow(1 + 1 + book.rows.findIndex((r) => r[book.header.indexOf('Rubrik')] === 'Bygga cykelbanor')).getCell(book.header.indexOf('Slutdatum') + 1).numFmt).toBe('yyyy-mm-dd');
    expect(cell('@Utreda parkering', 'Slutdatum')).toBeNull();
  });

  it('follows the list filters', async () => {
    const ongoing = await expectSameTable(w.reader, '/o/uppdragskommun/assignments', '?status=ongoing&year=2018');
    expect(column(ongoing, 'Rubrik').sort()).toEqual(['Bygga cykelbanor', 'Opublicerat uppdrag']);
    const in2019 = await expectSameTable(w.reader, '/o/uppdragskommun/assignments', '?year=2019');
    expect(column(in2019, 'Rubrik')).toEqual(['Nya förskolor']);
  });

  it('gives the public published assignments only', async () => {
    const book = await expectSameTable(w.anonymous(), '/o/uppdragskommun/assignments');
    expect(column(book, 'Rubrik').sort()).toEqual(['@Utreda parkering', 'Bygga cykelbanor', 'Nya förskolor']);
  });

  it('offers Excel and CSV with the filters on the list page', async () => {
    const page = await w.reader.get('/o/uppdragskommun/assignments?status=ongoing');
    expect(page.body).toContain('href="/o/uppdragskommun/assignments.xlsx?status=ongoing"');
    expect(page.body).toContain('href="/o/uppdragskommun/assignments.csv?status=ongoing"');
  });
});
