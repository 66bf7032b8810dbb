// Files people upload: checked by what they contain (never by their name or the browser's claimed
// type), held to a size and an allow-list per use, named safely, and served so that no browser runs
// them. Every module that accepts files goes through here.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { FileTypeParser } from 'file-type';
import type { Messages } from './i18n';

/** The kinds of file Riktning can accept at all; each use allows some of them. */
export type UploadKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'odt' | 'csv' | 'text';

interface KindInfo {
  mime: string;
  ext: string;
  /** May a browser show it in the page (raster images, plain text) rather than download it? */
  inline: boolean;
}

/**
 * The types served under their own content type. Raster images and plain text cannot run script
 * when served with nosniff; documents are offered as downloads, since a PDF or office file opened
 * in the browser's own viewer is still content from a stranger. SVG and HTML are absent on purpose:
 * both run script in the site's origin.
 */
export const UPLOAD_KINDS: Record<UploadKind, KindInfo> = {
  pdf: { mime: 'application/pdf', ext: 'pdf', inline: false },
  png: { mime: 'image/png', ext: 'png', inline: true },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', inline: true },
  gif: { mime: 'image/gif', ext: 'gif', inline: true },
  webp: { mime: 'image/webp', ext: 'webp', inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', inline: false },
  odt: { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', inline: false },
  csv: { mime: 'text/csv', ext: 'csv', inline: false },
  text: { mime: 'text/plain', ext: 'txt', inline: true },
};

const BY_MIME = new Map(Object.entries(UPLOAD_KINDS).map(([kind, info]) => [info.mime, kind as UploadKind]));

/** What one use accepts: e.g. a report's attachments, or a project's picture. */
export interface UploadPolicy {
  kinds: readonly UploadKind[];
  maxBytes: number;
}

export const uploadPolicy = (kinds: readonly UploadKind[], maxBytes: number): UploadPolicy => ({ kinds, maxBytes });

/** Documents attached to a report, a decision or a project. */
export const DOCUMENTS = uploadPolicy(['pdf', 'docx', 'xlsx', 'odt', 'csv', 'text'], 20 * 1024 * 1024);
/** Pictures shown on a page. */
export const IMAGES = uploadPolicy(['png', 'jpeg', 'gif', 'webp'], 5 * 1024 * 1024);

export interface CheckedFile {
  kind: UploadKind;
  mime: string;
  /** The name to store and offer: safe, and ending in the extension of what the file really is. */
  filename: string;
  size: number;
  /** Hex SHA-256 of the content: to store by, and to notice the same file twice. */
  sha256: string;
}

export type UploadRefusal = 'empty' | 'too_large' | 'not_allowed' | 'unrecognised';

export type UploadCheck = { ok: true; file: CheckedFile } | { ok: false; reason: UploadRefusal; messageKey: string; params?: Record<string, string | number> };

export const uploadMessages: Messages = {
  sv: {
    'upload.error.empty': 'Filen är tom.',
    'upload.error.too_large': 'Filen är för stor. Den får vara högst {max}.',
    'upload.error.not_allowed': 'Filer av det här slaget kan inte laddas upp här. Tillåtna är: {allowed}.',
    'upload.error.unrecognised': 'Filens innehåll gick inte att känna igen som någon av de tillåtna filtyperna: {allowed}.',
  },
  en: {
    'upload.error.empty': 'The file is empty.',
    'upload.error.too_large': 'The file is too large. It may be at most {max}.',
    'upload.error.not_allowed': 'Files of this kind cannot be uploaded here. Allowed: {allowed}.',
    'upload.error.unrecognised': 'The content of the file is not one of the allowed file types: {allowed}.',
  },
};

const refuse = (reason: UploadRefusal, policy: UploadPolicy, extra: Record<string, string | number> = {}): UploadCheck => ({
  ok: false,
  reason,
  messageKey: `upload.error.${reason}`,
  params: { allowed: policy.kinds.map((k) => UPLOAD_KINDS[k].ext.toUpperCase()).join(', '), max: formatBytes(policy.maxBytes), ...extra },
});

const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(n / 1024)} kB`);

/** How long detection may take: file-type parses untrusted structure (zip directories) and says to bound it. */
const DETECTION_TIMEOUT_MS = 5000;

/**
 * What a file is, by its content: binary formats by their signature (and, for Office and
 * OpenDocument files, the entries inside the zip) through file-type; otherwise UTF-8 text without
 * control characters and without markup. Undefined when it is none of the kinds Riktning knows.
 */
export async function detectKind(data: Uint8Array, filename = ''): Promise<UploadKind | undefined> {
  const parser = new FileTypeParser({ signal: AbortSignal.timeout(DETECTION_TIMEOUT_MS) });
  const found = await parser.fromBuffer(data);
  if (found) return BY_MIME.get(found.mime);
  if (!isPlainText(data)) return undefined;
  // Text carries no signature: CSV and plain text differ only in use, so the name picks the label.
  return /\.csv$/i.test(filename.trim()) ? 'csv' : 'text';
}

/** Markup a browser would sniff as HTML, SVG or XML (WHATWG MIME sniffing looks at the first tag). */
const MARKUP = /^[\s\ufeff]*<(?:!doctype|!--|\?xml|[a-z][a-z0-9-]*(?:[\s/>]|$))/i;

function isPlainText(data: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return false;
  }
  // Tab, line breaks and form feed are text; other control characters mean a binary file.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !MARKUP.test(text.slice(0, 1024));
}

/**
 * Checks an uploaded file for one use. The name the client gave is only used, made safe, as the
 * name to offer it under; the client's content type is not consulted at all.
 */
export async function checkUpload(policy: UploadPolicy, upload: { data: Uint8Array; filename: string }): Promise<UploadCheck> {
  const { data } = upload;
  if (data.byteLength === 0) return refuse('empty', policy);
  if (data.byteLength > policy.maxBytes) return refuse('too_large', policy);
  const kind = await detectKind(data, upload.filename);
  if (!kind) return refuse('unrecognised', policy);
  if (!policy.kinds.includes(kind)) return refuse('not_allowed', policy);
  const info = UPLOAD_KINDS[kind];
  return {
    ok: true,
    file: {
      kind,
      mime: info.mime,
      filename: safeFilename(upload.filename, info.ext),
      size: data.byteLength,
      sha256: createHash('sha256').update(data).digest('hex'),
    },
  };
}

/**
 * A file name that is safe to store and offer: no directories, no control, bidirectional or
 * zero-width characters (which disguise "gpj.exe" as "exe.jpg"), none of the characters Windows
 * refuses, no leading dots, at most 100 characters, and the extension of what the file really is.
 */
export function safeFilename(name: string, ext: string): string {
  const base =
    (name.split(/[/\\]/).pop() ?? '')
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[.\s]+/, '')
      .replace(/[.\s]+$/, '') || 'fil';
  const stem = base.toLowerCase().endsWith(`.${ext}`) ? base.slice(0, -(ext.length + 1)) : base;
  const short = [...stem].slice(0, 100 - ext.length - 1).join('').trim() || 'fil';
  // Windows opens CON, NUL, COM1 … as devices, whatever the extension.
  return `${/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(short) ? `_${short}` : short}.${ext}`;
}

/**
 * Content-Disposition with the name both as plain ASCII (for old clients) and as UTF-8 (RFC 6266 / 5987),
 * so å, ä, ö survive and no quote or line break can end the header.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '_').trim() || 'fil';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file. Its type is the one detected when it was uploaded; a type outside the safe
 * list (or none) is sent as application/octet-stream, to be downloaded. Only raster images and
 * plain text may be shown inline, and then only when asked; never HTML or SVG. Always nosniff, and a
 * CSP that forbids everything, in case a browser renders it anyway.
 */
export function sendStoredFile(reply: FastifyReply, file: { data: Uint8Array; mime: string | undefined; filename: string }, options: { inline?: boolean } = {}): FastifyReply {
  const kind = file.mime ? BY_MIME.get(file.mime.split(';')[0]!.trim().toLowerCase()) : undefined;
  const info = kind ? UPLOAD_KINDS[kind] : undefined;
  const inline = options.inline === true && info?.inline === true;
  const type = info ? (kind === 'csv' || kind === 'text' ? `${info.mime}; charset=utf-8` : info.mime) : 'application/octet-stream';
  const filename = info ? safeFilename(file.filename, info.ext) : safeFilename(file.filename, 'bin');
  return reply
    .type(type)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('content-length', String(file.data.byteLength))
    .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
}
