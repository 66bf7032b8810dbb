// The work page as each person meets it: the reporter sees exactly what their body owes for the
// current period, in its state, with the deadline and one click to each form; the strategist sees
// what waits for review and which bodies are late; the reader sees what was approved since their
// last visit, and not what was approved before it.
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { buildBody, buildUser, TEST_PASSWORD } from '../../test/factories';
import { organisationApp, useFixture } from '../../test/harness';
import { TestClient } from '../../test/client';
import { buildAssignment, buildGoal, buildPeriod } from './follow-up.factories';
import { todayInSweden } from './dashboard.queries';
import type { PeriodRow } from './follow-up.queries';
import { workPeriod } from './follow-up.work';

/** 'YYYY-MM-DD' `n` days from today in Sweden. */
const day = (n: number): string => {
  const d = new Date(`${todayInSweden()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const decode = (s: string): string => s.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();

/** The boxes of a work page: each title with its lines, each line's text and link. */
function boxes(html: string): { title: string; lead: string; text: string; rows: { text: string; href: string | undefined }[] }[] {
  return [...html.matchAll(/<li class="card[^"]*"><h2>(.*?)<\/h2>(.*?)(?=<li class="card|<\/ul><\/main>|$)/gs)].map((m) => {
    const body = m[2]!;
    const rows = [...body.matchAll(/<li><span class="widget-row-head">(.*?)<\/li>/gs)].map((r) => ({
      text: decode(r[1]!),
      href: /href="([^"]+)"/.exec(r[1]!)?.[1]?.replace(/&amp;/g, '&'),
    }));
    return { title: decode(m[1]!), lead: decode(/<p class="widget-lead">(.*?)<\/p>/s.exec(body)?.[1] ?? ''), text: decode(body), rows };
  });
}

describe.each(engines)('the work page on %s', (engine) => {
  const world = useFixture(async () => {
    const t = await organisationApp(engine, ['strategist']);
    const { db, org } = t;
    const service = await buildBody(db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const technical = await buildBody(db, { organisationId: org.id, name: 'Tekniska nämnden', kind: 'committee' });
    const board = await buildBody(db, { organisationId: org.id, name: 'Kommunstyrelsen', kind: 'board' });
    // A period whose deadline passed while still open (being chased), and the current one: 5 days left.
    const pastStart = day(-60);
    const year = Number(pastStart.slice(0, 4));
    const past = await buildPeriod(db, { organisationId: org.id, year, name: 'Förra perioden', startsOn: pastStart, endsOn: day(-20) });
    await db.updateTable('periods').set({ report_due: day(-10) }).where('id', '=', past.id).execute();
    const currentStart = day(-19);
    const current = await buildPeriod(db, { organisationId: org.id, year: Number(currentStart.slice(0, 4)), name: 'Pågående perioden', startsOn: currentStart, endsOn: day(10) });
    await db.updateTable('periods').set({ report_due: day(5) }).where('id', '=', current.id).execute();

    const assignment = (title: string, lead: string) => buildAssignment(db, { organisationId: org.id, year, issuerBodyId: board.id, title, leadBodyId: lead, status: 'ongoing' });
    const missing = await assignment('Inrätta en digital stödfunktion', service.id);
    const drafted = await assignment('Samordna lokalförsörjningen', service.id);
    const returned = await assignment('Minska matsvinnet', service.id);
    const submitted = await assignment('Upphandla fordon', service.id);
    const others = await assignment('Bygga cykelbanor', technical.id);
    const goal = await buildGoal(db, { organisationId: org.id, bodyId: service.id, yearFrom: year, title: 'Nöjda brukare' });

    const report = (o: { period: string; body: string; assignment: string; state: 'draft' | 'submitted' | 'approved'; returnComment?: string; approvedAt?: Date }) =>
      db
        .insertInto('status_reports')
        .values({
          organisation_id: org.id,
          period_id: o.period,
          body_id: o.body,
          assignment_id: o.assignment,
          progress: 'on_track',
          comment: 'Enligt plan.',
          state: o.state,
          return_comment: o.returnComment ?? '',
          submitted_at: o.state === 'draft' ? null : new Date(),
          submitted_by: null,
          approved_at: o.state === 'approved' ? (o.approvedAt ?? new Date()) : null,
          approved_by: null,
          archived_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const draft = await report({ period: current.id, body: service.id, assignment: drafted.id, state: 'draft' });
    const back = await report({ period: current.id, body: service.id, assignment: returned.id, state: 'draft', returnComment: 'Komplettera med siffror för 2026.' });
    const waiting = await report({ period: current.id, body: service.id, assignment: submitted.id, state: 'submitted' });
    await db
      .insertInto('goal_assessments')
      .values({ organisation_id: org.id, period_id: current.id, body_id: service.id, goal_id: goal.id, assessment: 'met', comment: '', state: 'approved', submitted_at: new Date(), submitted_by: null, approved_at: new Date(), approved_by: null, archived_at: null })
      .execute();
    // Tekniska nämnden submitted everything for the past period, so it is not late; Servicenämnden is.
    await report({ period: past.id, body: technical.id, assignment: others.id, state: 'submitted' });

    const { client: reporter } = await t.signIn(org.id, 'reporter', { bodyIds: [service.id] });
    return { ...t, service, technical, past, current, missing, drafted, returned, submitted, others, draft, back, waiting, reporter, report };
  });

  it('lands a reporter on the work page listing what their body owes for the current period, in its state, with the deadline', async () => {
    const w = world;
    const page = await w.reporter.get(`/o/${w.org.slug}/work`);
    expect(page.statusCode).toBe(200);
    const box = boxes(page.body).find((b) => b.title === 'Att rapportera för Pågående perioden');
    expect(box, page.body).toBeDefined();
    expect(box!.lead).toBe(`Pågående perioden: senast ${day(5)}, 5 dagar kvar.`);
    expect(box!.text).toContain('Servicenämnden');
    expect(box!.text).toContain('3 av 5 återstår att skicka in.');
    // Exactly the body's lines, what came back first, then what is not written, then drafts.
    expect(box!.rows.map((r) => r.text.split(' Lägesrapport')[0]!.split(' Målbedömning')[0])).toEqual([
      'Minska matsvinnet Återsänd',
      'Inrätta en digital stödfunktion Ej påbörjad',
      'Samordna lokalförsörjningen Utkast',
      'Upphandla fordon Inskickad',
      'Nöjda brukare Godkänd',
    ]);
    expect(box!.rows[0]!.text).toContain('Kommentar vid retur: Komplettera med siffror för 2026.');
    expect(page.body).not.toContain('Bygga cykelbanor');
    const base = `/o/${w.org.slug}/follow-up/status-reports`;
    expect(box!.rows.map((r) => r.href).slice(0, 4)).toEqual([
      `${base}/${w.back.id}`,
      `${base}/new?period=${w.current.id}&body=${w.service.id}&assignment=${w.missing.id}`,
      `${base}/${w.draft.id}`,
      `${base}/${w.waiting.id}`,
    ]);
    // One click to the form.
    const form = await w.reporter.get(box!.rows[1]!.href!);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Inrätta en digital stödfunktion');
    expect(form.body).toContain('name="progress"');
    // The past period is still open after its deadline, and the body owes everything in it.
    const overdue = boxes(page.body).find((b) => b.title === 'Försenat i andra perioder')!;
    expect(overdue.rows).toEqual([{ text: 'Servicenämnden Sen 5 av 5 återstår att skicka in.', href: `/o/${w.org.slug}/follow-up?period=${w.past.id}&body=${w.service.id}` }]);
    expect(overdue.text).toContain(`Förra perioden: senast ${day(-10)}, 10 dagar försenad.`);
    // Nothing meant for staff or readers.
    expect(page.body).not.toContain('Väntar på granskning');
    expect(page.body).not.toContain('Organ som är sena');
  });

  it('says the days left with the plural each language needs', async () => {
    const page = await world.reporter.get(`/o/${world.org.slug}/work`);
    expect(page.body).toContain('5 dagar kvar');
    await world.reporter.get('/lang/en');
    const english = await world.reporter.get(`/o/${world.org.slug}/work`);
    expect(boxes(english.body).find((b) => b.title === 'To report for Pågående perioden')?.lead).toBe(`Pågående perioden: due ${day(5)}, 5 days left.`);
    await world.reporter.get('/lang/sv');
  });

  it("shows a strategist the report waiting for review, linked to its review form, and the bodies late with the past period's reports", async () => {
    const w = world;
    // A report left submitted in a closed period can no longer be reviewed: it is not waiting.
    const closed = await buildPeriod(w.db, { organisationId: w.org.id, year: w.past.year, name: 'Stängd period', startsOn: w.past.starts_on, endsOn: day(-30), status: 'closed' });
    await w.report({ period: closed.id, body: w.technical.id, assignment: w.others.id, state: 'submitted' });
    const page = await w.strategist.get(`/o/${w.org.slug}/work`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Stängd period');
    const all = boxes(page.body);
    const review = all.find((b) => b.title === 'Väntar på granskning')!;
    // The longest waiting first.
    expect(review.rows.map((r) => r.href)).toEqual([`/o/${w.org.slug}/follow-up/status-reports/${w.waiting.id}`, expect.stringMatching(/status-reports\//)]);
    expect(review.rows[1]!.text).toContain('Bygga cykelbanor Inskickad');
    expect(review.rows[0]!.text).toContain('Upphandla fordon Inskickad');
    expect(review.rows[0]!.text).toContain('Servicenämnden · Pågående perioden');
    // The count is a link to the list behind it, and the list shows that many reports.
    const count = /<dt>Inskickade<\/dt><dd><a href="([^"]+)">(\d+)<\/a>/.exec(page.body);
    expect(count?.[2]).toBe('2');
    const list = await w.strategist.get(count![1]!.replace(/&amp;/g, '&'));
    expect(list.statusCode).toBe(200);
    expect(list.body.match(/<tr><th scope="row">/g)).toHaveLength(2);
    expect(list.body).toContain('2 rapporter');
    // The review form is one click away: the page of the submitted report offers approval.
    const item = await w.strategist.get(review.rows[0]!.href!);
    expect(item.body).toContain('/approve');

    const late = all.find((b) => b.title === 'Organ som är sena')!;
    expect(late.rows.map((r) => r.text)).toEqual(['Servicenämnden Sen 0 av 5 inskickade']);
    expect(late.lead).toBe(`Förra perioden: senast ${day(-10)}, 10 dagar försenad.`);
    expect(late.text).not.toContain('Tekniska nämnden');
    expect(page.body).toContain(`<dt>Organ</dt><dd><a href="/o/${w.org.slug}/follow-up?period=${w.past.id}">1</a></dd>`);

    const deadlines = all.find((b) => b.title === 'Kommande sista dagar')!;
    expect(deadlines.rows.map((r) => r.text)).toEqual([`Pågående perioden Snart Senast ${day(5)}, 5 dagar kvar`]);
    expect(page.body).not.toContain('Att rapportera för');
  });

  it('shows a reader what was approved since their last visit, and not what was approved before it', async () => {
    const w = world;
    const reader = await buildUser(w.db, { organisationId: w.org.id, role: 'reader', name: 'Läsaren' });
    const before = await w.report({ period: w.current.id, body: w.technical.id, assignment: w.others.id, state: 'approved' });
    // A first visit: what was approved lately is shown.
    const first = new TestClient(w.app);
    await first.signIn(reader.email, TEST_PASSWORD);
    const firstPage = await first.get(`/o/${w.org.slug}/work`);
    const firstBox = boxes(firstPage.body).find((b) => b.title === 'Godkänt sedan ditt senaste besök')!;
    expect(firstBox.lead).toBe('De senaste 14 dagarna.');
    expect(firstBox.rows.some((r) => r.href?.endsWith(before.id))).toBe(true);

    const after = await w.report({ period: w.current.id, body: w.technical.id, assignment: w.missing.id, state: 'approved' });
    const again = new TestClient(w.app);
    const signIn = await again.signIn(reader.email, TEST_PASSWORD);
    expect(signIn.headers.location).toBe(`/o/${w.org.slug}/work`);
    const page = await again.get(`/o/${w.org.slug}/work`);
    const box = boxes(page.body).find((b) => b.title === 'Godkänt sedan ditt senaste besök')!;
    expect(box.lead).toMatch(/^Sedan \d/);
    expect(box.rows.map((r) => r.href)).toEqual([`/o/${w.org.slug}/follow-up/status-reports/${after.id}`]);
    expect(box.rows[0]!.text).toContain('Inrätta en digital stödfunktion');
    expect(box.rows[0]!.text).toContain('Tekniska nämnden');
    expect(page.body).not.toContain('Väntar på granskning');
  });
});

describe('the period a person works on', () => {
  const period = (name: string, starts_on: string, ends_on: string, report_due: string | null, status: 'open' | 'closed' = 'open'): PeriodRow => ({
    id: name, organisation_id: 'o', year: Number(starts_on.slice(0, 4)), kind: 'tertial', name, starts_on, ends_on, report_due, status,
  });
  const t1 = period('T1', '2026-01-01', '2026-04-30', '2026-05-15');
  const t2 = period('T2', '2026-05-01', '2026-08-31', '2026-09-15');
  const year = period('Helår', '2026-01-01', '2026-12-31', '2027-02-15');

  it('is the open period whose reporting window holds today, the one due first when windows overlap', () => {
    expect(workPeriod([t1, t2, year], '2026-05-10')?.name).toBe('T1');
    expect(workPeriod([t1, t2, year], '2026-05-16')?.name).toBe('T2');
    // The report deadline, not the period's end, closes the window.
    expect(workPeriod([period('T', '2026-01-01', '2026-04-30', null)], '2026-05-01')?.name).toBe('T');
  });

  it('is, when every open period is past its deadline, the one due first', () => {
    expect(workPeriod([year, t2, t1], '2027-06-01')?.name).toBe('T1');
  });

  it('is else the next open period, else the latest', () => {
    expect(workPeriod([{ ...t1, status: 'closed' }, period('T3', '2026-09-01', '2026-12-31', '2027-01-15')], '2026-06-01')?.name).toBe('T3');
    expect(workPeriod([{ ...t1, status: 'closed' }, { ...t2, status: 'closed' }], '2026-12-01')?.name).toBe('T2');
    expect(workPeriod([], '2026-12-01')).toBeUndefined();
  });
});
