// The CSV half of every export (src/core/export.ts sends it): UTF-8 with BOM (Excel opens å, ä, ö
// right), semicolon-free RFC 4180, and cells that a spreadsheet would run as a formula neutralised
// (OWASP CSV injection).
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined | Date;
}

/** A leading =, +, -, @, tab or CR makes Excel/LibreOffice evaluate the cell; a quote prefix stops it. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const records = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return neutralise(v);
    }),
  );
  return `\uFEFF${stringify([columns.map((c) => c.header), ...records], { record_delimiter: '\r\n' })}`;
}
