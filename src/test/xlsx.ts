// Reading an .xlsx the way a test needs to, synchronously and without the library that wrote it: the
// zip's entries, and each worksheet's cells as Excel stores them (value type, formula or not).
import { inflateRawSync } from 'node:zlib';

/** The files in a zip archive by name. Throws when the bytes are not a zip. */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  // End of central directory: 22 bytes plus a comment of at most 65535, at the end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`broken central directory entry ${n}`);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`broken local header of ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new Error(`${name}: compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

export interface XlsxCell {
  /** A1-style address. */
  ref: string;
  /** s: shared string, inlineStr, str: a formula's text result, b, e, n (the default): a number. */
  type: string;
  /** The stored value: the text for strings, the number as written otherwise. */
  value: string;
  /** The formula, when the cell has one. */
  formula?: string;
}

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** The text of every <t> inside an element (a rich-text string has several runs). */
const texts = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decode(m[1] ?? '')).join('');

/** The shared strings, in order. */
export function sharedStrings(files: Map<string, Buffer>): string[] {
  const xml = files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
}

/** The worksheets' file names in the archive, in order. */
export function worksheetNames(files: Map<string, Buffer>): string[] {
  return [...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
}

/** Every cell of one worksheet, shared strings resolved. */
export function worksheetCells(files: Map<string, Buffer>, sheet: string, strings = sharedStrings(files)): XlsxCell[] {
  const xml = files.get(sheet)?.toString('utf8') ?? '';
  const cells: XlsxCell[] = [];
  for (const m of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[1]!;
    const inner = m[2] ?? '';
    const ref = /\br="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const type = /\bt="([^"]*)"/.exec(attrs)?.[1] ?? 'n';
    const raw = decode(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '');
    const f = /<f(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
    const value = type === 's' ? (strings[Number(raw)] ?? '') : type === 'inlineStr' ? texts(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '') : raw;
    cells.push({ ref, type, value, ...(f ? { formula: decode(f[1] ?? '') } : {}) });
  }
  return cells;
}

/** The first worksheet's text as rows of cells (what a person would see as text; numbers as stored). */
export function xlsxRows(bytes: Buffer): string[][] {
  const files = unzip(bytes);
  const sheet = worksheetNames(files)[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (const cell of worksheetCells(files, sheet)) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell.ref);
    if (!m) continue;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]) - 1;
    (rows[row] ??= [])[col] = cell.value;
  }
  return Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? ''));
}
