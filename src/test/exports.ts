// A list's two downloads side by side: the .xlsx answers like the .csv (same header, same rows in the
// same order), is a workbook a person can work in (frozen header, autofilter, no formula anywhere),
// and its cells are read back with their Excel types for the test to look at.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { neutralise } from '../core/csv';
import { CSV_TYPE, XLSX_TYPE } from '../core/export';
import type { TestClient } from './client';
import { parseCsv, xlsxProblems } from './hostile';

export interface Workbook {
  sheet: ExcelJS.Worksheet;
  header: string[];
  /** The data rows' cells as exceljs reads them: strings, numbers, Dates, null. */
  rows: ExcelJS.CellValue[][];
}

export async function readWorkbook(bytes: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const cells = (n: number) => Array.from({ length: width }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
  return {
    sheet,
    header: cells(1).map(String),
    rows: Array.from({ length: Math.max(0, sheet.rowCount - 1) }, (_, i) => cells(i + 2)),
  };
}

const swedishMinute = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A workbook cell as its CSV twin reads: texts neutralised, days as YYYY-MM-DD, moments to the minute in Swedish time. */
function asCsvText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return numFmt === 'yyyy-mm-dd' ? value.toISOString().slice(0, 10) : value.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'string') return neutralise(value);
  return String(value);
}

/** A CSV cell of a moment column (ISO 8601 UTC) as the workbook shows it. */
const csvMoment = (cell: string) => (/^\d{4}-\d{2}-\d{2}T/.test(cell) ? swedishMinute.format(new Date(cell)) : cell);

/**
 * GET <base>.csv<query> and <base>.xlsx<query> as `client`: both 200, the right content types, the
 * workbook safe and browsable, and the same table in both. `csvOnly` names CSV columns meant for
 * machines only (by default the id; a status code beside its name); `headers` go with both requests (a lang=en cookie).
 * Returns the workbook for more checks.
 */
export async function expectSameTable(client: TestClient, base: string, query = '', opts: { csvOnly?: string[]; headers?: Record<string, string> } = {}): Promise<Workbook> {
  const [csvRes, xlsxRes] = await Promise.all([client.get(`${base}.csv${query}`, opts.headers), client.get(`${base}.xlsx${query}`, opts.headers)]);
  expect(csvRes.statusCode, `${base}.csv${query}: ${csvRes.body.slice(0, 200)}`).toBe(200);
  expect(xlsxRes.statusCode, `${base}.xlsx${query}: ${xlsxRes.body.slice(0, 200)}`).toBe(200);
  expect(csvRes.headers['content-type']).toBe(CSV_TYPE);
  expect(xlsxRes.headers['content-type']).toBe(XLSX_TYPE);
  expect(String(xlsxRes.headers['content-disposition'])).toMatch(/^attachment; filename="[\w.-]+\.xlsx"$/);
  expect(xlsxProblems(xlsxRes.rawPayload), base).toEqual([]);

  const book = await readWorkbook(xlsxRes.rawPayload);
  expect(book.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(book.sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  expect(book.sheet.autoFilter).toBeTruthy();

  const [csvHeader = [], ...csvRows] = parseCsv(csvRes.body);
  const keep = csvHeader.map((h) => !(opts.csvOnly ?? ['id']).includes(h));
  expect(book.header).toEqual(csvHeader.filter((_, i) => keep[i]));
  const formats = book.header.map((_, i) => book.rows.map((r) => r[i]).some((v) => v instanceof Date) ? book.sheet.getRow(2 + book.rows.findIndex((r) => r[i] instanceof Date)).getCell(i + 1).numFmt : undefined);
  const fromXlsx = book.rows.map((r) => r.map((v, i) => asCsvText(v, formats[i])));
  const fromCsv = csvRows.map((r) => r.filter((_, i) => keep[i]).map((cell, i) => (formats[i] && formats[i] !== 'yyyy-mm-dd' ? csvMoment(cell) : cell)));
  expect(fromXlsx).toEqual(fromCsv);
  return book;
}

/** The values of one column of a workbook, by its header. */
export function column(book: Workbook, header: string): ExcelJS.CellValue[] {
  const i = book.header.indexOf(header);
  expect(i, `no column "${header}" in ${JSON.stringify(book.header)}`).toBeGreaterThanOrEqual(0);
  return book.rows.map((r) => r[i] ?? null);
}
