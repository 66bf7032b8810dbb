// The hostile-input harness checks itself: each check must see the attack it exists for, and pass the
// product's ordinary, escaped output. A check that sees nothing would make every suite pass.
import Fastify from 'fastify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Feed } from 'feed';
import { escapeHtml } from '../../src/core/http/feeds';
import ExcelJS from 'exceljs';
import { toXlsx, XLSX_TYPE } from '../../src/core/export';
import { atomProblems, csvProblems, htmlProblems, parseCsv, responseProblems, routeTable, showsAsText, tokenizeHtml, wellFormed, xlsxProblems } from '../../src/test/hostile';
import { xlsxRows } from '../../src/test/xlsx';

const page = (body: string) => `<!doctype html><html lang="sv"><head><meta charset="utf-8"/><title>T</title></head><body><main id="main">${body}</main></body></html>`;

describe('the HTML check', () => {
  it('sees markup that came from input', () => {
    expect(htmlProblems(page('<p><img src=x onerror=alert(1)></p>'))).toEqual(expect.arrayContaining(['element <img>', 'event handler onerror= on <img>']));
    expect(htmlProblems(page('<input name="q" value="" autofocus onfocus="alert(1)">'))).toContain('event handler onfocus= on <input>');
    expect(htmlProblems(page('<a href=" java\tscript:alert(1)">x</a>'))).toEqual(['href=" java\tscript:alert(1)" on <a>']);
    expect(htmlProblems(page('<textarea name="t"></textarea><script>alert(1)</script></textarea>'))).toContain('element <script>');
    expect(htmlProblems(page('<p title=x/onmouseover=alert(1)>'))).toEqual([]);
    expect(htmlProblems(page('<p title="a" style="x:expression(alert(1))">'))).toEqual(['attribute style= on <p>']);
    expect(htmlProblems(page('<svg/onload=alert(1)>'))).toEqual(expect.arrayContaining(['element <svg>', 'event handler onload= on <svg>']));
  });

  it('passes escaped text, and finds it as the text a reader sees', () => {
    const escaped = page('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><input name="n" value="&quot;&gt;&lt;svg onload=alert(1)&gt;"/><textarea name="t">&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>');
    expect(htmlProblems(escaped)).toEqual([]);
    expect(showsAsText(escaped, '<script>alert(1)</script>')).toBe(true);
    expect(showsAsText(escaped, '"><svg onload=alert(1)>')).toBe(true);
    expect(showsAsText(escaped, '</textarea><img src=x onerror=alert(1)>')).toBe(true);
    // Rendered as markup, the text is not there to see.
    expect(showsAsText(page('<h1><b>fet</b></h1>'), '<b>fet</b>')).toBe(false);
  });

  it('reads attributes the way a browser does', () => {
    const { tags } = tokenizeHtml('<a href=/x title=\'a"b\' data-x="&amp;&lt;" hidden>');
    expect(tags[0]).toEqual({ name: 'a', attrs: [['href', '/x'], ['title', 'a"b'], ['data-x', '&<'], ['hidden', '']] });
    // U+00A0 is not white space in HTML: it belongs to the attribute name.
    expect(tokenizeHtml('<p\u00a0onclick=x>').tags[0]!.name).toBe('p\u00a0onclick=x');
  });
});

describe('the Atom check', () => {
  const feed = (title: string) => {
    const f = new Feed({ id: 'http://x/', title: 'F', link: 'http://x/', updated: new Date(0), copyright: '' });
    f.addItem({ id: 'http://x/1', title, link: 'http://x/1', date: new Date(0), description: title });
    return f.atom1();
  };

  it('sees markup in a type="html" title, and passes it escaped', () => {
    expect(atomProblems(feed('<script>alert(1)</script>'))).toContain('element <script>');
    expect(atomProblems(feed('a ]]><evil/>'))).not.toEqual([]);
    expect(atomProblems(feed(escapeHtml('<script>alert(1)</script> ]]> & &amp;')))).toEqual([]);
  });

  it('sees XML a reader cannot parse', () => {
    expect(atomProblems('<feed><title>a\u0001</title></feed>')).toContain('character not allowed in XML: U+1');
    expect(atomProblems('<feed><title>a & b</title></feed>')).toContain('bare & in text');
    expect(atomProblems('<feed><title>a</feed>')).not.toEqual([]);
  });
});

describe('the CSV check', () => {
  it('sees a formula and passes a neutralised one or a number', () => {
    expect(csvProblems('\ufeffa,b\r\n=1+1,x\r\n')).toEqual(['formula in row 1 column 0: "=1+1"']);
    expect(csvProblems('a,b\r\n"\t=1",x\r\n')).toHaveLength(1);
    expect(csvProblems("a,b\r\n'=1+1,-5\r\n")).toEqual([]);
    expect(parseCsv('a,"b ""c""\r\nd",e\r\n')).toEqual([['a', 'b "c"\r\nd', 'e']]);
  });
});

describe('the Excel check', () => {
  it('sees a formula, a file that is no workbook, and passes text that only looks like a formula', async () => {
    const texts = ['=1+1', '+46 40 34 10 00', '@SUM(1,1)', '-2+3', '=HYPERLINK("http://evil.example","x")', 'a & b < c'];
    const ours = await toXlsx([{ header: 'Text', value: (r: string) => r }], texts);
    expect(xlsxProblems(ours)).toEqual([]);
    expect(xlsxRows(ours)).toEqual([['Text'], ...texts.map((t) => [t])]);

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Blad').addRow(['ok', { formula: 'SUM(1,1)', result: 2 }]);
    const withFormula = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(xlsxProblems(withFormula)).toEqual(['formula in xl/worksheets/sheet1.xml B1: "SUM(1,1)"']);

    expect(xlsxProblems(Buffer.from('a,b\r\n=1+1,x\r\n'))[0]).toMatch(/^not a workbook/);
    const answer = (body: Buffer) => ({ statusCode: 200, headers: { 'x-content-type-options': 'nosniff', 'content-type': XLSX_TYPE }, body: body.toString('latin1'), rawPayload: body }) as never;
    expect(responseProblems(answer(ours))).toEqual([]);
    expect(responseProblems(answer(withFormula))).toHaveLength(1);
  });
});

describe('the answer check', () => {
  const res = (statusCode: number, headers: Record<string, string>, body = '') => ({ statusCode, headers: { 'x-content-type-options': 'nosniff', ...headers }, body }) as never;

  it('sees a 5xx, a missing nosniff and a redirect off the site', () => {
    expect(responseProblems(res(500, {}, 'boom'))).toEqual(['HTTP 500: boom']);
    expect(responseProblems({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' } as never)).toEqual(['no X-Content-Type-Options: nosniff']);
    expect(responseProblems(res(303, { location: '/\t/evil.example' }))).toHaveLength(1);
    expect(responseProblems(res(303, { location: '//evil.example' }))).toHaveLength(1);
    expect(responseProblems(res(303, { location: '/o/malmo?x=%20' }))).toEqual([]);
    expect(responseProblems(res(200, { 'content-type': 'image/vnd.microsoft.icon' }, '\u0000\u0000\u0001'))).toEqual([]);
    expect(responseProblems(res(200, { 'content-type': 'image/svg+xml' }, '<svg onload="alert(1)"/>'))).toEqual(['unexpected content type "image/svg+xml"']);
  });
});

describe('the route table', () => {
  it('lists every route with its full path', async () => {
    const app = Fastify();
    for (const url of ['/', '/o/:org', '/o/:org/goals', '/o/:org/goals.csv', '/o/:org/goals/:id', '/api/v1/goals', '/api/v1/goals/:id/publish']) app.get(url, async () => '');
    app.post('/o/:org/goals', async () => '');
    await app.ready();
    const routes = routeTable(app).map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(
      ['GET /', 'GET /o/:org', 'GET /o/:org/goals', 'GET /o/:org/goals.csv', 'GET /o/:org/goals/:id', 'POST /o/:org/goals', 'GET /api/v1/goals', 'GET /api/v1/goals/:id/publish'].sort(),
    );
    await app.close();
  });
});

describe('text as a browser sends it', () => {
  it('replaces lone surrogates the way URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(new URLSearchParams({ s }).get('s')).toBe(wellFormed(s));
      }),
    );
  });
});
