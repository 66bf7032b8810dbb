// The follow-up module's report sections, built as data from the Malmö demo: the council reads the
// Malmö Commission's follow-up as the annual report told it (19 of 31 closed, 8 progress reported, 4 ongoing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/db/database';
import type { ReportBlock } from '../../core/manifest';
import { loadDemoIfEmpty } from '../../demo';
import { systemCtx } from '../../test/context';
import { engines, testDatabase } from '../../test/db';
import { followUpReportSections } from './follow-up.report';

describe.each(engines)('the follow-up report sections on %s', (engine) => {
  let database: Database;
  let org: { id: string; slug: string };
  const build = async (id: string, year: number): Promise<ReportBlock[]> =>
    followUpReportSections.find((s) => s.id === id)!.build(systemCtx(database.db), { organisationId: org.id, orgSlug: org.slug, year });

  beforeAll(async () => {
    database = await testDatabase(engine);
    await loadDemoIfEmpty(database.db);
    org = await database.db.selectFrom('organisations').select(['id', 'slug']).where('slug', '=', 'malmo').executeTakeFirstOrThrow();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('tells how the Malmö Commission stands, and counts the year’s assignments per status', async () => {
    const blocks = await build('follow-up.assignments', 2018);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    const commission = headings.findIndex((h) => /Kommissionen för ett socialt hållbart Malmö/.test(h));
    expect(commission).toBeGreaterThan(-1);
    const after = blocks.slice(blocks.findIndex((b) => b.kind === 'heading' && /Kommissionen för ett socialt hållbart Malmö/.test(b.text)) + 1);
    expect(after[0]).toEqual({ kind: 'paragraph', text: expect.stringMatching(/^19 av 31 avslutade\. Pågående 4, Lägesrapporterat 8$/) });

    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ caption: 'Uppdrag 2018 per status', columns: ['Status', 'Antal uppdrag'] });
    if (table?.kind !== 'table') throw new Error('no table');
    const total = table.rows.at(-1)!;
    expect(total[0]).toBe('Totalt');
    expect(total[1]).toBe(table.rows.slice(0, -1).reduce((sum, r) => sum + Number(r[1]), 0));
    // The chart says in words what it shows.
    const chart = blocks.find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({ chart: 'bar', description: expect.stringContaining(': ') });
  });

  it('counts the year’s goals by their latest assessment', async () => {
    const [heading, table] = await build('follow-up.goals', 2018);
    expect(heading).toEqual({ kind: 'heading', level: 2, text: 'Mål 2018 efter senaste bedömning' });
    expect(table).toMatchObject({ kind: 'table', columns: ['Bedömning', 'Antal mål'] });
  });
});
