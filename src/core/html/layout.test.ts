// The page frame: a title that names each thing once, and the icon browsers ask for at /favicon.ico.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe.each(engines)('the page frame on %s', (engine) => {
  const h = useFixture(async () => {
    const t = await startApp(engine);
    await buildOrg(t.db, { slug: 'ramkommun', name: 'Ramkommun' });
    return t;
  });

  it('titles the home page "Riktning" once, and other pages by page, organisation and Riktning', async () => {
    const home = await h.anonymous().get('/');
    expect(titleOf(home.body)).toBe('Riktning');
    const goals = await h.anonymous().get('/o/ramkommun/goals');
    expect(titleOf(goals.body)).toBe('Mål – Ramkommun – Riktning');
    const english = await h.anonymous().get('/o/ramkommun/goals?lang=en');
    expect(titleOf(english.body)).toBe('Goals – Ramkommun – Riktning');
  });

  it('serves /favicon.ico to anyone as a real icon, and every page links it', async () => {
    const res = await h.anonymous().get('/favicon.ico');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = res.rawPayload;
    // An ICO file: reserved 0, type 1 (icon), then at least one image.
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
    expect((await h.anonymous().get('/')).body).toContain('<link rel="icon" href="/favicon.ico"');
  });
});
