// CSV/Excel formula injection: text that a spreadsheet would evaluate (=, +, -, @, tab, CR first) is
// written into every field that reaches an export, and every CSV route in the route table is read
// back with its Excel twin: no cell is a formula, the CSV has the text neutralised and the workbook
// has it exactly, as text. The exports all go through src/core/export.ts; the property on toCsv proves
// the rule itself for any text at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../src/core/csv';
import { engines } from '../../src/test/db';
import { XLSX_TYPE } from '../../src/core/export';
import { csvProblems, FORMULAS, hostileRuns, isFormula, parseCsv, PROPERTY_TIMEOUT, routeTable, useHostileWorld, xlsxProblems, type World } from '../../src/test/hostile';
import { xlsxRows } from '../../src/test/xlsx';

/** What each CSV export shows of the records this suite writes; a CSV route missing here fails the suite, so a new export gets attacked too. */
const EXPORTS: Record<string, { query?: (w: World, text: string) => string; shows: Kind[] }> = {
  '/o/:org/bodies.csv': { shows: ['body'] },
  '/o/:org/years.csv': { shows: [] },
  '/o/:org/periods.csv': { shows: ['period'] },
  '/o/:org/focus-areas.csv': { shows: ['focusArea'] },
  '/o/:org/users.csv': { shows: ['user'] },
  '/o/:org/goals.csv': { shows: ['goal'] },
  '/o/:org/directions.csv': { shows: ['direction'] },
  '/o/:org/assignments.csv': { shows: ['assignment'] },
  '/o/:org/dashboard.csv': { shows: [] },
  '/o/:org/follow-up.csv': { query: (w) => `?period=${w.period.id}&body=${w.committee.id}`, shows: ['assignment', 'statusReport'] },
  '/o/:org/follow-up/reports.csv': { query: (w) => `?period=${w.period.id}&body=${w.committee.id}`, shows: ['assignment', 'statusReport'] },
  '/o/:org/follow-up/goals.csv': { shows: ['goal'] },
  '/o/:org/follow-up/public.csv': { query: (w) => `?period=${w.period.id}`, shows: ['assignment', 'statusReport'] },
  // The hits for the very text written: titles and excerpts may hold it anywhere, so only safety is checked.
  '/o/:org/search.csv': { query: (_w, text) => `?q=${encodeURIComponent(text)}`, shows: [] },
};
type Kind = 'body' | 'period' | 'focusArea' | 'user' | 'goal' | 'direction' | 'assignment' | 'statusReport';

describe('CSV cells', () => {
  it('are never a formula, and keep the text with at most a quote in front, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...FORMULAS).chain((f) => fc.string().map((s) => f + s))), { minLength: 1, maxLength: 6 }), (cells) => {
        const rows = parseCsv(toCsv(cells.map((c, i) => ({ header: `k${i}`, value: (r: string[]) => r[i] })), [cells]));
        expect(rows).toHaveLength(2);
        rows[1]!.forEach((cell, i) => {
          expect(isFormula(cell), JSON.stringify(cell)).toBe(false);
          expect(cell === cells[i] || cell === `'${cells[i]}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('Kommunfullmäktige')).toBe('Kommunfullmäktige');
  });
});

describe.each(engines)('CSV exports on %s', (engine) => {
  const s = 'hostile-csv';
  const w = useHostileWorld(engine, s);

  it('every CSV route in the route table is known to this suite', () => {
    const csvRoutes = routeTable(w.app)
      .filter((r) => r.method === 'GET' && r.url.endsWith('.csv'))
      .map((r) => r.url);
    expect(csvRoutes.filter((r) => !(r in EXPORTS)), 'CSV routes this suite does not attack yet: add them to EXPORTS').toEqual([]);
    const xlsxRoutes = routeTable(w.app)
      .filter((r) => r.method === 'GET' && r.url.endsWith('.xlsx'))
      .map((r) => r.url);
    expect(xlsxRoutes.filter((r) => !(r.replace(/\.xlsx$/, '.csv') in EXPORTS)), 'Excel routes without a CSV twin in EXPORTS').toEqual([]);
  });

  it('neutralise formulas in every field of every CSV export', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORMULAS), fc.string({ maxLength: 20 }), async (formula, tail) => {
        const n = ++serial;
        // Unique per run (names are unique), and still a formula once the product trims it.
        const text = `${formula.trim()} ${n} ${tail}`.trim();
        const c = w.clients;
        const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
          const res = await p;
          expect(res.statusCode, res.body).toBeLessThan(300);
          return JSON.parse(res.body) as { id: string; version: number };
        };
        await ok(c.strategist.api('POST', w.api('bodies'), { name: text, shortName: text.slice(0, 40), kind: 'committee', description: text }));
        await ok(c.strategist.api('POST', w.api('periods'), { year: w.year, kind: 'other', name: text.slice(0, 120), startsOn: `${w.year}-06-01`, endsOn: `${w.year}-06-30` }));
        await ok(c.strategist.api('POST', w.api('focus-areas'), { name: text, description: text }));
        await ok(c.admin.api('POST', w.api('users'), { email: `csv-${engine}-${n}@example.se`, name: text, role: 'reader', password: 'ett långt och hemligt lösenord' }));
        await ok(c.strategist.api('POST', w.api('goals'), { bodyId: w.council.id, reference: text.slice(0, 40), title: text, description: text, yearFrom: w.year }));
        const body = await ok(c.strategist.api('POST', w.api('bodies'), { name: `Inriktningsnämnd ${n}`, kind: 'committee' }));
        await ok(c.strategist.api('POST', w.api('directions'), { bodyId: body.id, year: w.year, title: text, body: text }));
        const assignment = await ok(
          c.strategist.api('POST', w.api('assignments'), { reference: text.slice(0, 40), title: text, body: text, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id, targetNote: text, sourceKind: 'other', sourceTitle: text }),
        );
        await ok(c.strategist.api('POST', w.api(`assignments/${assignment.id}/publish`), { version: assignment.version }));
        const report = await ok(c.reporter.api('POST', w.api('status-reports'), { periodId: w.period.id, bodyId: w.committee.id, assignmentId: assignment.id, progress: 'on_track', comment: text }));
        await ok(c.reporter.api('POST', w.api(`status-reports/${report.id}/submit`), { version: report.version }));
        await ok(c.strategist.api('POST', w.api(`status-reports/${report.id}/approve`), { version: report.version + 1 }));

        for (const [route, spec] of Object.entries(EXPORTS)) {
          const url = `${route.replace(':org', s)}${spec.query?.(w, text) ?? ''}`;
          for (const reader of [c.admin, c.anonymous]) {
            const res = await reader.get(url);
            if (reader === c.anonymous && res.statusCode !== 200) continue;
            expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
            expect(res.headers['content-type']).toContain('text/csv');
            expect(csvProblems(res.body), url).toEqual([]);
            if (reader === c.admin && spec.shows.length) {
              const cells = parseCsv(res.body).flat();
              expect(cells.some((cell) => cell.includes(neutralise(text))), `${url} shows ${JSON.stringify(text)}, neutralised`).toBe(true);
            }
            const xlsxUrl = url.replace('.csv', '.xlsx');
            const book = await reader.get(xlsxUrl);
            expect(book.statusCode, xlsxUrl).toBe(200);
            expect(book.headers['content-type']).toBe(XLSX_TYPE);
            expect(xlsxProblems(book.rawPayload), xlsxUrl).toEqual([]);
            if (reader === c.admin && spec.shows.length) {
              const cells = xlsxRows(book.rawPayload).flat();
              expect(cells.some((cell) => cell.includes(text)), `${xlsxUrl} shows ${JSON.stringify(text)} as it was written`).toBe(true);
            }
          }
        }
      }),
      hostileRuns(6, FORMULAS.map((f) => [f, ''] as [string, string])),
    );
  }, PROPERTY_TIMEOUT);
});
