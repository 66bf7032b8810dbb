// Follow-up downloads as Excel beside CSV: a body's reporting list (its own reporters and staff only),
// the public follow-up (approved reports only, the approval as a date in Swedish time) and the
// overview's counts per status (numbers; the status code stays in the CSV for machines).
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/db';
import { column, expectSameTable } from '../../test/exports';
import { buildBody, buildOrg } from '../../test/factories';
import { startApp, useFixture } from '../../test/harness';
import { buildAssignment, buildPeriod } from './follow-up.factories';

const SLUG = 'foljkommun';
const api = (path: string) => `/api/v1/${path}?organisation=${SLUG}`;

describe.each(engines)('follow-up exports on %s', (engine) => {
  const w = useFixture(async () => {
    const t = await startApp(engine);
    const org = await buildOrg(t.db, { slug: SLUG, name: 'Följkommun' });
    const council = await buildBody(t.db, { organisationId: org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const committee = await buildBody(t.db, { organisationId: org.id, name: 'Servicenämnden', kind: 'committee' });
    const other = await buildBody(t.db, { organisationId: org.id, name: 'Kulturnämnden', kind: 'committee' });
    const year = new Date().getUTCFullYear();
    const period = await buildPeriod(t.db, { organisationId: org.id, year, name: `Helår ${year}`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, kind: 'annual' });
    const base = { organisationId: org.id, year, issuerBodyId: council.id, leadBodyId: committee.id };
    const approvedOn = await buildAssignment(t.db, { ...base, reference: 'F 1', title: 'Godkänt uppdrag', status: 'ongoing' });
    const draftOn = await buildAssignment(t.db, { ...base, reference: 'F 2', title: '=Utkastuppdrag', status: 'ongoing' });
    await buildAssignment(t.db, { ...base, reference: 'F 3', title: 'Ej rapporterat', status: 'new' });
    await buildAssignment(t.db, { ...base, reference: 'F 4', title: 'Opublicerat', status: 'new', published: false });
    const { client: reporter } = await t.signIn(org.id, 'reporter', { bodyIds: [committee.id] });
    const { client: otherReporter } = await t.signIn(org.id, 'reporter', { bodyIds: [other.id] });
    const { client: strategist } = await t.signIn(org.id, 'strategist');
    const write = async (assignmentId: string, comment: string) => {
      const res = await reporter.api('POST', api('status-reports'), { periodId: period.id, bodyId: committee.id, assignmentId, progress: 'on_track', comment });
      if (res.statusCode >= 300) throw new Error(`saving a report: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    const approved = await write(approvedOn.id, 'Allt går enligt plan.');
    const submitted = await reporter.api('POST', api(`status-reports/${approved.id}/submit`), { version: approved.version });
    const approval = await strategist.api('POST', api(`status-reports/${approved.id}/approve`), { version: (submitted.json() as { version: number }).version });
    if (approval.statusCode !== 200) throw new Error(`approving: ${approval.statusCode} ${approval.body}`);
    await write(draftOn.id, '+Ett utkast');
    return { ...t, org, committee, period, reporter, otherReporter, strategist };
  });

  it("gives a body's reporter its reporting list, every state written out", async () => {
    const book = await expectSameTable(w.reporter, `/o/${SLUG}/follow-up`, `?period=${w.period.id}&body=${w.committee.id}`);
    expect(book.sheet.name).toBe('Servicenämnden');
    const states = new Map(book.rows.map((r) => [r[book.header.indexOf('Rubrik')], r[book.header.indexOf('Status')]]));
    expect(states.get('Godkänt uppdrag')).toBe('Godkänd');
    expect(states.get('=Utkastuppdrag')).toBe('Utkast');
    expect(states.get('Ej rapporterat')).toBe('Ej påbörjad');
    expect(column(book, 'Kommentar')).toContain('+Ett utkast');
  });

  it("refuses another body's reporter and the public the reporting list, in both formats", async () => {
    for (const ext of ['csv', 'xlsx']) {
      const url = `/o/${SLUG}/follow-up.${ext}?period=${w.period.id}&body=${w.committee.id}`;
      expect((await w.otherReporter.get(url)).statusCode, url).toBe(403);
      const anonymous = await w.anonymous().get(url);
      expect(anonymous.statusCode, url).toBe(303);
      expect(String(anonymous.headers.location)).toMatch(/^\/sign-in/);
    }
  });

  it('gives the public approved reports only, the approval as a date', async () => {
    const book = await expectSameTable(w.anonymous(), `/o/${SLUG}/follow-up/public`, `?period=${w.period.id}`);
    expect(column(book, 'Rubrik')).toEqual(['Godkänt uppdrag']);
    const approvedAt = column(book, 'Godkänd')[0];
    expect(approvedAt).toBeInstanceOf(Date);
    // Excel holds the Swedish clock: the cell is within a day of now, read as UTC fields.
    expect(Math.abs((approvedAt as Date).getTime() - Date.now())).toBeLessThan(26 * 3600_000);
  });

  it("counts the overview's assignments per status as numbers, published ones for the public", async () => {
    const year = w.period.year;
    const staff = await expectSameTable(w.strategist, `/o/${SLUG}/dashboard`, `?year=${year}`, { csvOnly: ['Statuskod'] });
    expect(staff.header).not.toContain('Statuskod');
    const counts = column(staff, 'Antal uppdrag');
    expect(counts.every((n) => typeof n === 'number')).toBe(true);
    expect((counts as number[]).reduce((a, b) => a + b, 0)).toBe(4);
    expect(column(staff, 'Budgetår').every((y) => y === year)).toBe(true);
    const pub = await expectSameTable(w.anonymous(), `/o/${SLUG}/dashboard`, `?year=${year}`, { csvOnly: ['Statuskod'] });
    expect((column(pub, 'Antal uppdrag') as number[]).reduce((a, b) => a + b, 0)).toBe(3);
    const csv = await w.anonymous().get(`/o/${SLUG}/dashboard.csv?year=${year}`);
    expect(csv.body.split('\r\n')[0]).toContain('Statuskod');
  });
});
