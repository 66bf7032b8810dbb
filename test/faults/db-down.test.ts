// Stop PostgreSQL while the server runs: every request gets a clear 503 (a page in the reader's
// language, JSON from the API, and a Retry-After), and the server recovers by itself when the
// database returns — no restart. Runs against a private cluster this test may stop and start; it
// needs PostgreSQL's binaries, and CI (CI=true) insists on them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import { t } from '../../src/test/context';
import { loadDemoIfEmpty, type DemoAccount } from '../../src/demo';
import { serve, type Running } from '../../src/server';
import { waitFor } from '../../src/test/wait';
import { createCluster, postgresBinDir, type PrivateCluster } from './private-postgres';

const bin = postgresBinDir();
const RECOVERY_MS = 30_000;
/** A request may wait for pg's connection timeout (5 s), no longer. */
const ANSWER_MS = 10_000;

interface Answer {
  status: number;
  type: string;
  retryAfter: string | null;
  body: string;
  ms: number;
}

describe.runIf(bin || process.env.CI === 'true')('the database going away while the server runs', () => {
  let cluster: PrivateCluster | undefined;
  let running: Running | undefined;
  let dataDir: string;
  let cookie = '';

  async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
    const started = Date.now();
    const res = await fetch(`${running!.url}${url}`, { headers: { cookie, ...headers }, redirect: 'manual', signal: AbortSignal.timeout(ANSWER_MS * 2) });
    const body = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body, ms: Date.now() - started };
  }

  const page = (url: string) => get(url, { accept: 'text/html', cookie: '' });
  const signedInPage = (url: string) => get(url, { accept: 'text/html' });
  const api = (url: string) => get(url, { accept: 'application/json', cookie: '' });

  async function signIn(account: DemoAccount): Promise<void> {
    const form = await fetch(`${running!.url}/sign-in`);
    const jar = form.headers.getSetCookie().map((c) => c.split(';')[0]);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await fetch(`${running!.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
      body: new URLSearchParams({ _csrf: token, email: account.email, password: account.password }).toString(),
    });
    expect(res.status).toBe(303);
    cookie = [...jar, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  }

  async function expectAllUp(): Promise<void> {
    const home = await page('/o/malmo');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Malmö stad');
    expect((await signedInPage('/o/malmo/assignments')).body).toContain('Demo Strateg');
    const list = await api('/api/v1/assignments?organisation=malmo');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).total).toBeGreaterThan(0);
    expect((await api('/healthz')).status).toBe(200);
  }

  beforeAll(async () => {
    if (!bin) throw new Error('CI=true but no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install postgresql.');
    cluster = await createCluster(bin);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-db-down-'));
    let accounts: DemoAccount[] = [];
    running = await serve(loadConfig({ DATABASE_URL: cluster.url, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), {
      async afterMigrate(database) {
        accounts = (await loadDemoIfEmpty(database.db))!.accounts;
      },
    });
    await signIn(accounts.find((a) => a.role === 'strategist')!);
  });

  afterAll(async () => {
    await running?.stop();
    await cluster?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 while PostgreSQL is stopped, and 200 again once it is back, without a restart', async () => {
    await expectAllUp();

    await cluster!.stop();

    const sv = await page('/o/malmo');
    expect(sv.status).toBe(503);
    expect(sv.type).toContain('text/html');
    expect(sv.retryAfter).toBe('5');
    expect(sv.body).toContain(t('sv', 'error.db_unavailable'));
    expect(sv.body).toContain('<html lang="sv">');
    expect(sv.ms).toBeLessThan(ANSWER_MS);

    const en = await page('/o/malmo/assignments?lang=en');
    expect(en.status).toBe(503);
    expect(en.retryAfter).toBe('5');
    expect(en.body).toContain(t('en', 'error.db_unavailable'));

    // Who is asking is read from the database first: a signed-in page fails the same clear way.
    const signedIn = await signedInPage('/o/malmo/assignments');
    expect(signedIn.status).toBe(503);
    expect(signedIn.body).toContain(t('sv', 'error.db_unavailable'));

    const json = await api('/api/v1/assignments?organisation=malmo');
    expect(json.status).toBe(503);
    expect(json.type).toContain('application/json');
    expect(json.retryAfter).toBe('5');
    expect(JSON.parse(json.body)).toEqual({ error: 'unavailable', message: t('sv', 'error.db_unavailable') });
    const jsonEn = await get('/api/v1/assignments?organisation=malmo', { accept: 'application/json', 'accept-language': 'en', cookie: '' });
    expect(JSON.parse(jsonEn.body)).toMatchObject({ error: 'unavailable', message: t('en', 'error.db_unavailable') });

    const health = await api('/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'database unavailable', engine: 'postgres' });

    // Still down a while later: no request hangs or turns into a 500 as the pool keeps failing.
    for (const url of ['/', '/o/malmo/goals', '/o/malmo/search?q=uppdrag']) {
      const res = await page(url);
      expect({ url, status: res.status }).toEqual({ url, status: 503 });
      expect(res.ms).toBeLessThan(ANSWER_MS);
    }
    // The sign-in form needs no database; signing in does, and says so.
    const form = await fetch(`${running!.url}/sign-in`);
    expect(form.status).toBe(200);
    const jar = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const attempt = await fetch(`${running!.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
      body: new URLSearchParams({ _csrf: token, email: 'lasare@malmo.example', password: 'whatever it is' }).toString(),
    });
    expect(attempt.status).toBe(503);
    expect(await attempt.text()).toContain(t('sv', 'error.db_unavailable'));

    await cluster!.start();

    await waitFor(async () => (await api('/healthz')).status === 200, { timeout: RECOVERY_MS, interval: 250, what: 'the server to find the database again' });
    // The same server process, the same session: nothing was restarted or lost.
    await expectAllUp();
  }, 120_000);
});
