// The change history as a person reads it: sentences with names, local times, labels instead of codes,
// names instead of ids, word-level differences in comments; and as stored, for admins only, in the API.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor, Ctx } from './context';
import { changeAssignmentStatus } from '../modules/assignments';
import { approveStatusReport, returnStatusReport, saveStatusReport, submitStatusReport } from '../modules/follow-up';
import { buildAssignment, buildPeriod } from '../modules/follow-up/follow-up.factories';
import { actorCtx, testCatalogue } from '../test/context';
import { engines } from '../test/db';
import { buildBody, buildOrg, buildUser, type OrgFixture } from '../test/factories';
import { startApp, useFixture, type TestUser } from '../test/harness';
import type { TestClient } from '../test/client';

const SLUG = 'historiekommun';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What a person sees of a page: its text, without tags and attributes (links carry ids, as URLs do). */
const visibleText = (html: string) =>
  html
    .slice(html.indexOf('<body'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

/** The command's result, or the test fails with what it said. */
function value<T>(r: { ok: true; value: T } | { ok: false; fieldErrors: unknown }): T {
  if (!r.ok) throw new Error(`command refused: ${JSON.stringify(r.fieldErrors)}`);
  return r.value;
}

describe.each(engines)('change history on %s', (engine) => {
  const h = useFixture(() => startApp(engine));
  let org: OrgFixture;
  let committee: { id: string };
  let otherCommittee: { id: string };
  let period: { id: string };
  let assignment: { id: string; title: string; version: number };
  let reporter: Ctx;
  let strategist: { user: TestUser; client: TestClient; ctx: Ctx };
  let reportId: string;

  const userActor = (u: { id: string; email: string; role: string; organisation_id: string }, name: string, bodyIds: string[] = []): Actor => ({
    kind: 'user',
    id: u.id,
    organisationId: u.organisation_id,
    role: u.role,
    name,
    email: u.email,
    bodyIds,
  });
  /** The commands run at a given moment: the audit trail takes its time from the clock. */
  const at = async <T,>(iso: string, run: () => Promise<T>): Promise<T> => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(iso));
    try {
      return await run();
    } finally {
      vi.useRealTimers();
    }
  };
  afterEach(() => vi.useRealTimers());

  beforeAll(async () => {
    const db = h.db;
    org = await buildOrg(db, { slug: SLUG, name: 'Historiekommun' });
    const council = await buildBody(db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    committee = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    otherCommittee = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    period = await buildPeriod(db, { organisationId: org.id, year: 2018, name: 'Tertial 1 2018' });
    assignment = await buildAssignment(db, {
      organisationId: org.id,
      year: 2018,
      issuerBodyId: council.id,
      reference: 'U2018-7',
      title: 'Samordna ansökningar om extern finansiering',
      leadBodyId: committee.id,
    });
    const rita = await buildUser(db, { organisationId: org.id, role: 'reporter', name: 'Rita Rapportör', bodyIds: [committee.id] });
    reporter = actorCtx(db, userActor(rita, 'Rita Rapportör', [committee.id]));
    const anna = await h.signIn(org.id, 'strategist', { name: 'Anna Andersson' });
    strategist = { ...anna, ctx: actorCtx(db, userActor(anna.user, 'Anna Andersson')) };

    // A report's life in May 2018, summer time in Sweden (UTC+2).
    const draft = await at('2018-05-12T12:03:00Z', async () =>
      value(await saveStatusReport(reporter, org.id, { periodId: period.id, bodyId: committee.id, assignmentId: assignment.id, progress: 'on_track', comment: 'Arbetet pågår enligt plan med tre förvaltningar.' })),
    );
    reportId = draft.id;
    await at('2018-05-12T12:10:00Z', async () => value(await submitStatusReport(reporter, org.id, reportId, { version: 1 })));
    await at('2018-05-14T07:30:00Z', async () => value(await returnStatusReport(strategist.ctx, org.id, reportId, { version: 2, returnComment: 'Ange när arbetet beräknas vara klart.' })));
    await at('2018-05-15T09:45:00Z', async () =>
      value(
        await saveStatusReport(reporter, org.id, { periodId: period.id, bodyId: committee.id, assignmentId: assignment.id, progress: 'delayed', comment: 'Arbetet är försenat med tre förvaltningar, klart i oktober.', version: 3 }),
      ),
    );
  });

  it('tells a status report’s history as sentences with the person, their role and the local time, in words and without ids', async () => {
    const page = await strategist.client.get(`/o/${SLUG}/history/status_report/${reportId}`);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);

    // Who did what, in the organisation's time zone: 12:03 UTC in May is 14:03 in Stockholm.
    expect(text).toContain('Rita Rapportör (rapportör) skapade lägesrapporten · 12 maj 2018 kl. 14:03');
    expect(text).toContain('Rita Rapportör (rapportör) lämnade in lägesrapporten · 12 maj 2018 kl. 14:10');
    expect(text).toContain('Anna Andersson (strateg) returnerade lägesrapporten med kommentaren ”Ange när arbetet beräknas vara klart.” · 14 maj 2018 kl. 09:30');
    expect(page.body).toContain('<time datetime="2018-05-12T12:03:00.000Z">');
    // The newest first.
    expect(text.indexOf('15 maj 2018 kl. 11:45')).toBeLessThan(text.indexOf('12 maj 2018 kl. 14:03'));

    // What it is about, by name; values as the lists show them.
    expect(text).toContain('Lägesrapport: U2018-7 Samordna ansökningar om extern finansiering – Servicenämnden, Tertial 1 2018');
    expect(text).toContain(
      'Fält Värde Uppdrag U2018-7 Samordna ansökningar om extern finansiering Uppföljningsperiod Tertial 1 2018 Organ Servicenämnden Läge Enligt plan Status Utkast Kommentar Arbetet pågår',
    );
    for (const words of ['Fält Före Efter Läge Enligt plan Försenat', 'Fält Före Efter Status Utkast Inskickad']) {
      expect(text).toContain(words);
    }
    // Never a code, a column name or an id.
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\b(on_track|delayed|submitted|draft|assignment_id|period_id|body_id|submitted_at|version|return_comment)\b/);
    expect(text).not.toContain(reporter.actor.kind === 'user' ? reporter.actor.email : 'x');
  });

  it('shows a changed comment as a word-level difference that a screen reader announces', async () => {
    const page = await strategist.client.get(`/o/${SLUG}/history/status_report/${reportId}`);
    expect(page.body).toMatch(/<del><span class="visually-hidden"> \[borttaget: <\/span>[^<]*pågår[^<]*<span class="visually-hidden">\]<\/span><\/del>/);
    expect(page.body).toMatch(/<ins><span class="visually-hidden"> \[tillagt: <\/span>[^<]*försenat[^<]*<span class="visually-hidden">\]<\/span><\/ins>/);
    // The words both versions share are shown once, unmarked.
    expect(page.body).toMatch(/<\/del>\s*<ins>[\s\S]*<\/ins>[^<]*med tre förvaltningar/);
  });

  it('reads in English too', async () => {
    const page = await strategist.client.get(`/o/${SLUG}/history/status_report/${reportId}?lang=en`);
    const text = visibleText(page.body);
    expect(text).toContain('Rita Rapportör (reporter) submitted the status report · 12 May 2018 at 14:10');
    expect(text).toContain('Anna Andersson (strategist) returned the status report with the comment “Ange när arbetet beräknas vara klart.”');
    expect(text).toContain('Progress On track Delayed');
    expect(page.body).toContain(' [added: </span>');
  });

  it('says a status change in one sentence, with its comment beside it', async () => {
    await at('2018-06-01T10:00:00Z', async () => value(await changeAssignmentStatus(strategist.ctx, org.id, assignment.id, { status: 'reported', comment: 'Redovisat i KS 2018-05-30.', decisionReference: 'KS 2018/123', version: assignment.version })));
    const text = visibleText((await strategist.client.get(`/o/${SLUG}/history/assignment/${assignment.id}`)).body);
    expect(text).toContain('Anna Andersson (strateg) ändrade status från Pågående till Återrapporterat · 1 juni 2018 kl. 12:00');
    expect(text).toContain('Kommentar — Redovisat i KS 2018-05-30.');
    expect(text).toContain('Beslutsreferens — KS 2018/123');
  });

  it('shows times in the organisation’s own time zone, and the database refuses a zone it does not know', async () => {
    await h.db.updateTable('organisations').set({ time_zone: 'America/New_York' }).where('id', '=', org.id).execute();
    try {
      const text = visibleText((await strategist.client.get(`/o/${SLUG}/history/status_report/${reportId}`)).body);
      expect(text).toContain('lämnade in lägesrapporten · 12 maj 2018 kl. 08:10');
      expect(text).toContain('America/New_York');
    } finally {
      await h.db.updateTable('organisations').set({ time_zone: 'Europe/Stockholm' }).where('id', '=', org.id).execute();
    }
    await expect(h.db.updateTable('organisations').set({ time_zone: 'Mars/Olympus_Mons' }).where('id', '=', org.id).execute()).rejects.toThrow(/organisations_time_zone_known/);
    const row = await h.db.selectFrom('organisations').select('time_zone').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row.time_zone).toBe('Europe/Stockholm');
  });

  it('lets an admin choose the time zone in the settings, refusing one that does not exist, and tells the change in the history', async () => {
    const { client: admin } = await h.signIn(org.id, 'admin', { name: 'Ada Admin' });
    const form = await admin.get(`/o/${SLUG}/settings`);
    expect(form.body).toContain('<option value="Europe/Stockholm" selected="">Europe/Stockholm</option>');
    const current = async () => h.db.selectFrom('organisations').select(['time_zone', 'version']).where('id', '=', org.id).executeTakeFirstOrThrow();
    const fields = { name: 'Historiekommun', municipalityCode: '', defaultLocale: 'sv', description: '' };
    const bad = await admin.post(`/o/${SLUG}/settings`, { ...fields, timeZone: 'Europe/Malmo', version: (await current()).version });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Okänd tidszon. Välj en i listan, till exempel Europe/Stockholm.');
    expect((await current()).time_zone).toBe('Europe/Stockholm');
    const viaApi = await admin.api('PUT', `/api/v1/organisations/${SLUG}`, { ...fields, municipalityCode: null, timeZone: 'Not/AZone', version: (await current()).version });
    expect(viaApi.statusCode).toBe(400);

    const good = await admin.post(`/o/${SLUG}/settings`, { ...fields, timeZone: 'Europe/Helsinki', version: (await current()).version });
    expect(good.statusCode).toBe(303);
    expect((await current()).time_zone).toBe('Europe/Helsinki');
    const history = visibleText((await admin.get(`/o/${SLUG}/history/organisation/${org.id}`)).body);
    expect(history).toContain('Ada Admin (administratör) ändrade tidszon från Europe/Stockholm till Europe/Helsinki');
    // Helsinki is an hour ahead of Stockholm: the report's history now says so.
    expect(visibleText((await admin.get(`/o/${SLUG}/history/status_report/${reportId}`)).body)).toContain('12 maj 2018 kl. 15:10');
    // An API client that does not know the field keeps the zone as it is.
    const keep = await admin.api('PUT', `/api/v1/organisations/${SLUG}`, { ...fields, municipalityCode: null, version: (await current()).version });
    expect(keep.statusCode).toBe(200);
    expect(keep.json()).toMatchObject({ timeZone: 'Europe/Helsinki' });
    await h.db.updateTable('organisations').set({ time_zone: 'Europe/Stockholm' }).where('id', '=', org.id).execute();
  });

  it('gives an admin the stored before and after through the API, and no one else', async () => {
    const url = `/api/v1/history/status_report/${reportId}?organisation=${SLUG}`;
    const { client: admin } = await h.signIn(org.id, 'admin');
    const res = await admin.api('GET', url);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { action: string; actorId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> }[]; total: number };
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.action)).toEqual(['update', 'return', 'submit', 'create']);
    // Raw: codes and ids, exactly as written.
    expect(body.items[0]).toMatchObject({ before: { progress: 'on_track' }, after: { progress: 'delayed' } });
    expect(body.items[3]!.after).toMatchObject({ assignment_id: assignment.id, body_id: committee.id, state: 'draft' });
    expect(body.items[1]!.actorId).toBe(strategist.user.id);

    const { client: reader } = await h.signIn(org.id, 'reader');
    expect((await reader.api('GET', url)).statusCode).toBe(403);
    expect((await strategist.client.api('GET', url)).statusCode).toBe(403);
    expect((await h.anonymous().api('GET', url)).statusCode).toBe(401);
    const neighbour = await buildOrg(h.db, { slug: `${SLUG}-granne` });
    const { client: otherAdmin } = await h.signIn(neighbour.id, 'admin');
    expect((await otherAdmin.api('GET', url)).statusCode).toBe(403);
    expect((await admin.api('GET', `/api/v1/history/no_such_type/${reportId}?organisation=${SLUG}`)).statusCode).toBe(404);
    // A reader still reads the history as prose on the page.
    expect((await reader.get(`/o/${SLUG}/history/status_report/${reportId}`)).statusCode).toBe(200);
  });

  it('keeps another body’s unapproved report’s history from a reporter, as it keeps the report', async () => {
    const { client: otherReporter } = await h.signIn(org.id, 'reporter', { bodyIds: [otherCommittee.id] });
    const url = `/o/${SLUG}/history/status_report/${reportId}`;
    expect((await otherReporter.get(url)).statusCode).toBe(404);
    value(await submitStatusReport(reporter, org.id, reportId, { version: 4 }));
    value(await approveStatusReport(strategist.ctx, org.id, reportId, { version: 5 }));
    const page = await otherReporter.get(url);
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('Anna Andersson (strateg) godkände lägesrapporten');
  });
});

describe('history declarations', () => {
  const catalogue = testCatalogue();

  it('gives every record type the modules write to the audit trail labelled fields and a noun', async () => {
    const written = ['organisation', 'body', 'year', 'period', 'focus_area', 'user', 'goal', 'direction', 'assignment', 'status_report', 'goal_assessment', 'job'];
    for (const type of written) {
      const ht = catalogue.history.get(type);
      expect(ht?.fields, type).toBeDefined();
      expect(Object.keys(ht!.fields!).length, type).toBeGreaterThan(0);
      expect(ht!.nounKey && catalogue.messages.translator('en').has(ht!.nounKey), type).toBe(true);
    }
  });

  it('writes a field’s label in lower case inside a sentence, unless it is an abbreviation or a name', async () => {
    const { lowerFirst } = await import('./history');
    expect(['Status', 'Överordnat organ', 'E-postadress', 'SDG-mål', 'Agenda 2030', 'KF'].map(lowerFirst)).toEqual(['status', 'överordnat organ', 'e-postadress', 'SDG-mål', 'Agenda 2030', 'KF']);
  });

  it('lets every field that names another record name a type that can say that record’s name', () => {
    const refs = [...catalogue.history.values()].flatMap((ht) =>
      Object.entries(ht.fields ?? {}).flatMap(([key, f]) => {
        const format = f.format && typeof f.format !== 'function' && f.format.kind === 'list' ? f.format.of : f.format;
        return format && typeof format !== 'function' && format.kind === 'ref' ? [{ at: `${ht.type}.${key}`, type: format.type }] : [];
      }),
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(catalogue.history.get(r.type)?.names, r.at).toBeDefined();
  });

  it('resolves names in one query per referenced type, whatever the number of events', async () => {
    // Counted on a real database: the history of a record with many events reads the same few tables once each.
    const h = await startApp('pglite');
    try {
      const o = await buildOrg(h.db, { slug: 'fragekommun' });
      const bodies = await Promise.all([1, 2, 3, 4, 5].map((n) => buildBody(h.db, { organisationId: o.id, name: `Nämnd ${n}` })));
      const admin = await buildUser(h.db, { organisationId: o.id, role: 'admin', name: 'Ada Admin' });
      const ctx = actorCtx(h.db, userActor(admin));
      const { updateBody } = await import('../modules/organisations');
      let version = 1;
      for (const b of bodies.slice(1)) {
        value(await updateBody(ctx, o.id, bodies[0]!.id, { name: 'Nämnd 1', shortName: '', kind: 'committee', parentId: b.id, description: '', version }));
        version += 1;
      }
      const queries: string[] = [];
      const { readHistory } = await import('./history');
      // Every query the page's reading makes, as Kysely sends it.
      const counted = h.db.withPlugin({
        transformQuery: (args) => (queries.push(JSON.stringify(args.node)), args.node),
        transformResult: async (args) => args.result,
      });
      const history = await readHistory({ ...ctx, db: counted }, catalogue, o.id, catalogue.history.get('body')!, bodies[0]!.id);
      expect(history.events).toHaveLength(4);
      expect(history.events[0]!.sentence).toBe('Ada Admin (administratör) ändrade överordnat organ från Nämnd 4 till Nämnd 5');
      expect(history.events[3]!.sentence).toBe('Ada Admin (administratör) satte överordnat organ till Nämnd 2');
      expect(queries.filter((q) => q.includes('"name":"bodies"'))).toHaveLength(1);
      expect(queries.length).toBeLessThanOrEqual(4);
    } finally {
      await h.close();
    }
  });
});

function userActor(u: { id: string; email: string; role: string; organisation_id: string }): Actor {
  return { kind: 'user', id: u.id, organisationId: u.organisation_id, role: u.role, name: 'Ada Admin', email: u.email, bodyIds: [] };
}
