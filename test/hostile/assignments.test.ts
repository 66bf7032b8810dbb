// Hostile input through the assignments module: title, text, reference, target note, source title,
// registration number, and the comment and decision reference of a status change; published, so the
// public pages, the Atom feed and search show them too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseRegistrationNumber } from '../../src/modules/assignments/assignments.schema';
import { buildAssignment } from '../../src/modules/follow-up/follow-up.factories';
import { engines } from '../../src/test/db';
import {
  assertSafeRoundTrip,
  garbageField,
  hostileRuns,
  hostileText,
  line,
  multiline,
  PROPERTY_TIMEOUT,
  searchViews,
  sendVia,
  sent,
  textFieldProperty,
  useHostileWorld,
  via,
  writtenId,
  type Endpoint,
} from '../../src/test/hostile';

describe.each(engines)('hostile input: assignments on %s', (engine) => {
  const s = 'hostile-assignments';
  const w = useHostileWorld(engine, s);

  const feed = () => `/api/v1/feeds/assignments.atom?organisation=${s}`;

  /** Registration numbers: mostly well-formed (in the ways people type them), now and then anything. */
  const registrationNumber = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom('KS 2017/0406', ' ks  2017/0406 ', 'sn2018/12', 'ÅÄÖ 2020/1', '') }, { weight: 1, arbitrary: hostileText() });

  it('keeps every text of an assignment as text, or refuses it and writes nothing', async () => {
    const tally = await textFieldProperty(
      ['reference', 'title', 'body', 'targetNote', 'sourceTitle'] as const,
      async (f, how, regNo) => {
        const values = {
          reference: f.reference,
          title: f.title,
          body: f.body,
          year: how === 'api' ? w.year : String(w.year),
          issuerBodyId: w.council.id,
          target: 'bodies',
          leadBodyId: w.committee.id,
          coBodyIds: [],
          targetNote: f.targetNote,
          sourceKind: 'decision',
          sourceTitle: f.sourceTitle,
          registrationNumber: regNo,
          decisionDate: how === 'api' ? null : '',
          deadline: `${w.year}-12-31`,
          focusAreaIds: [w.focusArea.id],
          goalIds: [w.goal.id],
        };
        return {
          db: w.db,
          label: `assignment via ${how}`,
          send: async () => {
            const res = await sendVia(w.clients.strategist, how, { form: `/o/${s}/assignments`, api: { method: 'POST', url: w.api('assignments') } }, values);
            if (res.statusCode < 400) {
              const { version } = await w.json(w.api('assignments', writtenId(res)));
              expect((await w.clients.strategist.api('POST', w.api(`assignments/${writtenId(res)}/publish`), { version })).statusCode).toBe(200);
            }
            return res;
          },
          expected: {
            reference: line(sent(how, f.reference)),
            title: line(sent(how, f.title)),
            body: multiline(sent(how, f.body)),
            targetNote: line(sent(how, f.targetNote)),
            sourceTitle: line(sent(how, f.sourceTitle)),
            registrationNumber: normaliseRegistrationNumber(sent(how, regNo)),
          },
          readBack: async (res) => {
            const a = (await w.json(w.api('assignments', writtenId(res)))) as Record<string, unknown> & { source: { title: string; registrationNumber: string } };
            return { ...a, sourceTitle: a.source.title, registrationNumber: a.source.registrationNumber };
          },
          views: (res) => [`/o/${s}/assignments/${writtenId(res)}/edit`, `/o/${s}/assignments.csv`, w.api('assignments'), `/o/${s}`, `/o/${s}/follow-up?period=${w.period.id}&body=${w.committee.id}`, ...searchViews(s, f.title)],
          publicViews: (res) => [`/o/${s}/assignments`, `/o/${s}/assignments/${writtenId(res)}`, w.api('assignments', writtenId(res)), feed(), `/o/${s}/goals/${w.goal.id}`],
          showsOn: (res) => [{ url: `/o/${s}/assignments/${writtenId(res)}` }, { url: `/o/${s}/assignments/${writtenId(res)}/edit` }],
          readers: [w.clients.strategist, w.clients.anonymous],
        };
      },
      { extra: registrationNumber(), exampleExtra: () => 'KS 2017/0406' },
    );
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('keeps the comment and decision reference of a status change as text, or refuses them and writes nothing', async () => {
    const tally = await textFieldProperty(['comment', 'decisionReference'] as const, async (f, how) => {
      const a = await buildAssignment(w.db, { organisationId: w.org.id, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id, status: 'ongoing' });
      const values = { status: 'cancelled', comment: f.comment, decisionReference: f.decisionReference, version: a.version };
      return {
        db: w.db,
        label: `status change via ${how}`,
        send: () => sendVia(w.clients.strategist, how, { form: `/o/${s}/assignments/${a.id}/status`, api: { method: 'POST', url: w.api(`assignments/${a.id}/status`) } }, values),
        expected: { comment: multiline(sent(how, f.comment)), decisionReference: line(sent(how, f.decisionReference)) },
        readBack: async () => ((await w.json(w.api('assignments', a.id))) as { statusHistory: Record<string, unknown>[] }).statusHistory.at(-1)!,
        views: () => [`/o/${s}/assignments.csv`, `/o/${s}/history/assignment/${a.id}`],
        publicViews: () => [`/o/${s}/assignments/${a.id}`, w.api('assignments', a.id), feed()],
        showsOn: () => [{ url: `/o/${s}/assignments/${a.id}` }],
        readers: [w.clients.strategist, w.clients.anonymous],
      };
    });
    expect(tally.accepted).toBeGreaterThan(0);
  }, PROPERTY_TIMEOUT);

  it('answers garbage in any field of an assignment write with 4xx and no change, never 5xx', async () => {
    const a = await buildAssignment(w.db, { organisationId: w.org.id, year: w.year, issuerBodyId: w.council.id, leadBodyId: w.committee.id, status: 'ongoing' });
    const keys = ['reference', 'title', 'body', 'year', 'issuerBodyId', 'target', 'leadBodyId', 'coBodyIds', 'targetNote', 'sourceKind', 'sourceTitle', 'registrationNumber', 'decisionDate', 'deadline', 'focusAreaIds', 'goalIds', 'status', 'comment', 'decisionReference', 'published', 'archived'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('create', 'update', 'status', 'publish', 'archive'), garbageField(keys), via(), async (action, [key, value], how) => {
        const { version } = await w.json(w.api('assignments', a.id));
        const full = { title: 'Uppdrag', year: w.year, issuerBodyId: w.council.id, target: 'bodies', leadBodyId: w.committee.id, sourceKind: 'budget', deadline: `${w.year}-06-30`, version };
        const routes: Record<string, [Endpoint, Record<string, unknown>]> = {
          create: [{ form: `/o/${s}/assignments`, api: { method: 'POST' as const, url: w.api('assignments') } }, full],
          update: [{ form: `/o/${s}/assignments/${a.id}`, api: { method: 'PUT' as const, url: w.api('assignments', a.id) } }, full],
          status: [{ form: `/o/${s}/assignments/${a.id}/status`, api: { method: 'POST' as const, url: w.api(`assignments/${a.id}/status`) } }, { status: 'ongoing', comment: 'Tillbaka', version }],
          publish: [{ form: `/o/${s}/assignments/${a.id}/publish`, api: { method: 'POST' as const, url: w.api(`assignments/${a.id}/publish`) } }, { version, published: true }],
          archive: [{ form: `/o/${s}/assignments/${a.id}/archive`, api: { method: 'POST' as const, url: w.api(`assignments/${a.id}/archive`) } }, { version, archived: false }],
        };
        const [endpoint, base] = routes[action]!;
        await assertSafeRoundTrip({
          db: w.db,
          label: `${action} with ${key} = ${JSON.stringify(value)?.slice(0, 80)} via ${how}`,
          send: () => sendVia(w.clients.strategist, how, endpoint, { ...base, [key]: value }),
          expected: {},
          readBack: async () => ({}),
          views: () => [`/o/${s}/assignments/${a.id}`, `/o/${s}/assignments.csv`],
          publicViews: () => [feed()],
          readers: [w.clients.strategist, w.clients.anonymous],
        });
      }),
      hostileRuns(30),
    );
  }, PROPERTY_TIMEOUT);
});
