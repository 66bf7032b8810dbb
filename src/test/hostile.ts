// The hostile-input harness: generated text (markup, SQL, control and bidi characters, lone
// surrogates, emoji, 100 kB strings) and checks that whatever the product answers with is safe — no
// live markup in HTML or Atom, no formula in CSV or Excel, valid JSON, never a 5xx — and that a refused write
// leaves the database as it was. Every module's suite in test/hostile/ is built from these parts.
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Database, Engine } from '../core/db/database';
import type { Db } from '../core/db/schema';
import type { TestClient } from './client';
import { buildBody, buildOrg, buildYear } from './factories';
import { startApp, useFixture } from './harness';
import { sharedStrings, unzip, worksheetCells, worksheetNames } from './xlsx';
import { XLSX_TYPE } from '../core/export';
import { buildAssignment, buildFocusArea, buildGoal, buildPeriod } from '../modules/follow-up/follow-up.factories';

type Res = LightMyRequestResponse;

// --- Running properties ------------------------------------------------------------------------

/**
 * fast-check parameters for a property that goes through the HTTP stack: the examples, then a few
 * generated runs (each is a handful of requests on a real database); FC_RUNS to generate more,
 * FC_SEED to replay a reported failure.
 */
export function hostileRuns<Ts>(numRuns = 20, examples: Ts[] = []): fc.Parameters<Ts> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  // fast-check counts examples among the runs; the generated runs come on top of them.
  return { numRuns: examples.length + (Number(process.env.FC_RUNS) || numRuns), examples, ...(seed !== undefined ? { seed } : {}) };
}

/** Per-test time limit for a property over HTTP: long strings and two engines take a while. */
export const PROPERTY_TIMEOUT = 300_000;

// --- Arbitraries --------------------------------------------------------------------------------

/** Markup that would run if a page, form value or feed rendered it unescaped. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '</textarea><script>alert(2)</script>',
  '</title><script>alert(3)</script>',
  '<a href="javascript:alert(4)">klicka</a>',
  '<b onmouseover=alert(5)>fet</b>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>',
  '" autofocus onfocus="alert(7)',
  "' onfocus='alert(8)",
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[x]]>',
  '&lt;script&gt;',
  '&amp;',
  '&#x3C;img src=x onerror=alert(9)&#x3E;',
  '{{7*7}}',
  '${7*7}',
  'javascript:alert(10)',
  'data:text/html,<script>alert(11)</script>',
];

/** SQL and full-text query syntax that must stay data. */
export const SQL = ["'; drop table bodies;--", "' or '1'='1", '" or ""="', '1; select pg_sleep(5)', "\\'", '$$', '%_%', "E'\\x00'", ':* & | ! <->', "'||(select 1)||'", '/*', '*/'];

/** Cells a spreadsheet would evaluate as a formula. */
export const FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(1,1)', '\t=1+1', '\r=1+1', '=1+1'];

const CONTROL = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0085'];
/** Right-to-left and other invisible formatting: harmless as text, confusing as code. */
export const BIDI = ['\u202e', '\u200f', '\u200e', '\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c'];
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
export const LONE_SURROGATES = ['\ud800', '\udfff', '\udbff', 'a\udc00b'];
export const EMOJI = ['👩🏽‍💻', '🇸🇪', '🏳️‍🌈', 'e\u0301', 'Å', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u2028', '\u2029', '\ufffe', '\uffff', '\u00a0'];
const SWEDISH = ['Kommunfullmäktige', 'Malmö stad', 'Servicenämnden', 'KS 2017/0406', 'Ärende', ' '];

/** Text a careful product accepts and shows as typed: markup, SQL, bidi marks, zero-width characters, emoji. */
export const acceptableText = (maxParts = 5): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
        { weight: 2, arbitrary: fc.constantFrom(...SQL) },
        { weight: 1, arbitrary: fc.constantFrom(...BIDI, ...ZERO_WIDTH) },
        { weight: 1, arbitrary: fc.constantFrom(...EMOJI.filter((e) => !/[\ufffe\uffff]/.test(e))) },
        { weight: 2, arbitrary: fc.constantFrom(...SWEDISH) },
        { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      { minLength: 1, maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

/** Anything at all: also control characters, lone surrogates, non-characters and raw code points. */
export const anyText = (maxParts = 6): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...MARKUP, ...SQL, ...FORMULAS) },
        { weight: 2, arbitrary: fc.constantFrom(...CONTROL, ...LONE_SURROGATES, ...EMOJI, ...BIDI, ...ZERO_WIDTH) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

/** A ~100 kB string of one hostile piece repeated: over most limits, at the limit of the longest fields. */
export const longText = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...MARKUP, ...SQL, 'å', '👩🏽‍💻', 'a'), fc.constantFrom(100_000, 99_999, 100_001, 20_000, 10_000, 5_000, 1_001))
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** The mix every text field gets: mostly text the product should keep, some it should refuse, now and then 100 kB. */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 6, arbitrary: acceptableText() }, { weight: 3, arbitrary: anyText() }, { weight: 1, arbitrary: longText() }, { weight: 1, arbitrary: fc.constantFrom(...FORMULAS) });

/** Values a JSON client could send where a field expects something else. */
export const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileText() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [null], ['x'], { $ne: null }, { toString: 'x' }, '1e999', 'NaN', '-0', '0x10', ' 2018 '),
    },
    { weight: 1, arbitrary: fc.array(hostileText(), { maxLength: 3 }) },
  );

/** What a query string or path segment might carry, raw (possibly malformed percent-encoding) or as text. */
export const hostileParam = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileText().map((s) => encodeURIComponent(wellFormed(s.slice(0, 5000)))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('%', '%zz', '%C0%AE', '%00', '%FF', '%E0%A4%A', '%0d%0aSet-Cookie:%20x=1', '..%2F..%2Fetc%2Fpasswd', '%252e', 'a&b=c', '%26%3D', '[]', 'x[y]=1', '__proto__', 'constructor'),
    },
    // Return paths: header injection and the ways a browser turns a path into another site.
    { weight: 1, arbitrary: fc.constantFrom('/%0d%0aSet-Cookie:%20x=1', '/%09/evil.example', '/%0a/evil.example', '/%5Cevil.example', '%2F%2Fevil.example', '/%E2%80%A8x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)') },
    { weight: 1, arbitrary: fc.constantFrom('-1', '0', '1e9', '99999999999999999999', '2018.5', 'true', 'on', '', ' ', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
  );

// --- What the product does to text it keeps -----------------------------------------------------

/** How a browser (and URLSearchParams) sends a string in a form: lone surrogates become U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The documented normalisation of single-line text: surrounding white space trimmed. */
export const line = (s: string): string => s.trim();
/** Multi-line text: Windows line ends as \n, surrounding white space trimmed. */
export const multiline = (s: string): string => s.replace(/\r\n/g, '\n').trim();

// --- Reading what the product sends -------------------------------------------------------------

const HTML_SPACE = /[\t\n\f\r ]/;
/** Elements whose content is not markup: raw text (script, style …) or escapable raw text (textarea, title). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext', 'textarea', 'title']);

export interface HtmlTag {
  name: string;
  attrs: [string, string][];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/**
 * A small HTML tokenizer after the WHATWG rules that matter here: start tags with their attributes
 * (quoted and unquoted values), comments, raw-text elements. It answers what a browser would build
 * elements from, and the text a reader would see.
 */
export function tokenizeHtml(html: string): { tags: HtmlTag[]; text: string[] } {
  const tags: HtmlTag[] = [];
  const text: string[] = [];
  const lower = html.toLowerCase();
  const n = html.length;
  let i = 0;
  const skipTo = (needle: string, from: number) => {
    const at = html.indexOf(needle, from);
    return at === -1 ? n : at + needle.length;
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text.push(decodeEntities(html.slice(i)));
      break;
    }
    if (lt > i) text.push(decodeEntities(html.slice(i, lt)));
    i = lt;
    const next = html[i + 1] ?? '';
    if (html.startsWith('<!--', i)) {
      i = skipTo('-->', i + 4);
      continue;
    }
    if (next === '!' || next === '?' || next === '/') {
      i = skipTo('>', i + 1);
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      text.push('<');
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !HTML_SPACE.test(html[j]!) && html[j] !== '/' && html[j] !== '>') j++;
    const name = lower.slice(i + 1, j);
    const attrs: [string, string][] = [];
    for (;;) {
      while (j < n && (HTML_SPACE.test(html[j]!) || html[j] === '/')) j++;
      if (j >= n) break;
      if (html[j] === '>') {
        j++;
        break;
      }
      let k = j + 1;
      while (k < n && !HTML_SPACE.test(html[k]!) && !'/>='.includes(html[k]!)) k++;
      const attrName = lower.slice(j, k);
      j = k;
      while (j < n && HTML_SPACE.test(html[j]!)) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < n && HTML_SPACE.test(html[j]!)) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end === -1 ? n : end);
          j = end === -1 ? n : end + 1;
        } else {
          k = j;
          while (k < n && !HTML_SPACE.test(html[k]!) && html[k] !== '>') k++;
          value = html.slice(j, k);
          j = k;
        }
      }
      attrs.push([attrName, decodeEntities(value)]);
    }
    tags.push({ name, attrs });
    i = j;
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      const content = html.slice(i, close === -1 ? n : close);
      if (name === 'textarea' || name === 'title') text.push(decodeEntities(content));
      i = close === -1 ? n : close;
    }
  }
  return { tags, text };
}

/** The elements Riktning's pages are built from. Anything else on a page came from somewhere it should not. */
export const PAGE_ELEMENTS = new Set(
  (
    'html head meta title link body header footer main nav section article aside div span p a ul ol li dl dt dd h1 h2 h3 h4 h5 h6 ' +
    'form fieldset legend label input select option optgroup textarea button table caption thead tbody tfoot tr th td colgroup col ' +
    'strong em b i small abbr time data mark meter progress output details summary br hr blockquote q cite code pre kbd samp sub sup del ins figure figcaption'
  ).split(' '),
);

/** Attributes Riktning's pages use; an event handler or anything unexpected means input became markup. */
export const PAGE_ATTRIBUTES = new Set(
  (
    'lang charset name content rel href type hreflang class id tabindex role method action value for aria-label aria-labelledby ' +
    'aria-describedby aria-current aria-invalid aria-live aria-hidden aria-sort aria-expanded aria-controls aria-required ' +
    'required checked selected disabled readonly multiple autocomplete inputmode pattern min max step minlength maxlength rows cols ' +
    'size placeholder scope colspan rowspan headers datetime title open hidden dir novalidate spellcheck start reversed ' +
    'low high optimum list accept enctype form formaction formmethod target download translate'
  ).split(' '),
);

const URL_ATTRIBUTES = new Set(['href', 'action', 'formaction', 'src', 'data', 'poster', 'cite', 'background', 'xlink:href']);

/** Problems that show input rendered as live markup in an HTML document. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const { tags } = tokenizeHtml(html);
  for (const tag of tags) {
    if (!PAGE_ELEMENTS.has(tag.name)) problems.push(`element <${tag.name}>`);
    for (const [name, value] of tag.attrs) {
      if (name.startsWith('on')) problems.push(`event handler ${name}= on <${tag.name}>`);
      else if (!PAGE_ATTRIBUTES.has(name) && !name.startsWith('data-')) problems.push(`attribute ${name}= on <${tag.name}>`);
      // Browsers drop control characters and white space before the scheme.
      const scheme = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(scheme)) problems.push(`${name}="${value.slice(0, 40)}" on <${tag.name}>`);
      if (tag.name === 'meta' && name === 'http-equiv') problems.push('meta http-equiv');
    }
  }
  return [...new Set(problems)];
}

/** Whether `value` reaches the reader as text: in the page's text or as a whole attribute value (a form field). */
export function showsAsText(html: string, value: string): boolean {
  if (value === '') return true;
  const { tags, text } = tokenizeHtml(html);
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(text.join('')).includes(squash(value))) return true;
  return tags.some((t) => t.attrs.some(([, v]) => v === value));
}

/** RFC 4180 records. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = csv.startsWith('\ufeff') ? 1 : 0;
  for (; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted cell');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A cell Excel or LibreOffice would evaluate: starts with =, +, -, @, tab or CR and is not a plain number. */
export const isFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell);

export function csvProblems(csv: string): string[] {
  const problems: string[] = [];
  let rows: string[][];
  try {
    rows = parseCsv(csv);
  } catch (err) {
    return [String(err)];
  }
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, r) => {
    if (row.length !== width) problems.push(`row ${r} has ${row.length} cells, header ${width}`);
    row.forEach((cell, c) => {
      if (isFormula(cell)) problems.push(`formula in row ${r} column ${c}: ${JSON.stringify(cell.slice(0, 40))}`);
    });
  });
  return problems;
}

/**
 * What is wrong with an Excel download: not a zip, not a workbook (content types, workbook, at least
 * one worksheet), XML that does not parse, a macro or a link to another workbook, or any cell holding
 * a formula: text a user wrote must be stored as text, whatever it starts with.
 */
export function xlsxProblems(bytes: Buffer): string[] {
  let files: Map<string, Buffer>;
  try {
    files = unzip(bytes);
  } catch (err) {
    return [`not a workbook: ${String(err)}`];
  }
  const problems: string[] = [];
  for (const needed of ['[Content_Types].xml', 'xl/workbook.xml']) if (!files.has(needed)) problems.push(`workbook without ${needed}`);
  const sheets = worksheetNames(files);
  if (!sheets.length) problems.push('workbook without a worksheet');
  for (const name of files.keys()) {
    if (/vbaProject|externalLink|\.bin$/i.test(name)) problems.push(`workbook part ${name}`);
    if (name.endsWith('.xml') || name.endsWith('.rels')) problems.push(...atomProblems(files.get(name)!.toString('utf8')).map((p) => `${name}: ${p}`));
  }
  const strings = sharedStrings(files);
  for (const sheet of sheets) {
    for (const cell of worksheetCells(files, sheet, strings)) {
      if (cell.formula !== undefined) problems.push(`formula in ${sheet} ${cell.ref}: ${JSON.stringify(cell.formula.slice(0, 40))}`);
    }
  }
  return [...new Set(problems)];
}

/** XML 1.0 Char: what a feed reader's parser accepts. */
const XML_INVALID = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/**
 * Well-formedness of an Atom document (balanced elements, valid characters and references), and of
 * every type="html" title, summary and content: markup there is rendered by feed readers, so the
 * product's plain text must contain none once decoded.
 */
export function atomProblems(xml: string): string[] {
  const problems: string[] = [];
  if (XML_INVALID.test(xml)) problems.push(`character not allowed in XML: U+${xml.codePointAt(xml.search(XML_INVALID))!.toString(16)}`);
  const stack: { name: string; html: boolean; content: string }[] = [];
  let i = 0;
  const n = xml.length;
  const append = (s: string) => {
    const top = stack[stack.length - 1];
    if (top) top.content += s;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt === -1 ? n : lt);
    if (/&(?!(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);)/i.test(chunk)) problems.push('bare & in text');
    if (chunk.includes(']]>')) problems.push(']]> in text');
    append(decodeEntities(chunk));
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end === -1) return [...problems, 'unterminated CDATA'];
      append(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i) + 3;
    else if (xml.startsWith('<?', i)) i = xml.indexOf('?>', i) + 2;
    else {
      const end = xml.indexOf('>', i);
      if (end === -1) return [...problems, 'unterminated tag'];
      const tag = xml.slice(i + 1, end);
      i = end + 1;
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim();
        const open = stack.pop();
        if (!open || open.name !== name) return [...problems, `</${name}> closes <${open?.name ?? ''}>`];
        if (open.html) {
          const inner = htmlProblems(open.content);
          const elements = tokenizeHtml(open.content).tags.map((t) => `<${t.name}>`);
          if (elements.length) problems.push(`markup in type="html" <${name}>: ${elements.slice(0, 3).join(' ')}`);
          problems.push(...inner);
        }
        append('');
      } else {
        const m = /^([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)$/.exec(tag);
        if (!m) return [...problems, `malformed tag <${tag.slice(0, 40)}>`];
        if (!m[3]) stack.push({ name: m[1]!, html: /type\s*=\s*["']html["']/.test(m[2]!), content: '' });
      }
    }
  }
  if (stack.length) problems.push(`unclosed <${stack.map((s) => s.name).join('> <')}>`);
  return [...new Set(problems)];
}

/** What is wrong with an answer, whatever its type: a 5xx, live markup, a formula, broken JSON or XML. */
export function responseProblems(res: Res): string[] {
  if (res.statusCode >= 500) return [`HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`];
  const type = String(res.headers['content-type'] ?? '');
  const problems: string[] = [];
  if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  // A redirect goes to a path on this site; browsers drop tabs and line breaks, so "/\t/x" is "//x".
  if (res.statusCode >= 300 && res.statusCode < 400 && !/^\/(?![/\\])[\x21-\x7e]*$/.test(String(res.headers.location ?? ''))) problems.push(`redirect to ${JSON.stringify(res.headers.location)}`);
  if (type.startsWith('text/html')) problems.push(...htmlProblems(res.body));
  else if (type.startsWith('text/csv')) problems.push(...csvProblems(res.body));
  else if (type.startsWith(XLSX_TYPE)) problems.push(...xlsxProblems(res.rawPayload));
  // A raster image (the favicon) holds nothing that runs; SVG can, so it is not among them.
  else if (/^image\/(vnd\.microsoft\.icon|x-icon|png|jpeg|gif|webp)(;|$)/.test(type)) return problems;
  else if (type.startsWith('application/atom+xml')) problems.push(...atomProblems(res.body));
  else if (type.startsWith('application/json')) {
    try {
      JSON.parse(res.body);
    } catch {
      problems.push('JSON that does not parse');
    }
  } else if (res.body.length && res.statusCode < 300) problems.push(`unexpected content type "${type}"`);
  return problems;
}

export function expectSafe(res: Res, label: string): void {
  expect(responseProblems(res), label).toEqual([]);
}

// --- The database -------------------------------------------------------------------------------

/**
 * Tables left out of the comparison: a read may touch a session's or token's last use, and a refused
 * sign-in or password change is still a counted guess (docs/SECURITY.md, sign-in throttling).
 */
const VOLATILE = new Set(['sessions', 'api_tokens', 'sign_in_attempts']);

/** Row count and an order-independent content hash of every table: equal before and after means nothing was written. */
export async function databaseFingerprint(db: Db): Promise<Record<string, string>> {
  const tables = (await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(db)).rows
    .map((r) => r.tablename)
    .filter((t) => !VOLATILE.has(t));
  const parts = tables.map((t) => sql`select ${t} as t, count(*)::text || ':' || coalesce(sum(hashtextextended(x::text, 0))::text, '') as f from ${sql.table(t)} x`);
  const rows = (await sql<{ t: string; f: string }>`${sql.join(parts, sql` union all `)}`.execute(db)).rows;
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

// --- One write, and everything it shows up in ---------------------------------------------------

export interface RoundTrip {
  db: Db;
  label: string;
  /** The write: a form post or an API call. */
  send: () => Promise<Res>;
  /** The text fields sent, as the product must keep them (the input after its documented normalisation). */
  expected: Record<string, string>;
  /** The written record from the JSON API, its fields named as in `expected`. */
  readBack: (res: Res) => Promise<Record<string, unknown>>;
  /** Pages, exports, feeds and API answers the first reader reads after an accepted write. */
  views: (res: Res) => string[];
  /** The ones every reader reads (e.g. the public pages, also as an anonymous visitor). */
  publicViews?: (res: Res) => string[];
  /** Pages that must show each expected value as text (fields named; all fields when omitted). */
  showsOn?: (res: Res) => { url: string; fields?: string[] }[];
  /** Who reads the views: the writer first, then e.g. an anonymous visitor. */
  readers: TestClient[];
}

export type Outcome = 'accepted' | 'refused';

/**
 * Sends one write and checks the whole round trip: never a 5xx; a refusal changes nothing in the
 * database and its answer (which echoes the input) is safe; an accepted value comes back equal from
 * the JSON API and renders safely, as text, in every view and export.
 */
export async function assertSafeRoundTrip(t: RoundTrip): Promise<Outcome> {
  const before = await databaseFingerprint(t.db);
  const res = await t.send();
  expect(res.statusCode, `${t.label}: ${res.body.slice(0, 500)}`).toBeLessThan(500);
  expectSafe(res, `${t.label}: the write's answer`);
  if (res.statusCode >= 400) {
    expect(await databaseFingerprint(t.db), `${t.label}: a refused write (${res.statusCode}) changed the database`).toEqual(before);
    return 'refused';
  }
  const stored = await t.readBack(res);
  for (const [field, value] of Object.entries(t.expected)) {
    expect(stored[field], `${t.label}: ${field} as the API returns it`).toEqual(value);
  }
  const reads = [...t.views(res).map((url) => [url, t.readers[0]!] as const), ...(t.publicViews?.(res) ?? []).flatMap((url) => t.readers.map((r) => [url, r] as const))];
  for (const [url, reader] of reads) {
    const view = await reader.get(url, url.startsWith('/api/') ? { accept: 'application/json' } : {});
    expectSafe(view, `${t.label}: GET ${url}`);
  }
  for (const { url, fields } of t.showsOn?.(res) ?? []) {
    const page = await t.readers[0]!.get(url);
    for (const field of fields ?? Object.keys(t.expected)) {
      expect(showsAsText(page.body, t.expected[field]!), `${t.label}: ${field} shown as text on ${url}`).toBe(true);
    }
  }
  return 'accepted';
}

/** Counts outcomes of a property, so a suite can insist that both paths were exercised. */
export class Tally {
  accepted = 0;
  refused = 0;
  add(o: Outcome): void {
    this[o]++;
  }
}

// --- The route table ----------------------------------------------------------------------------

export interface RouteInfo {
  method: string;
  url: string;
}

/** Every route the application serves, read from Fastify's own route tree. */
export function routeTable(app: FastifyInstance): RouteInfo[] {
  const out: RouteInfo[] = [];
  const stack: string[] = [];
  for (const raw of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│]*)[├└]── (.*) \(([A-Z, ]+)\)$/.exec(raw);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    if (url.includes('*')) continue;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push({ method, url });
  }
  return out;
}

// --- A small organisation to attack -------------------------------------------------------------

export interface World {
  database: Database;
  db: Db;
  app: FastifyInstance;
  org: { id: string; slug: string; name: string };
  council: { id: string };
  committee: { id: string };
  year: number;
  period: { id: string };
  focusArea: { id: string };
  goal: { id: string };
  assignment: { id: string };
  users: Record<'admin' | 'strategist' | 'reporter' | 'reader', { id: string; email: string }>;
  clients: Record<'admin' | 'strategist' | 'reporter' | 'reader' | 'anonymous', TestClient>;
  /** An API path in this organisation: api('goals', id) is /api/v1/goals/<id>?organisation=<slug>. */
  api(path: string, id?: string): string;
  /** What the JSON API answers the strategist at `url`. */
  json(url: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** One organisation with a council, a committee, a year with a period, a focus area, a published goal and assignment, and a signed-in client per role. */
export async function hostileWorld(engine: Engine, slug = 'hostile'): Promise<World> {
  const t = await startApp(engine);
  try {
    const db = t.db;
    const org = await buildOrg(db, { slug, name: 'Angripna kommunen' });
    const council = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const committee = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee', parentId: council.id });
    const year = 2024;
    await buildYear(db, org.id, year);
    const period = await buildPeriod(db, { organisationId: org.id, year, name: 'Tertial 1 2024' });
    const focusArea = await buildFocusArea(db, { organisationId: org.id, name: 'Trygghet' });
    const goal = await buildGoal(db, { organisationId: org.id, bodyId: council.id, yearFrom: year, title: 'Malmö är en trygg stad' });
    const assignment = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: council.id, title: 'Samordna arbetet', leadBodyId: committee.id, focusAreaIds: [focusArea.id] });
    const users = {} as World['users'];
    const clients = { anonymous: t.anonymous() } as World['clients'];
    for (const role of ['admin', 'strategist', 'reporter', 'reader'] as const) {
      const signedIn = await t.signIn(org.id, role, role === 'reporter' ? { bodyIds: [committee.id] } : {});
      users[role] = signedIn.user;
      clients[role] = signedIn.client;
    }
    return {
      database: t.database,
      db,
      app: t.app,
      org,
      council,
      committee,
      year,
      period,
      focusArea,
      goal,
      assignment,
      users,
      clients,
      api: (path, id) => `/api/v1/${path}${id ? `/${id}` : ''}?organisation=${slug}`,
      json: async (url) => (await clients.strategist.get(url, { accept: 'application/json' })).json() as Record<string, unknown>,
      close: t.close,
    };
  } catch (err) {
    await t.close().catch(() => {});
    throw err;
  }
}

/** A hostile world for the describe block: set up before its tests, closed after them. */
export const useHostileWorld = (engine: Engine, slug: string): World => useFixture(() => hostileWorld(engine, slug));

/** The id at the end of a redirect after a form post (/o/x/things/<id>), or the id of a JSON answer. */
export function writtenId(res: Res): string {
  if (res.statusCode === 303) return String(res.headers.location).split('?')[0]!.split('/').pop()!;
  return (JSON.parse(res.body) as { id: string }).id;
}

// --- Sending a write the way a browser or an API client does ------------------------------------

export type Via = 'form' | 'api';
export const via = (): fc.Arbitrary<Via> => fc.constantFrom<Via>('form', 'api');

export interface Endpoint {
  /** Where the HTML form posts. */
  form: string;
  /** The API call doing the same. */
  api: { method: 'POST' | 'PUT'; url: string };
}

/** Posts `values` as a form (every value as text, lists as repeated fields) or sends them as JSON. */
export function sendVia(client: TestClient, how: Via, endpoint: Endpoint, values: Record<string, unknown>): Promise<Res> {
  if (how === 'api') return client.api(endpoint.api.method, endpoint.api.url, values);
  const form: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    form[k] = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return client.post(endpoint.form, form);
}

/** The normalisation a value goes through before the product sees it: a form cannot carry a lone surrogate. */
export const sent = (how: Via, s: string): string => (how === 'form' ? wellFormed(s) : s);

/**
 * Generated values for the free-text fields of a write: text the product should keep in every field,
 * and now and then one field with anything at all (control characters, lone surrogates, 100 kB).
 */
export function textFields<K extends string>(keys: readonly K[]): fc.Arbitrary<Record<K, string>> {
  const fields = Object.fromEntries(keys.map((k) => [k, acceptableText()])) as Record<K, fc.Arbitrary<string>>;
  return fc
    .tuple(fc.record(fields), fc.option(fc.tuple(fc.constantFrom(...keys), hostileText()), { freq: 2 }))
    .map(([values, override]) => (override ? { ...values, [override[0]]: override[1] } : values) as Record<K, string>);
}

/** One field of an otherwise valid write replaced by garbage (or an unknown field added). */
export function garbageField(keys: readonly string[]): fc.Arbitrary<[string, unknown]> {
  return fc.tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'organisationId', 'id', 'version', 'archived_at', 'x'), hostileJson());
}

/** Inputs every text field is tried with on every run of a suite, before the generated ones (all fields at once). */
export const CRITICAL = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "' onfocus='alert(2)</textarea><img src=x onerror=alert(3)>",
  "'; drop table bodies;--",
  '=HYPERLINK("http://evil.example","x")',
  '\u202eevil\u200f -1+2',
  '👩🏽‍💻 & ]]> &amp;',
  'å'.repeat(100_000),
];

/** Inputs a product must refuse or keep exactly, tried in one field at a time (the others plain). */
export const SNEAKY = ['a\ud800b', 'noll\u0000tecken', 'ej\uffff'];

/** fast-check examples: each critical input in every text field at once, then each sneaky one in each field alone. */
export function criticalExamples<K extends string, R extends unknown[]>(keys: readonly K[], rest: (i: number) => R): [Record<K, string>, ...R][] {
  const all = (value: string) => Object.fromEntries(keys.map((k) => [k, value])) as Record<K, string>;
  // The plain values differ from example to example: names are often unique.
  const one = (key: K, value: string, i: number) => Object.fromEntries(keys.map((k) => [k, k === key ? value : `Vanlig text ${i}`])) as Record<K, string>;
  const fields = [...CRITICAL.map(all), ...keys.flatMap((k, ki) => SNEAKY.map((v, vi) => one(k, v, ki * SNEAKY.length + vi)))];
  return fields.map((f, i) => [f, ...rest(i)]);
}

/** The search page and API asked for (the start of) a written value. */
export function searchViews(slug: string, value: string): string[] {
  const q = encodeURIComponent(wellFormed(value.slice(0, 200)) || 'x');
  return [`/o/${slug}/search?q=${q}`, `/api/v1/search?organisation=${slug}&q=${q}`];
}

/**
 * The property every free-text field of a write is held to: values for `keys` (the critical examples
 * first, then generated ones), each sent by form or by API and its round trip checked by
 * assertSafeRoundTrip. `extra` adds one more generated value per run (with `exampleExtra` for the
 * examples). Returns how many writes were accepted and refused, for the suite to insist on both.
 */
export async function textFieldProperty<K extends string, E = undefined>(
  keys: readonly K[],
  roundTrip: (fields: Record<K, string>, how: Via, extra: E) => Promise<RoundTrip>,
  options: { runs?: number; extra?: fc.Arbitrary<E>; exampleExtra?: (i: number) => E } = {},
): Promise<Tally> {
  const tally = new Tally();
  const extra = options.extra ?? (fc.constant(undefined) as fc.Arbitrary<E>);
  await fc.assert(
    fc.asyncProperty(textFields(keys), via(), extra, async (fields, how, more) => tally.add(await assertSafeRoundTrip(await roundTrip(fields, how, more)))),
    hostileRuns(options.runs ?? 10, criticalExamples(keys, (i) => [i % 2 ? 'api' : 'form', options.exampleExtra?.(i) as E] as [Via, E])),
  );
  return tally;
}
