// Closing a budget year or a period asks first, closes the year's periods with it, and then no report
// can be written into it by any route; only an admin reopens, with a reason the history keeps.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildBody } from '../../test/factories';
import { organisationApp, useFixture, type OrganisationApp } from '../../test/harness';
import { buildAssignment, buildPeriod } from '../follow-up/follow-up.factories';

const SLUG = 'testkommun';
const YEAR_CLOSED = 'Budgetår 2018 är avslutat: rapporter kan inte längre skrivas eller ändras.';

describe.each(engines)('closing years and periods on %s', (engine) => {
  const h = useFixture(() => organisationApp(engine, ['admin', 'strategist', 'reader', 'otherAdmin']));
  let world: Awaited<ReturnType<typeof build2018>> | undefined;

  /** 2018 active with three open periods, Servicenämnden's reporter, a draft and a submitted report in Tertial 1. */
  async function build2018(app: OrganisationApp<'admin' | 'strategist' | 'reader' | 'otherAdmin'>) {
    const db = app.db;
    const orgId = app.org.id;
    const council = await buildBody(db, { organisationId: orgId, name: 'Kommunfullmäktige', kind: 'council' });
    const service = await buildBody(db, { organisationId: orgId, name: 'Servicenämnden', kind: 'committee' });
    const t1 = await buildPeriod(db, { organisationId: orgId, year: 2018, name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30' });
    const t2 = await buildPeriod(db, { organisationId: orgId, year: 2018, name: 'Tertial 2 2018', startsOn: '2018-05-01', endsOn: '2018-08-31' });
    const interim = await buildPeriod(db, { organisationId: orgId, year: 2018, kind: 'interim', name: 'Delårsrapport 2018', startsOn: '2018-01-01', endsOn: '2018-08-31' });
    await db.updateTable('years').set({ status: 'active' }).where('organisation_id', '=', orgId).where('year', '=', 2018).execute();
    const year = await db.selectFrom('years').selectAll().where('organisation_id', '=', orgId).where('year', '=', 2018).executeTakeFirstOrThrow();
    const drafted = await buildAssignment(db, { organisationId: orgId, year: 2018, issuerBodyId: council.id, title: 'Samordna ansökningar', leadBodyId: service.id });
    const sent = await buildAssignment(db, { organisationId: orgId, year: 2018, issuerBodyId: council.id, title: 'Öppna data', leadBodyId: service.id });
    const report = (assignmentId: string, state: 'draft' | 'submitted') =>
      db
        .insertInto('status_reports')
        .values({ organisation_id: orgId, period_id: t1.id, body_id: service.id, assignment_id: assignmentId, progress: 'on_track', comment: 'Före stängningen.', state, submitted_at: state === 'submitted' ? new Date() : null, submitted_by: null, approved_at: null, approved_by: null, archived_at: null })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
    const draft = await report(drafted.id, 'draft');
    const submitted = await report(sent.id, 'submitted');
    const reporter = (await app.signIn(orgId, 'reporter', { bodyIds: [service.id] })).client;
    return { year, periods: [t1, t2, interim], service, drafted, draft, submitted, reporter };
  }

  const given = async () => (world ??= await build2018(h));
  const yearRow = (id: string) => h.db.selectFrom('years').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const periodStatuses = async () =>
    (await h.db.selectFrom('periods').select(['name', 'status']).where('organisation_id', '=', h.org.id).where('year', '=', 2018).orderBy('name').execute()).map((p) => `${p.name}: ${p.status}`);
  const reports = () => h.db.selectFrom('status_reports').selectAll().where('organisation_id', '=', h.org.id).orderBy('id').execute();
  const audits = (entityId: string) => h.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('at').execute();
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

  it('asks before closing 2018, saying which periods close and that reports can no longer be written; nothing changes until confirmed', async () => {
    const { year } = await given();
    const asked = await h.strategist.post(`/o/${SLUG}/years/${year.id}/status`, { status: 'closed', version: year.version });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Avsluta budgetår 2018?</h1>');
    expect(asked.body).toContain('Dess 3 öppna perioder stängs: Tertial 1 2018, Delårsrapport 2018 och Tertial 2 2018.');
    expect(asked.body).toContain('Rapporter och bedömningar för 2018 kan inte längre skrivas eller ändras.');
    expect(asked.body).toContain('>Ja, avsluta 2018</button>');
    expect(asked.body).toContain(`<a href="/o/${SLUG}/years/${year.id}">Avbryt</a>`);
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(asked.body).toContain(`name="version" value="${year.version}"`);
    expect(await yearRow(year.id)).toEqual(year);
    expect(await periodStatuses()).toEqual(['Delårsrapport 2018: open', 'Tertial 1 2018: open', 'Tertial 2 2018: open']);

    // In English too.
    const english = await h.strategist.post(`/o/${SLUG}/years/${year.id}/status?lang=en`, { status: 'closed', version: year.version });
    expect(english.body).toContain('Its 3 open periods close: Tertial 1 2018, Delårsrapport 2018, and Tertial 2 2018.');
    expect(english.body).toContain('>Yes, close 2018</button>');

    // A reader cannot even see the question.
    expect((await h.reader.post(`/o/${SLUG}/years/${year.id}/status`, { status: 'closed', version: year.version })).statusCode).toBe(403);

    // The confirmation page's own form, as the browser sends it.
    const confirmed = await h.strategist.post(`/o/${SLUG}/years/${year.id}/status`, { _csrf: csrfOf(asked.body), status: 'closed', version: year.version, confirm: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect((await h.strategist.get(confirmed.headers.location!)).body).toContain('Budgetåret är avslutat och dess perioder är stängda.');
    expect((await yearRow(year.id)).status).toBe('closed');
    expect(await periodStatuses()).toEqual(['Delårsrapport 2018: closed', 'Tertial 1 2018: closed', 'Tertial 2 2018: closed']);
    for (const p of world!.periods) {
      expect(await audits(p.id)).toEqual([expect.objectContaining({ action: 'close', entity_type: 'period', before: { status: 'open' }, after: { status: 'closed' } })]);
    }
  });

  it('refuses every write into the closed year, by form and API, naming the year, and writes nothing', async () => {
    const { periods, service, drafted, draft, submitted, reporter } = await given();
    const before = await reports();
    const saveForm = await reporter.post(`/o/${SLUG}/follow-up/status-reports`, { periodId: periods[0]!.id, bodyId: service.id, assignmentId: drafted.id, progress: 'delayed', comment: 'Efter stängningen.', version: draft.version });
    expect(saveForm.statusCode).toBe(403);
    expect(saveForm.body).toContain(YEAR_CLOSED);
    const saveApi = await reporter.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, { periodId: periods[1]!.id, bodyId: service.id, assignmentId: drafted.id, progress: 'on_track', comment: 'Ny rapport.' });
    expect(saveApi.statusCode).toBe(403);
    expect(saveApi.json().message).toBe(YEAR_CLOSED);
    const submitForm = await reporter.post(`/o/${SLUG}/follow-up/status-reports/${draft.id}/submit`, { version: draft.version });
    expect(submitForm.statusCode).toBe(403);
    expect(submitForm.body).toContain(YEAR_CLOSED);
    expect((await reporter.api('POST', `/api/v1/status-reports/${draft.id}/submit?organisation=${SLUG}`, { version: draft.version })).json().message).toBe(YEAR_CLOSED);
    const approveForm = await h.strategist.post(`/o/${SLUG}/follow-up/status-reports/${submitted.id}/approve`, { version: submitted.version });
    expect(approveForm.statusCode).toBe(403);
    expect(approveForm.body).toContain(YEAR_CLOSED);
    const approveApi = await h.strategist.api('POST', `/api/v1/status-reports/${submitted.id}/approve?organisation=${SLUG}`, { version: submitted.version });
    expect(approveApi.statusCode).toBe(403);
    expect(approveApi.json().message).toBe(YEAR_CLOSED);
    const returned = await h.strategist.api('POST', `/api/v1/status-reports/${submitted.id}/return?organisation=${SLUG}`, { version: submitted.version, returnComment: 'Komplettera.' });
    expect(returned.statusCode).toBe(403);
    expect(await reports()).toEqual(before);
  });

  it('lets only an admin reopen the year, with a reason the history keeps; its periods stay closed unless asked', async () => {
    const { year } = await given();
    const closed = await yearRow(year.id);
    const reason = 'Årsredovisningen rättades efter revisionens påpekande.';
    for (const client of [world!.reporter, h.strategist, h.reader]) {
      expect((await client.post(`/o/${SLUG}/years/${year.id}/reopen`, { reason, version: closed.version })).statusCode).toBe(403);
      expect((await client.api('POST', `/api/v1/years/${year.id}/reopen?organisation=${SLUG}`, { reason, version: closed.version })).statusCode).toBe(403);
    }
    expect((await h.otherAdmin.api('POST', `/api/v1/years/${year.id}/reopen?organisation=${SLUG}`, { reason, version: closed.version })).statusCode).toBe(403);

    const page = await h.admin.get(`/o/${SLUG}/years/${year.id}`);
    expect(page.body).toContain('Öppna budgetåret igen');
    expect(page.body).toContain('Dess perioder förblir stängda om du inte kryssar i rutan nedan');
    const noReason = await h.admin.post(`/o/${SLUG}/years/${year.id}/reopen`, { reason: '  ', version: closed.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('id="f-reason-error"');
    const tooLong = await h.admin.api('POST', `/api/v1/years/${year.id}/reopen?organisation=${SLUG}`, { reason: 'x'.repeat(1001), version: closed.version });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().fieldErrors.reason).toBeDefined();
    expect(await yearRow(year.id)).toEqual(closed);

    const reopened = await h.admin.post(`/o/${SLUG}/years/${year.id}/reopen`, { reason, version: closed.version });
    expect(reopened.statusCode).toBe(303);
    expect((await yearRow(year.id)).status).toBe('active');
    expect(await periodStatuses()).toEqual(['Delårsrapport 2018: closed', 'Tertial 1 2018: closed', 'Tertial 2 2018: closed']);
    const entry = (await audits(year.id)).at(-1)!;
    expect(entry).toMatchObject({ action: 'reopen', before: { status: 'closed' }, after: { status: 'active', reason } });
    const history = await h.strategist.get(`/o/${SLUG}/history/year/${year.id}`);
    expect(history.body).toContain(reason);

    // The year is open again, the period still closed: the refusal now names the period.
    const save = await world!.reporter.api('POST', `/api/v1/status-reports?organisation=${SLUG}`, { periodId: world!.periods[0]!.id, bodyId: world!.service.id, assignmentId: world!.drafted.id, progress: 'on_track', comment: 'x', version: world!.draft.version });
    expect(save.statusCode).toBe(403);
    expect(save.json().message).toBe('Perioden Tertial 1 2018 är stängd: rapporter kan inte längre skrivas eller ändras.');
  });

  it('closes a single period after confirming, and lets only an admin reopen it with a reason', async () => {
    const t2 = world!.periods[1]!;
    const period = () => h.db.selectFrom('periods').selectAll().where('id', '=', t2.id).executeTakeFirstOrThrow();
    // An edit cannot reopen it in passing, by form or API.
    const current = await period();
    const edit = await h.strategist.api('PUT', `/api/v1/periods/${t2.id}?organisation=${SLUG}`, { year: 2018, kind: 'tertial', name: 'Tertial 2 2018', startsOn: '2018-05-01', endsOn: '2018-08-31', status: 'open', version: current.version });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().fieldErrors.status).toContain('Tertial 2 2018 är stängd');
    expect((await h.strategist.get(`/o/${SLUG}/periods/${t2.id}/edit`)).body).not.toContain('name="status"');
    expect((await h.strategist.post(`/o/${SLUG}/periods/${t2.id}/reopen`, { reason: 'Rättelse.', version: current.version })).statusCode).toBe(403);

    const reopened = await h.admin.api('POST', `/api/v1/periods/${t2.id}/reopen?organisation=${SLUG}`, { reason: 'En rapport behöver rättas.', version: current.version });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open' });
    expect((await audits(t2.id)).at(-1)).toMatchObject({ action: 'reopen', after: { status: 'open', reason: 'En rapport behöver rättas.' } });

    const open = await period();
    const page = await h.strategist.get(`/o/${SLUG}/periods/${t2.id}`);
    expect(page.body).toContain('Stäng perioden');
    const asked = await h.strategist.post(`/o/${SLUG}/periods/${t2.id}/close`, { version: open.version });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Stäng Tertial 2 2018?</h1>');
    expect(asked.body).toContain('Rapporter och bedömningar för perioden kan inte längre skrivas eller ändras');
    expect(await period()).toEqual(open);
    const closed = await h.strategist.post(`/o/${SLUG}/periods/${t2.id}/close`, { version: open.version, confirm: 'yes' });
    expect(closed.statusCode).toBe(303);
    expect((await period()).status).toBe('closed');
  });

  it('keeps a period of a closed year closed until the year is reopened', async () => {
    const { year } = await given();
    const y = await yearRow(year.id);
    await h.strategist.api('POST', `/api/v1/years/${year.id}/status?organisation=${SLUG}`, { status: 'closed', version: y.version });
    const t1 = await h.db.selectFrom('periods').selectAll().where('id', '=', world!.periods[0]!.id).executeTakeFirstOrThrow();
    const refused = await h.admin.api('POST', `/api/v1/periods/${t1.id}/reopen?organisation=${SLUG}`, { reason: 'Rättelse.', version: t1.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors._form).toContain('Öppna året igen först');
    expect((await h.admin.get(`/o/${SLUG}/periods/${t1.id}`)).body).toContain('Budgetår 2018 är avslutat. Öppna året igen först');

    // Reopening the year with its periods ticked opens them all, each with the reason.
    const closed = await yearRow(year.id);
    const res = await h.admin.post(`/o/${SLUG}/years/${year.id}/reopen`, { reason: 'Fel i delårsrapporten.', reopenPeriods: 'on', version: closed.version });
    expect(res.statusCode).toBe(303);
    expect(await periodStatuses()).toEqual(['Delårsrapport 2018: open', 'Tertial 1 2018: open', 'Tertial 2 2018: open']);
    expect((await audits(t1.id)).at(-1)).toMatchObject({ action: 'reopen', after: { status: 'open', reason: 'Fel i delårsrapporten.' } });
  });

  it('asks before archiving, and archives only once confirmed', async () => {
    const { service } = await given();
    const body = () => h.db.selectFrom('bodies').selectAll().where('id', '=', service.id).executeTakeFirstOrThrow();
    const before = await body();
    const asked = await h.strategist.post(`/o/${SLUG}/bodies/${service.id}/archive`, { version: before.version });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<h1>Arkivera Servicenämnden?</h1>');
    expect(asked.body).toContain('Inget raderas.');
    expect(await body()).toEqual(before);
    expect((await h.reader.post(`/o/${SLUG}/bodies/${service.id}/archive`, { version: before.version })).statusCode).toBe(403);
    const done = await h.strategist.post(`/o/${SLUG}/bodies/${service.id}/archive`, { version: before.version, confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect((await body()).archived_at).not.toBeNull();
    // Restoring is not irreversible: it happens at once.
    expect((await h.strategist.post(`/o/${SLUG}/bodies/${service.id}/restore`, { version: before.version + 1 })).statusCode).toBe(303);
    expect((await body()).archived_at).toBeNull();
  });
});
