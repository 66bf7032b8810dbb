// Every list leaves Riktning the same two ways: CSV for machines (UTF-8 with BOM, formula-safe) and an
// Excel workbook for people (translated headers, real numbers and dates, a frozen header row, an
// autofilter). A list describes its columns once; this file is the only place that knows exceljs
// (docs/decisions/0012-excel-exports-with-exceljs.md).
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { toCsv } from './csv';

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export type ExportValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<T> {
  /** In the UI language: the workbook is read by people. */
  header: string;
  value: (row: T) => ExportValue;
  /**
   * text (the default) is kept exactly as given, never run as a formula; number is an Excel number;
   * date a calendar day (yyyy-mm-dd, from 'YYYY-MM-DD' or a Date); datetime a moment shown in
   * Swedish local time (yyyy-mm-dd hh:mm).
   */
  kind?: 'text' | 'number' | 'date' | 'datetime';
  /** A column for one format only: an id or a code is for machines (csv), people read the names. */
  only?: ExportFormat;
}

export interface ExportOptions {
  /** The worksheet's name: the list's name. Cut to Excel's 31 characters without []:*?/\. */
  sheetName?: string;
}

/** The time zone moments are shown in, as on every page (core/i18n formatDate). */
const TIME_ZONE = 'Europe/Stockholm';

/** CSV or Excel, as a download; the filename is given without an extension. */
export async function sendTable<T>(reply: FastifyReply, format: ExportFormat, filename: string, columns: ExportColumn<T>[], rows: T[], opts: ExportOptions = {}): Promise<FastifyReply> {
  const name = `${filename.replace(/[^\w.-]/g, '_')}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
  const shown = columns.filter((c) => c.only === undefined || c.only === format);
  if (format === 'csv') return reply.type(CSV_TYPE).send(toCsv(shown.map(csvColumn), rows));
  return reply.type(XLSX_TYPE).send(xlsxStream(shown, rows, opts));
}

/** How a column reads in CSV: days as YYYY-MM-DD, moments as ISO 8601 UTC, numbers as they are. */
function csvColumn<T>(c: ExportColumn<T>): { header: string; value: (row: T) => ExportValue } {
  if (c.kind === 'date') return { header: c.header, value: (row) => dayText(c.value(row)) };
  if (c.kind === 'number') return { header: c.header, value: (row) => toNumber(c.value(row)) ?? c.value(row) };
  return c;
}

/**
 * The workbook as a stream: one sheet, the header row bold and frozen, an autofilter over the data,
 * columns as wide as their content (within reason). Written with exceljs's streaming writer: rows go
 * out as they are made and the zip is compressed by Node's zlib (docs/decisions/0012).
 */
export function xlsxStream<T>(columns: ExportColumn<T>[], rows: T[], opts: ExportOptions = {}): Readable {
  const out = new PassThrough();
  const kinds = columns.map((c) => c.kind ?? 'text');
  const cells = rows.map((row) => columns.map((c, i) => xlsxCell(kinds[i]!, c.value(row))));
  const widths = columns.map((c, i) => Math.min(60, cells.reduce((w, r) => Math.max(w, cellWidth(kinds[i]!, r[i]!)), Math.max(8, c.header.length + 2))));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Riktning';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(opts.sheetName), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = widths.map((width) => ({ width }));
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const values of cells) {
    const row = sheet.addRow(values);
    values.forEach((cell, i) => {
      if (cell instanceof Date) row.getCell(i + 1).numFmt = kinds[i] === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
    });
    row.commit();
  }
  sheet.commit();
  workbook.commit().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The workbook as bytes. */
export async function toXlsx<T>(columns: ExportColumn<T>[], rows: T[], opts: ExportOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of xlsxStream(columns, rows, opts)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A value as an Excel cell. Strings are always written as strings (exceljs makes a formula only from
 * a { formula } object), so "=SUM(A1)" from a user stays the text "=SUM(A1)".
 */
function xlsxCell(kind: NonNullable<ExportColumn<unknown>['kind']>, value: ExportValue): string | number | boolean | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'number':
      return toNumber(value) ?? String(value);
    case 'date': {
      const day = dayText(value);
      return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : String(value);
    }
    case 'datetime': {
      const moment = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      return moment && !Number.isNaN(moment.getTime()) ? wallClock(moment) : String(value);
    }
    default:
      return value instanceof Date ? wallClock(value) : value;
  }
}

function toNumber(value: ExportValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A calendar day as YYYY-MM-DD: a Date is read as the day it is in Sweden. */
function dayText(value: ExportValue): ExportValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : swedishParts(value).slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && value.length > 10) {
    const moment = new Date(value);
    return Number.isNaN(moment.getTime()) ? value : swedishParts(moment).slice(0, 10);
  }
  return value;
}

const swedish = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** 'YYYY-MM-DD HH:MM:SS' in Swedish local time. */
function swedishParts(moment: Date): string {
  return swedish.format(moment);
}

/**
 * Excel has no time zones: a cell holds a wall-clock time. exceljs writes a Date's UTC fields, so the
 * moment is moved to the Date whose UTC fields read as the Swedish local time.
 */
function wallClock(moment: Date): Date {
  const [date, time] = swedishParts(moment).split(' ');
  return new Date(`${date}T${time}Z`);
}

function cellWidth(kind: NonNullable<ExportColumn<unknown>['kind']>, cell: string | number | boolean | Date | null): number {
  if (cell === null) return 0;
  if (kind === 'date') return 12;
  if (kind === 'datetime' || cell instanceof Date) return 17;
  const text = String(cell);
  const longestLine = text.split('\n').reduce((max, line) => Math.max(max, line.length), 0);
  return longestLine + 2;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string | undefined): string {
  const clean = (name ?? '').replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  return clean || 'Riktning';
}

export type ExportHandler = (req: FastifyRequest, reply: FastifyReply, format: ExportFormat) => Promise<FastifyReply>;

/**
 * One export handler, two routes: GET /o/:org/<path>.csv and /o/:org/<path>.xlsx. The handler reads
 * the same filters as the list page and answers with `sendTable(reply, format, …)`. Both routes need
 * an access class in the module's <module>.access.ts.
 */
export function exportRoutes(app: FastifyInstance, path: string, handler: ExportHandler): void {
  for (const format of EXPORT_FORMATS) {
    app.get(`/o/:org/${path}.${format}`, (req, reply) => handler(req, reply, format));
  }
}
