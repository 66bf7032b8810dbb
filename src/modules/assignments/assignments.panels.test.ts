// The assignments on other modules' pages: a goal's linked assignments, a body's assignments by status
// (leading, taking part, or reached as one of "all committees and companies"), and the assignment page's
// own links on to its goals, bodies and decision.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client';
import { engines } from '../../test/db';
import { buildBody, buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';
import { buildAssignment, buildGoal } from '../follow-up/follow-up.factories';

const SLUG = 'uppdragspanel';

describe.each(engines)('assignments on goal and body pages on %s', (engine) => {
  const h = useFixture(() => startApp(engine));
  const ids = {} as Record<'sn' | 'tn' | 'kf' | 'direction' | 'goal' | 'draftGoal' | 'ongoing' | 'closed' | 'all' | 'internal', string>;
  let reader: TestClient;

  beforeAll(async () => {
    const db = h.db;
    const org = await buildOrg(db, { slug: SLUG, name: 'Uppdragspanelkommun' });
    ids.kf = (await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' })).id;
    ids.sn = (await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' })).id;
    ids.tn = (await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' })).id;
    ids.goal = (await buildGoal(db, { organisationId: org.id, bodyId: ids.kf, yearFrom: 2018, title: 'Malmö är en öppen och trygg stad' })).id;
    ids.draftGoal = (await buildGoal(db, { organisationId: org.id, bodyId: ids.sn, yearFrom: 2018, title: 'Servicenämndens ej publicerade mål', published: false })).id;
    const base = { organisationId: org.id, year: 2018, issuerBodyId: ids.kf };
    ids.ongoing = (await buildAssignment(db, { ...base, reference: 'MK 10', title: 'Samordna ansökningar om extern finansiering', leadBodyId: ids.sn, coBodyIds: [ids.tn], status: 'ongoing' })).id;
    ids.closed = (await buildAssignment(db, { ...base, reference: 'MK 2', title: 'Inventera lokalbehovet', leadBodyId: ids.tn, coBodyIds: [ids.sn], status: 'closed' })).id;
    ids.all = (await buildAssignment(db, { ...base, reference: 'MK 3', title: 'Minska matsvinnet i alla verksamheter', allCommitteesAndCompanies: true, status: 'ongoing' })).id;
    ids.internal = (await buildAssignment(db, { ...base, reference: 'MK 4', title: 'Internt utredningsuppdrag', leadBodyId: ids.sn, status: 'new', published: false })).id;
    for (const a of [ids.ongoing, ids.closed, ids.internal]) await db.insertInto('assignment_goals').values({ organisation_id: org.id, assignment_id: a, goal_id: ids.goal }).execute();
    await db.insertInto('assignment_goals').values({ organisation_id: org.id, assignment_id: ids.ongoing, goal_id: ids.draftGoal }).execute();
    await db.updateTable('assignments').set({ source_kind: 'decision', registration_number: 'KS 2017/0406' }).where('id', '=', ids.ongoing).execute();
    ids.direction = (
      await db.insertInto('directions').values({ organisation_id: org.id, body_id: ids.kf, year: 2018, title: 'Inriktning 2018', body: 'Staden växer.', published_at: new Date(), archived_at: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    reader = (await h.signIn(org.id, 'reader')).client;
  });

  const page = async (client: TestClient, path: string) => {
    const res = await client.get(`/o/${SLUG}${path}`);
    expect(res.statusCode, path).toBe(200);
    return res.body;
  };
  const link = (id: string, text: string) => `<a href="/o/${SLUG}/assignments/${id}">${text}</a>`;

  it('lists the assignments linked to a goal, in reference order, published ones to the public, beside its body’s direction', async () => {
    const anonymous = await page(h.anonymous(), `/goals/${ids.goal}`);
    expect(anonymous).toContain('<h2 id="assignments-of-goal">Uppdrag kopplade till målet</h2>');
    expect(anonymous).toContain(link(ids.ongoing, 'MK 10 Samordna ansökningar om extern finansiering'));
    // MK 2 before MK 10, each with its status in words and the body leading it.
    expect(anonymous.indexOf(link(ids.closed, 'MK 2 Inventera lokalbehovet'))).toBeLessThan(anonymous.indexOf(link(ids.ongoing, 'MK 10 Samordna ansökningar om extern finansiering')));
    expect(anonymous).toMatch(/MK 10 Samordna ansökningar om extern finansiering<\/a> <span class="muted">· 2018 · Servicenämnden<\/span> <span class="badge badge-info">Pågående<\/span>/);
    expect(anonymous).not.toContain('Internt utredningsuppdrag');
    // The adopting body's direction in the goal's years.
    expect(anonymous).toContain(`<a href="/o/${SLUG}/directions/${ids.direction}">Inriktning 2018</a>`);
    const member = await page(reader, `/goals/${ids.goal}`);
    expect(member).toContain(link(ids.internal, 'MK 4 Internt utredningsuppdrag'));
    expect(member).toContain('Ej publicerat');
  });

  it('groups a body’s assignments by status with its part in each, and leads on to the filtered list', async () => {
    const anonymous = await page(h.anonymous(), `/bodies/${ids.sn}`);
    const section = anonymous.slice(anonymous.indexOf('<h2 id="assignments-of-body">'), anonymous.indexOf('<h2 id="goals-of-body">'));
    expect(section).toContain('<h3 id="assignments-of-body-ongoing">Pågående (2)</h3>');
    expect(section).toContain('<h3 id="assignments-of-body-closed">Avslutat (1)</h3>');
    expect(section).toMatch(/MK 10 Samordna ansökningar om extern finansiering<\/a> <span class="muted">· 2018 · Servicenämnden · Ansvarig<\/span>/);
    expect(section).toMatch(/MK 2 Inventera lokalbehovet<\/a> <span class="muted">· 2018 · Tekniska nämnden · Medansvarig<\/span>/);
    // Reached as one of all committees and companies, though not named.
    expect(section).toMatch(/MK 3 Minska matsvinnet i alla verksamheter<\/a> <span class="muted">· 2018 · Nämnd eller bolag<\/span>/);
    expect(section.indexOf('Pågående (2)')).toBeLessThan(section.indexOf('Avslutat (1)'));
    expect(anonymous).not.toContain('Internt utredningsuppdrag');
    expect(anonymous).toContain(`<a href="/o/${SLUG}/assignments?body=${ids.sn}">Organets uppdrag i uppdragslistan</a>`);

    const member = await page(reader, `/bodies/${ids.sn}`);
    expect(member).toContain('<h3 id="assignments-of-body-new">Nytt (1)</h3>');
    expect(member).toContain(link(ids.internal, 'MK 4 Internt utredningsuppdrag'));
    // The body's own goals: the unpublished one to members only.
    expect(member).toContain('Servicenämndens ej publicerade mål');
    expect(anonymous).not.toContain('Servicenämndens ej publicerade mål');
    expect(member).toContain('<h2 id="body-reporters">Rapporterar för organet</h2>');
    expect(anonymous).not.toContain('body-reporters');
  });

  it('links an assignment page on to its goals, its bodies and other assignments of the same decision', async () => {
    const member = await page(reader, `/assignments/${ids.ongoing}`);
    expect(member).toContain(`<a href="/o/${SLUG}/goals/${ids.goal}">Malmö är en öppen och trygg stad</a>`);
    expect(member).toContain(`<a href="/o/${SLUG}/bodies/${ids.sn}">Servicenämnden</a>`);
    expect(member).toContain(`<a href="/o/${SLUG}/bodies/${ids.tn}">Tekniska nämnden</a>`);
    expect(member).toContain(`<a href="/o/${SLUG}/bodies/${ids.kf}">Kommunfullmäktige</a>`);
    expect(member).toContain(`href="/o/${SLUG}/search?q=KS+2017%2F0406&amp;type=assignment"`);
    // The public is not led to a goal it cannot see.
    const anonymous = await page(h.anonymous(), `/assignments/${ids.ongoing}`);
    expect(anonymous).toContain(`<a href="/o/${SLUG}/goals/${ids.goal}">`);
    expect(anonymous).not.toContain(ids.draftGoal);
  });
});
