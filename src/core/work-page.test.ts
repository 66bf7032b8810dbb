// Signing in leads to the person's work page (their next step), unless they were on their way to a
// page of this site; and each sign-in keeps when the person was last here, for "since your last visit".
import { describe, expect, it } from 'vitest';
import { TestClient } from '../test/client';
import { engines } from '../test/db';
import { buildUser, TEST_PASSWORD } from '../test/factories';
import { organisationApp, useFixture } from '../test/harness';

describe.each(engines)('signing in on %s', (engine) => {
  const t = useFixture(() => organisationApp(engine, ['strategist']));

  it('lands on the work page, which says what is waiting in both languages', async () => {
    const user = await buildUser(t.db, { organisationId: t.org.id, role: 'strategist' });
    const client = new TestClient(t.app);
    const res = await client.signIn(user.email, TEST_PASSWORD);
    expect(res.headers.location).toBe('/o/testkommun/work');
    const page = await client.get(res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mitt arbete</h1>');
    // The work page is in the menu, and the strategist's boxes are on it.
    expect(page.body).toContain('<a href="/o/testkommun/work" aria-current="page">Mitt arbete</a>');
    expect(page.body).toContain('Väntar på granskning');
    await client.get('/lang/en');
    expect((await client.get('/o/testkommun/work')).body).toContain('Waiting for review');
  });

  it('keeps a return path on this site, and lands on the work page from the home page', async () => {
    const user = await buildUser(t.db, { organisationId: t.org.id, role: 'reader' });
    const toList = await new TestClient(t.app).post(`/sign-in?back=${encodeURIComponent('/o/testkommun/assignments?year=2018')}`, { email: user.email, password: TEST_PASSWORD });
    expect(toList.headers.location).toBe('/o/testkommun/assignments?year=2018');
    const fromHome = await new TestClient(t.app).post('/sign-in?back=%2F', { email: user.email, password: TEST_PASSWORD });
    expect(fromHome.headers.location).toBe('/o/testkommun/work');
    const elsewhere = await new TestClient(t.app).post(`/sign-in?back=${encodeURIComponent('//evil.example/')}`, { email: user.email, password: TEST_PASSWORD });
    expect(elsewhere.headers.location).toBe('/o/testkommun/work');
  });

  it('keeps the last activity of the earlier sessions as the previous visit at each sign-in', async () => {
    const user = await buildUser(t.db, { organisationId: t.org.id, role: 'reader' });
    const previous = () => t.db.selectFrom('users').select('previous_visit_at').where('id', '=', user.id).executeTakeFirstOrThrow().then((r) => r.previous_visit_at);
    await new TestClient(t.app).signIn(user.email, TEST_PASSWORD);
    expect(await previous()).toBeNull();
    // The first session was last active an hour ago.
    const hourAgo = new Date(Date.now() - 3600_000);
    await t.db.updateTable('sessions').set({ last_seen_at: hourAgo }).where('user_id', '=', user.id).execute();
    await new TestClient(t.app).signIn(user.email, TEST_PASSWORD);
    expect((await previous())?.getTime()).toBe(hourAgo.getTime());
    // A failed sign-in changes nothing.
    await new TestClient(t.app).post('/sign-in', { email: user.email, password: 'not the password' });
    expect((await previous())?.getTime()).toBe(hourAgo.getTime());
  });

  it('sends a visitor without an account to sign in first', async () => {
    const res = await t.anonymous().get('/o/testkommun/work');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?back=%2Fo%2Ftestkommun%2Fwork');
  });
});
