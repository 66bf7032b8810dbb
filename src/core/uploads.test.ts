import { crc32, deflateSync } from 'node:zlib';
import Fastify from 'fastify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { t } from '../test/context';
import { checkUpload, contentDisposition, detectKind, DOCUMENTS, IMAGES, safeFilename, sendStoredFile, uploadPolicy, UPLOAD_KINDS, type UploadKind } from './uploads';

// --- Real small files, made here byte by byte -----------------------------------------------------

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** A 1×1 PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(type), data, u32(crc32(Buffer.concat([Buffer.from(type), data])))]);
  const ihdr = Buffer.concat([u32(1), u32(1), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

const jpeg = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const gif = () => Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b])]);
function webp(): Buffer {
  const vp8l = Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]);
  const chunk = Buffer.concat([Buffer.from('VP8L'), Buffer.from([vp8l.length, 0, 0, 0]), vp8l]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), chunk]);
}
const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A zip with stored (uncompressed) entries: what Office and OpenDocument files are. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;
const docx = () => zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')], ['word/document.xml', '<w:document/>']]);
const docm = () => zip([['[Content_Types].xml', contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml')], ['word/document.xml', '<w:document/>']]);
const xlsx = () => zip([['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')], ['xl/workbook.xml', '<workbook/>']]);
const odt = () => zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
const html = () => Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const svg = () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

const EVERYTHING = uploadPolicy(Object.keys(UPLOAD_KINDS) as UploadKind[], 1024 * 1024);

describe('checking an upload by its content', () => {
  it.each([
    ['pdf', pdf(), 'beslut.pdf'],
    ['png', png(), 'karta.png'],
    ['jpeg', jpeg(), 'foto.jpg'],
    ['gif', gif(), 'ikon.gif'],
    ['webp', webp(), 'bild.webp'],
    ['docx', docx(), 'rapport.docx'],
    ['xlsx', xlsx(), 'budget.xlsx'],
    ['odt', odt(), 'protokoll.odt'],
    ['csv', Buffer.from('\ufeffnämnd;belopp\nServicenämnden;12\n'), 'belopp.csv'],
    ['text', Buffer.from('Kommunfullmäktige beslutade.\n'), 'anteckning.txt'],
  ] as const)('recognises a real %s', async (kind, data, name) => {
    const res = await checkUpload(EVERYTHING, { data, filename: name });
    expect(res).toMatchObject({ ok: true, file: { kind, mime: UPLOAD_KINDS[kind].mime, size: data.length } });
    if (res.ok) expect(res.file.filename.endsWith(`.${UPLOAD_KINDS[kind].ext}`)).toBe(true);
  });

  it('goes by content, not by the name: a PNG called .pdf is a PNG, HTML called .pdf is refused', async () => {
    expect(await checkUpload(EVERYTHING, { data: png(), filename: 'rapport.pdf' })).toMatchObject({ ok: true, file: { kind: 'png', filename: 'rapport.pdf.png' } });
    expect(await checkUpload(DOCUMENTS, { data: html(), filename: 'rapport.pdf' })).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(await checkUpload(EVERYTHING, { data: html(), filename: 'sida.txt' })).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(await checkUpload(EVERYTHING, { data: Buffer.from('  \n<p onclick="x()">hej</p>'), filename: 'a.csv' })).toMatchObject({ ok: false });
  });

  it('refuses SVG, whatever it is called, because it runs script', async () => {
    for (const filename of ['logo.svg', 'logo.png', 'logo.txt']) expect(await checkUpload(EVERYTHING, { data: svg(), filename })).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(await checkUpload(EVERYTHING, { data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), filename: 'x' })).toMatchObject({ ok: false });
  });

  it('refuses a macro-enabled Word file, a plain zip, an executable and binary junk', async () => {
    expect(await detectKind(docm())).toBeUndefined();
    expect(await checkUpload(EVERYTHING, { data: zip([['a.txt', 'x']]), filename: 'a.docx' })).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(await checkUpload(EVERYTHING, { data: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), filename: 'setup.pdf' })).toMatchObject({ ok: false });
    expect(await checkUpload(EVERYTHING, { data: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), filename: 'a.txt' })).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(await checkUpload(EVERYTHING, { data: Buffer.from('text\u0000med noll'), filename: 'a.txt' })).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('holds each use to its allow-list and size limit', async () => {
    expect(await checkUpload(DOCUMENTS, { data: png(), filename: 'bild.png' })).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(await checkUpload(IMAGES, { data: pdf(), filename: 'a.pdf' })).toMatchObject({ ok: false, reason: 'not_allowed' });
    const small = uploadPolicy(['pdf'], 50);
    const refused = await checkUpload(small, { data: pdf(), filename: 'a.pdf' });
    expect(refused).toMatchObject({ ok: false, reason: 'too_large' });
    if (!refused.ok) {
      expect(t('sv', refused.messageKey, refused.params)).toBe('Filen är för stor. Den får vara högst 1 kB.');
      expect(t('en', refused.messageKey, refused.params)).toBe('The file is too large. It may be at most 1 kB.');
    }
    expect(await checkUpload(DOCUMENTS, { data: Buffer.alloc(0), filename: 'tom.pdf' })).toMatchObject({ ok: false, reason: 'empty' });
    const notAllowed = await checkUpload(IMAGES, { data: pdf(), filename: 'a.pdf' });
    if (!notAllowed.ok) expect(t('sv', notAllowed.messageKey, notAllowed.params)).toContain('PNG, JPG, GIF, WEBP');
  });

  it('answers for any bytes and any name: either refused, or a safe name with the right extension', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(png(), pdf(), docx(), html(), svg(), Buffer.from('a;b\n1;2'))), fc.string({ unit: 'binary', maxLength: 300 }), async (data, filename) => {
        const res = await checkUpload(EVERYTHING, { data, filename });
        if (!res.ok) return;
        expect(res.file.filename.endsWith(`.${UPLOAD_KINDS[res.file.kind].ext}`)).toBe(true);
        expect(res.file.filename).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e"<>|?*]/);
        expect([...res.file.filename].length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});

describe('safe file names', () => {
  it.each([
    ['../../etc/passwd', 'txt', 'passwd.txt'],
    ['C:\\Users\\x\\budget.xlsx', 'xlsx', 'budget.xlsx'],
    ['evil\u202egpj.exe', 'png', 'evilgpj.exe.png'],
    ['in\u200bvis\u200fible.pdf', 'pdf', 'invisible.pdf'],
    ['a"b\r\nSet-Cookie: x.pdf', 'pdf', 'a_bSet-Cookie_ x.pdf'],
    ['...', 'pdf', 'fil.pdf'],
    ['.htaccess', 'txt', 'htaccess.txt'],
    ['CON.pdf', 'pdf', '_CON.pdf'],
    ['Årsredovisning 2017.PDF', 'pdf', 'Årsredovisning 2017.pdf'],
    ['x'.repeat(300), 'pdf', `${'x'.repeat(96)}.pdf`],
  ])('%j becomes %j', (name, ext, safe) => {
    expect(safeFilename(name, ext)).toBe(safe);
  });

  it('offers the name in a header that nothing in it can end', () => {
    expect(contentDisposition('attachment', 'Årsredovisning "2017".pdf')).toBe(`attachment; filename="Arsredovisning _2017_.pdf"; filename*=UTF-8''%C3%85rsredovisning%20%222017%22.pdf`);
  });
});

describe('serving a stored file', () => {
  async function serve(file: { data: Buffer; mime: string | undefined; filename: string }, inline?: boolean) {
    const app = Fastify();
    app.get('/f', async (_req, reply) => sendStoredFile(reply, file, { inline }));
    const res = await app.inject({ url: '/f' });
    await app.close();
    return res;
  }

  it('shows a safe image inline with its own type when asked, and always with nosniff and a CSP that forbids everything', async () => {
    const res = await serve({ data: png(), mime: 'image/png', filename: 'karta.png' }, true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="karta.png"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.rawPayload.equals(png())).toBe(true);
  });

  it('offers documents as downloads with their own type', async () => {
    const res = await serve({ data: pdf(), mime: 'application/pdf', filename: 'beslut.pdf' }, true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('never serves HTML or SVG as such: they are downloaded as octet-stream', async () => {
    for (const mime of ['text/html', 'text/html; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript', undefined, 'IMAGE/SVG+XML']) {
      const res = await serve({ data: svg(), mime, filename: 'logo.svg' }, true);
      expect(res.headers['content-type'], String(mime)).toBe('application/octet-stream');
      expect(res.headers['content-disposition'], String(mime)).toMatch(/^attachment; filename="logo.svg.bin"/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves text as UTF-8 plain text, never as something a browser would sniff', async () => {
    const res = await serve({ data: Buffer.from('a;b'), mime: 'text/csv', filename: 'data.csv' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
  });
});
