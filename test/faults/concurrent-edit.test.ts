// Optimistic concurrency under real parallel requests: two strategists edit the same assignment and
// save at the same moment, over HTTP to a listening server. One wins; the other gets the conflict with
// everything they typed still in the form and the winner's values beside it, and loses nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config';
import { createAssignment } from '../../src/modules/assignments';
import { systemCtx } from '../../src/test/context';
import { serve, type Running } from '../../src/server';
import { engines, scratchPostgresDatabase } from '../../src/test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD } from '../../src/test/factories';
import { WebClient } from './kill-harness';

const ROUNDS = 10;

/** How the page escapes text, so "what they typed" can be found in it. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe.each(engines)('two people saving the same assignment at the same moment on %s', (engine) => {
  let running: Running;
  let cleanup: () => Promise<void>;
  let assignmentId: string;
  let fixed: { issuerBodyId: string; leadBodyId: string };
  const people: { name: string; client: WebClient }[] = [];

  const row = () => running.database.db.selectFrom('assignments').select(['title', 'body', 'deadline', 'version']).where('id', '=', assignmentId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'riktning-concurrent-'));
    const scratch = engine === 'postgres' ? await scratchPostgresDatabase() : undefined;
    running = await serve(loadConfig({ DATA_DIR: dir, PORT: '0', ...(scratch ? { DATABASE_URL: scratch.url } : {}) }));
    cleanup = async () => {
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      await scratch?.drop();
    };
    const db = running.database.db;
    const org = await buildOrg(db, { slug: 'samtidigt' });
    await buildYear(db, org.id, 2018);
    fixed = {
      issuerBodyId: (await buildBody(db, { organisationId: org.id, kind: 'council', name: 'Kommunfullmäktige' })).id,
      leadBodyId: (await buildBody(db, { organisationId: org.id, kind: 'committee', name: 'Servicenämnden' })).id,
    };
    const created = await createAssignment(
      systemCtx(db),
      org.id,
      { title: 'Ett uppdrag som två personer ändrar', year: 2018, ...fixed, sourceKind: 'budget' },
    );
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    assignmentId = created.value.id;
    for (const name of ['Anna', 'Bertil']) {
      const user = await buildUser(db, { organisationId: org.id, role: 'strategist', name });
      const client = new WebClient(running.url);
      await client.signIn(user.email, TEST_PASSWORD);
      people.push({ name, client });
    }
  });
  afterAll(async () => {
    await cleanup?.();
  });

  /** What one person types into the edit form in a round. */
  const typed = (name: string, round: number) => ({
    title: `${name}s rubrik, runda ${round} – åäö & "citat"`,
    body: `${name} skrev den här texten i runda ${round}.\nMed en andra rad <som inte är markup>.`,
    deadline: `2018-${name === 'Anna' ? '11' : '12'}-${String(1 + (round % 28)).padStart(2, '0')}`,
  });

  it(`in the web form, ${ROUNDS} times over: one saves (303), the other gets 409 with what they typed and the winner's values`, async () => {
    const winners: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await row();
      // Both open the form, then both press save.
      const forms = await Promise.all(people.map((p) => p.client.page(`/o/samtidigt/assignments/${assignmentId}/edit`)));
      const sends = people.map((p, i) => {
        const version = /name="version" value="(\d+)"/.exec(forms[i]!.html)?.[1];
        expect(version).toBe(String(before.version));
        const mine = typed(p.name, round);
        return p.client.formPost(`/o/samtidigt/assignments/${assignmentId}`, {
          _csrf: forms[i]!.csrf,
          ...mine,
          year: '2018',
          target: 'bodies',
          sourceKind: 'budget',
          ...fixed,
          version: version!,
        });
      });
      const answers = await Promise.all(sends.map((send) => send()));
      expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([303, 409]);

      const winner = people[answers.findIndex((r) => r.status === 303)]!;
      const loser = people[answers.findIndex((r) => r.status === 409)]!;
      const loserPage = await answers.find((r) => r.status === 409)!.text();
      await answers.find((r) => r.status === 303)!.body?.cancel();
      winners.push(winner.name);
      const won = typed(winner.name, round);
      const lost = typed(loser.name, round);

      // The database holds the winner's version, changed once.
      expect(await row()).toEqual({ title: won.title, body: won.body, deadline: won.deadline, version: before.version + 1 });
      // The loser's page: the conflict, everything they typed still in the form, the winner's values beside it.
      expect(loserPage).toContain('class="conflict" role="alert"');
      expect(loserPage).toContain(`value="${html(lost.title)}"`);
      expect(loserPage).toContain(`>${html(lost.body)}</textarea>`);
      expect(loserPage).toContain(`value="${lost.deadline}"`);
      expect(loserPage).toContain(`<dd>${html(won.title)}</dd>`);
      expect(loserPage).toContain(`<dd>${won.deadline}</dd>`);
      // Saving the form as it came back (the new version, their own text) now goes through.
      const retryVersion = /name="version" value="(\d+)"/.exec(loserPage)?.[1];
      expect(retryVersion).toBe(String(before.version + 1));
      const retry = await loser.client.formPost(`/o/samtidigt/assignments/${assignmentId}`, {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(loserPage)![1]!,
        ...lost,
        year: '2018',
        target: 'bodies',
        sourceKind: 'budget',
        ...fixed,
        version: retryVersion!,
      })();
      expect(retry.status).toBe(303);
      expect(await row()).toMatchObject({ title: lost.title, body: lost.body, version: before.version + 2 });
    }
    // Both people typed the same way each round; who wins is up to the race, never both.
    expect(winners).toHaveLength(ROUNDS);
  });

  it(`through the JSON API, ${ROUNDS} times over: one PUT answers 200, the other 409 with the current record`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await row();
      const tokens = await Promise.all(people.map((p) => p.client.page('/sign-in').then((pg) => pg.csrf)));
      const sends = people.map((p, i) =>
        p.client.apiCall(
          'PUT',
          `/api/v1/assignments/${assignmentId}?organisation=samtidigt`,
          { ...typed(p.name, 100 + round), year: 2018, target: 'bodies', sourceKind: 'budget', ...fixed, version: before.version },
          tokens[i]!,
        ),
      );
      const answers = await Promise.all(sends.map((send) => send()));
      expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as Record<string, any>[];
      const winnerAt = answers.findIndex((r) => r.status === 200);
      const won = typed(people[winnerAt]!.name, 100 + round);
      const conflict = bodies[1 - winnerAt]!;
      expect(conflict).toMatchObject({ error: 'conflict', current: { id: assignmentId, title: won.title, version: before.version + 1 } });
      expect(conflict.changedFields).toEqual(expect.arrayContaining(['title', 'body', 'deadline']));
      expect(bodies[winnerAt]).toMatchObject({ title: won.title, version: before.version + 1 });
      expect(await row()).toEqual({ title: won.title, body: won.body, deadline: won.deadline, version: before.version + 1 });
    }
  });
});
