// SIGKILL in the middle of a long write, then a restart on the same database: no partial rows, a
// background job resumed (or failed with a reason), the lock file taken over, the audit trail intact.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/database';
import type { Db } from '../../src/core/db/schema';
import { ensureSecret } from '../../src/core/orgs';
import { loadDemoIfEmpty } from '../../src/demo';
import { databaseChecksum, type DatabaseChecksum } from '../../src/test/db-checksum';
import { engines, testDatabase } from '../../src/test/db';
import { buildBody, buildOrg, buildUser, buildYear, TEST_PASSWORD } from '../../src/test/factories';
import { killDuring, request, startDownload, waitFor, WebClient, type ServerProcess } from './kill-harness';

const TEST_TIMEOUT = 420_000;

/** Tables that hold no user-written data (schema bookkeeping, installation secrets, security state). */
const NOT_DATA = new Set(['schema_migrations', 'settings', 'sessions', 'sign_in_attempts', 'api_tokens', 'jobs']);

const rowCounts = async (db: Db): Promise<Record<string, number>> =>
  Object.fromEntries(
    Object.entries(await databaseChecksum(db))
      .filter(([table]) => !NOT_DATA.has(table))
      .map(([table, c]) => [table, c.rows]),
  );

/**
 * Whether the demo's loading transaction has begun writing: the table it fills first has grown on
 * disk. PostgreSQL extends a table's file as rows go in, before they commit, on both engines; the
 * embedded database admits one process, so there the harness looks at the file itself.
 */
async function demoWriting(probe: { db: Database | undefined; dataDir: string }, bodiesFile: string | undefined): Promise<boolean> {
  if (probe.db) return (await sql<{ size: number }>`select pg_relation_size('bodies') as size`.execute(probe.db.db)).rows[0]!.size > 0;
  try {
    return fs.statSync(path.join(probe.dataDir, 'pg', bodiesFile!)).size > 0;
  } catch {
    return false;
  }
}

describe.each(engines)('killing the server in the middle of a long write on %s', (engine) => {
  /** Row counts of a completely loaded demo, from a load in this process. */
  let complete: Record<string, number>;

  beforeAll(async () => {
    const reference = await testDatabase(engine);
    try {
      await loadDemoIfEmpty(reference.db);
      complete = await rowCounts(reference.db);
    } finally {
      await reference.close();
    }
    expect(complete.assignments).toBeGreaterThan(30);
  });

  // Kill points counted from the moment the demo's transaction begins writing: at once, a little
  // later, and late enough that it may already have committed (PostgreSQL loads it faster).
  it.each(engine === 'postgres' ? [0, 150, 1200] : [0, 400, 1200])(
    'during the demo load on an empty database (kill %i ms after it begins writing): after a restart there is no demo at all or all of it, never part',
    async (delay) => {
      let found: 'nothing' | 'everything' | undefined;
      let writing: number | undefined;
      let bodiesFile: string | undefined;
      await killDuring({
        start: {
          engine,
          listen: false,
          async prepare({ db }) {
            bodiesFile = (await sql<{ file: string }>`select pg_relation_filepath('bodies') as file`.execute(db)).rows[0]!.file;
          },
        },
        async when(probe) {
          if (writing === undefined && (await demoWriting(probe, bodiesFile))) writing = Date.now();
          return writing !== undefined && Date.now() - writing >= delay;
        },
        async whileDown(database) {
          const counts = await rowCounts(database.db);
          if (Object.values(counts).every((n) => n === 0)) {
            // Rows were written, and none of them is there: the transaction was rolled back as a whole.
            expect((await sql<{ size: number }>`select pg_relation_size('bodies') as size`.execute(database.db)).rows[0]!.size).toBeGreaterThan(0);
            found = 'nothing';
          } else {
            // Anything at all means everything: the load is one transaction.
            expect(counts).toEqual(complete);
            found = 'everything';
          }
        },
        async after(server) {
          // A server that finds the database empty loads the demo again, completely.
          if (found === 'nothing') expect(server.output()).toContain('The Malmö demo is loaded');
          else expect(server.output()).not.toContain('The Malmö demo is loaded');
          expect((await request(server, '/o/malmo/assignments')).status).toBe(200);
        },
        async invariants(database) {
          expect(await rowCounts(database.db)).toEqual(complete);
          expect(await database.db.selectFrom('organisations').select('slug').execute()).toEqual([{ slug: 'malmo' }]);
        },
      });
      expect(found).toBeDefined();
    },
    TEST_TIMEOUT,
  );

  it(
    'during a bulk status change of 300 assignments: the job resumes after the restart and finishes, and nothing is changed twice',
    async () => {
      const ORG = 'massandring';
      const fixture = { assignments: [] as { id: string; version: number }[], cancelled: [] as string[], strategist: { id: '', email: '' } };
      const statusOf = async (db: Db) =>
        db
          .selectFrom('assignments')
          .select(['assignments.id', 'assignments.status', 'assignments.version'])
          .select((eb) =>
            eb
              .selectFrom('assignment_status_changes as h')
              .select('h.to_status')
              .whereRef('h.assignment_id', '=', 'assignments.id')
              .orderBy('h.changed_at', 'desc')
              .orderBy('h.id', 'desc')
              .limit(1)
              .as('last_to_status'),
          )
          .execute();
      const jobOf = (db: Db, id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      let client: WebClient;
      const jobJson = async (server: ServerProcess, id: string) => {
        const res = await request(server, `/api/v1/jobs/${id}?organisation=${ORG}`, { headers: { cookie: client.cookie(), accept: 'application/json' } });
        return (await res.json()) as { state: string; attempts: number; progress: { done: number; total: number } | null; result: any; error: string | null };
      };
      /** Each assignment's status is where its last history row put it. */
      const consistent = async (db: Db) => {
        for (const a of await statusOf(db)) expect(a.status, `assignment ${a.id}`).toBe(a.last_to_status);
      };

      await killDuring<{ jobId: string }>({
        start: {
          engine,
          async prepare({ db }) {
            const org = await buildOrg(db, { slug: ORG });
            await buildYear(db, org.id, 2018);
            const council = await buildBody(db, { organisationId: org.id, kind: 'council' });
            const user = await buildUser(db, { organisationId: org.id, role: 'strategist' });
            fixture.strategist = { id: user.id, email: user.email };
            const rows = (n: number, status: 'new' | 'cancelled', prefix: string) =>
              Array.from({ length: n }, (_, i) => ({ organisation_id: org.id, reference: `${prefix} ${i + 1}`, title: `Uppdrag ${prefix} ${i + 1}`, year: 2018, issuer_body_id: council.id, source_kind: 'budget' as const, status, published_at: null, decision_date: null, deadline: null, archived_at: null }));
            const created = await db.insertInto('assignments').values([...rows(300, 'new', 'M'), ...rows(5, 'cancelled', 'X')]).returning(['id', 'version', 'status']).execute();
            await db
              .insertInto('assignment_status_changes')
              .values(created.map((a) => ({ organisation_id: org.id, assignment_id: a.id, from_status: null, to_status: 'new' as const, changed_by: null, changed_by_label: 'test' })))
              .execute();
            const cancelled = created.filter((a) => a.status === 'cancelled');
            await db
              .insertInto('assignment_status_changes')
              .values(cancelled.map((a) => ({ organisation_id: org.id, assignment_id: a.id, from_status: 'new' as const, to_status: 'cancelled' as const, comment: 'Avbrutet', changed_by: null, changed_by_label: 'test' })))
              .execute();
            fixture.assignments = created.map((a) => ({ id: a.id, version: a.version }));
            fixture.cancelled = cancelled.map((a) => a.id);
          },
        },
        async trigger(server) {
          client = new WebClient(server.url!);
          await client.signIn(fixture.strategist.email, TEST_PASSWORD);
          const { csrf } = await client.page('/sign-in');
          const res = await client.apiCall('POST', `/api/v1/assignments/bulk-status?organisation=${ORG}`, { status: 'ongoing', comment: 'Arbetet har startat', assignments: fixture.assignments }, csrf)();
          expect(res.status).toBe(202);
          return { jobId: ((await res.json()) as { id: string }).id };
        },
        async when({ server, triggered }) {
          return ((await jobJson(server, triggered.jobId)).progress?.done ?? 0) >= 5;
        },
        async whileDown({ db }, { jobId }) {
          const job = await jobOf(db, jobId);
          // The kill came in the middle: the job was running, part done.
          expect(job.state).toBe('running');
          const done = (job.progress as { done: number }).done;
          expect(done).toBeGreaterThanOrEqual(5);
          expect(done).toBeLessThan(fixture.assignments.length);
          await consistent(db);
        },
        async after(server, { jobId }) {
          let job = await jobJson(server, jobId);
          await waitFor(async () => ['done', 'failed'].includes((job = await jobJson(server, jobId)).state), 120_000, 'the resumed job to finish', 250);
          expect(job).toMatchObject({ state: 'done', attempts: 2, error: null, progress: { done: 305, total: 305 } });
          expect(job.result.applied).toBe(300);
          expect(job.result.refused.map((r: { id: string; reason: string }) => [r.id, r.reason]).sort()).toEqual(fixture.cancelled.map((id) => [id, 'transition']).sort());
        },
        async invariants({ db }) {
          await consistent(db);
          const byStrategist = await db.selectFrom('assignment_status_changes').select(['assignment_id', 'to_status']).where('changed_by', '=', fixture.strategist.id).execute();
          const audits = await db.selectFrom('audit_events').select(['entity_id', 'action', 'actor_id']).where('entity_type', '=', 'assignment').execute();
          const moved = fixture.assignments.map((a) => a.id).filter((id) => !fixture.cancelled.includes(id));
          // Every assignment changed exactly once, each change with exactly one audit entry.
          expect(byStrategist.map((h) => h.assignment_id).sort()).toEqual([...moved].sort());
          expect(byStrategist.every((h) => h.to_status === 'ongoing')).toBe(true);
          expect(audits.map((a) => a.entity_id).sort()).toEqual([...moved].sort());
          expect(audits.every((a) => a.action === 'status' && a.actor_id === fixture.strategist.id)).toBe(true);
          const versions = new Map((await statusOf(db)).map((a) => [a.id, a.version]));
          for (const a of fixture.assignments) expect(versions.get(a.id)).toBe(fixture.cancelled.includes(a.id) ? a.version : a.version + 1);
        },
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'during a large CSV export: the restarted server takes over, nothing was written, and the export works again',
    async () => {
      const ORG = 'exportkommun';
      const COUNT = 4000;
      let before: DatabaseChecksum | undefined;
      const checksum = async (db: Db) => Object.fromEntries(Object.entries(await databaseChecksum(db)).filter(([table]) => table !== 'sessions'));
      await killDuring<ReturnType<typeof startDownload>>({
        start: {
          engine,
          async prepare({ db }) {
            const org = await buildOrg(db, { slug: ORG });
            await buildYear(db, org.id, 2018);
            const council = await buildBody(db, { organisationId: org.id, kind: 'council' });
            const lead = await buildBody(db, { organisationId: org.id, kind: 'committee' });
            const rows = Array.from({ length: COUNT }, (_, i) => ({
              organisation_id: org.id,
              reference: `E ${i + 1}`,
              title: `Exporterat uppdrag ${i + 1} med en rubrik som är lagom lång för en rapport`,
              body: 'Uppdragstexten, som den beslutades. '.repeat(4),
              year: 2018,
              issuer_body_id: council.id,
              source_kind: 'budget' as const,
              published_at: new Date(),
              decision_date: null,
              deadline: null,
              archived_at: null,
            }));
            for (let i = 0; i < rows.length; i += 1000) {
              const created = await db.insertInto('assignments').values(rows.slice(i, i + 1000)).returning('id').execute();
              await db
                .insertInto('assignment_bodies')
                .values(created.map((a) => ({ organisation_id: org.id, assignment_id: a.id, body_id: lead.id, role: 'lead' as const })))
                .execute();
            }
            // What the first start would otherwise write, so "nothing written" means nothing.
            await ensureSecret(db, 'cookie_secret');
            before = await checksum(db);
          },
        },
        async trigger(server) {
          return startDownload(server, `/o/${ORG}/assignments.csv`);
        },
        when: ({ triggered }) => triggered.received() > 0,
        async whileDown({ db }, download) {
          // The server died while the client held only part of the export.
          const expected = download.expected();
          expect(download.received()).toBeGreaterThan(0);
          if (expected !== undefined) expect(download.received()).toBeLessThan(expected);
          // What the process had handed to the kernel may still arrive; the rest died with it.
          download.resume();
          await download.ended;
          expect(await checksum(db)).toEqual(before);
        },
        async after(server) {
          const res = await request(server, `/o/${ORG}/assignments.csv`);
          expect(res.status).toBe(200);
          const lines = (await res.text()).trim().split('\r\n');
          expect(lines).toHaveLength(COUNT + 1);
        },
        async invariants({ db }) {
          expect(await checksum(db)).toEqual(before);
        },
      });
    },
    TEST_TIMEOUT,
  );
});
