// Assignments on the work page: staff see every assignment past its deadline and not finished, with
// how late it is, the count leading to the list of them; readers see the status changes made since
// their last visit and not those made before it.
import { describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client';
import { actorCtx } from '../../test/context';
import { engines } from '../../test/db';
import { buildBody, buildUser, TEST_PASSWORD } from '../../test/factories';
import { organisationApp, useFixture } from '../../test/harness';
import { buildAssignment } from '../follow-up/follow-up.factories';
import { changeAssignmentStatus } from './index';
import { todayInSweden } from './assignments.queries';

const day = (n: number): string => {
  const d = new Date(`${todayInSweden()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** A box of the work page by its title: its text and the links of its lines. */
function box(html: string, title: string): { text: string; hrefs: string[] } | undefined {
  const m = new RegExp(`<li class="card[^"]*"><h2>${title}</h2>(.*?)(?=<li class="card|</ul></main>|$)`, 's').exec(html);
  if (!m) return undefined;
  return { text: text(m[1]!), hrefs: [...m[1]!.matchAll(/<span class="widget-row-head"><a href="([^"]+)"/g)].map((h) => h[1]!) };
}

describe.each(engines)('assignments on the work page on %s', (engine) => {
  const t = useFixture(() => organisationApp(engine, ['strategist'], { strategist: 'Stina Strateg' }));

  it('shows staff the late assignments, how late each is, and links the count to the list of them', async () => {
    const { db, org } = t;
    const year = Number(day(-3).slice(0, 4));
    const board = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    const service = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const late = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title: 'Rusta skolgårdarna', deadline: day(-3), status: 'ongoing', leadBodyId: service.id });
    await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title: 'Avslutat i tid', deadline: day(-3), status: 'closed', leadBodyId: service.id });
    await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title: 'Inte klart än', deadline: day(30), status: 'ongoing', leadBodyId: service.id });

    const page = await t.strategist.get('/o/testkommun/work');
    const found = box(page.body, 'Försenade uppdrag');
    expect(found?.hrefs).toEqual([`/o/testkommun/assignments/${late.id}`]);
    expect(found?.text).toContain(`Rusta skolgårdarna Pågående Servicenämnden · skulle vara klart ${day(-3)}, 3 dagar försenad`);
    expect(page.body).toContain('<dt>Försenade</dt><dd><a href="/o/testkommun/assignments?late=true">1</a></dd>');
    const list = await t.strategist.get('/o/testkommun/assignments?late=true');
    expect(list.body).toContain('Rusta skolgårdarna');
    expect(list.body).not.toContain('Avslutat i tid');
    expect(list.body).not.toContain('Inte klart än');

    // Not for readers or reporters.
    const reader = await buildUser(db, { organisationId: org.id, role: 'reader' });
    const client = new TestClient(t.app);
    await client.signIn(reader.email, TEST_PASSWORD);
    expect(box((await client.get('/o/testkommun/work')).body, 'Försenade uppdrag')).toBeUndefined();
  });

  it('shows a reader the status changes made since their last visit, and not those made before it', async () => {
    const { db, org } = t;
    const year = Number(todayInSweden().slice(0, 4));
    const board = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen 2', kind: 'board' });
    const before = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title: 'Ändrat före besöket', status: 'new' });
    const after = await buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title: 'Ändrat efter besöket', status: 'new' });
    const strategist = actorCtx(db, { kind: 'user', id: t.users.strategist.id, organisationId: org.id, role: 'strategist', name: 'Namnet i sessionen', email: t.users.strategist.email, bodyIds: [] });
    const moved = await changeAssignmentStatus(strategist, org.id, before.id, { status: 'ongoing', comment: '', version: before.version });
    expect(moved.ok).toBe(true);

    const reader = await buildUser(db, { organisationId: org.id, role: 'reader' });
    await new TestClient(t.app).signIn(reader.email, TEST_PASSWORD);
    const changed = await changeAssignmentStatus(strategist, org.id, after.id, { status: 'ongoing', comment: '', version: after.version });
    expect(changed.ok).toBe(true);

    const client = new TestClient(t.app);
    await client.signIn(reader.email, TEST_PASSWORD);
    const found = box((await client.get('/o/testkommun/work')).body, 'Uppdrag som har bytt status sedan ditt senaste besök');
    expect(found?.hrefs).toEqual([`/o/testkommun/assignments/${after.id}`]);
    expect(found?.text).toContain('Ändrat efter besöket Pågående Från Nytt till Pågående · Stina Strateg, ');
    expect(found?.text).not.toContain(t.users.strategist.email);
    expect(found?.text).toMatch(/Sedan \d/);
  });
});
