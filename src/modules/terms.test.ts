// One word per status: every status family has one label per status, no two statuses of a family share
// a label, and the overview, the assignment list, the assignment page, the follow-up table and the
// exports all say the same word for the same status, in Swedish and in English.
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../core/i18n';
import { t, testCatalogue } from '../test/context';
import { engines } from '../test/db';
import { buildBody } from '../test/factories';
import { organisationApp, useFixture } from '../test/harness';
import { ASSIGNMENT_STATUSES, SOURCE_KINDS, TARGETS } from './assignments';
import { buildAssignment, buildPeriod } from './follow-up/follow-up.factories';
import { ASSESSMENTS, PROGRESS_VALUES, REPORT_STATES } from './follow-up/follow-up.tables';
import { BODY_KINDS } from './organisations/organisations.tables';

/** Each status family: the key prefix of its labels and its codes. */
const FAMILIES: Record<string, { prefix: string; codes: readonly string[] }> = {
  'assignment status': { prefix: 'assignment.status.', codes: ASSIGNMENT_STATUSES },
  'assignment source': { prefix: 'assignment.source.', codes: SOURCE_KINDS },
  'assignment target': { prefix: 'assignment.target.', codes: TARGETS },
  'report state': { prefix: 'followup.state.', codes: ['none', ...REPORT_STATES] },
  progress: { prefix: 'followup.progress.', codes: PROGRESS_VALUES },
  assessment: { prefix: 'followup.assessment.', codes: [...ASSESSMENTS, 'none'] },
  'year status': { prefix: 'year.status.', codes: ['planning', 'active', 'closed'] },
  'period status': { prefix: 'period.status.', codes: ['open', 'closed'] },
  'period kind': { prefix: 'period.kind.', codes: ['tertial', 'interim', 'annual', 'other'] },
  'body kind': { prefix: 'body.kind.', codes: BODY_KINDS },
  'goal state': { prefix: 'goals.status.', codes: ['published', 'draft', 'archived'] },
};

describe('status words in the message catalogue', () => {
  it('has a label for every status of every family in both languages, and no two statuses of a family share one', () => {
    const messages = testCatalogue().messages;
    for (const [family, { prefix, codes }] of Object.entries(FAMILIES)) {
      for (const locale of LOCALES) {
        const labels = codes.map((code) => {
          expect(messages.text(locale, `${prefix}${code}`), `${family} ${code} (${locale})`).toBeTruthy();
          return t(locale, `${prefix}${code}`).toLocaleLowerCase(locale);
        });
        expect(new Set(labels).size, `${family} (${locale}): ${labels.join(', ')}`).toBe(labels.length);
      }
    }
  });

  it('keeps no second set of keys for a family under another name', () => {
    const keys = testCatalogue().messages.keys('sv');
    // The overview had its own "Pågår"/"Överfört" for the assignment statuses, and its own source and target names.
    expect(keys.filter((k) => /assignment_status|^followup\.source\.|^followup\.target\.|^followup\.(submitted|approved|period_closed|choose)$/.test(k))).toEqual([]);
    // A status label says its family's word, whichever page or export shows it: no other key repeats a family's label under a "status"/"state" name.
    for (const locale of LOCALES) {
      const family = new Map<string, string>();
      for (const [name, { prefix, codes }] of Object.entries(FAMILIES)) for (const code of codes) family.set(`${prefix}${code}`, name);
      const statusLike = testCatalogue()
        .messages.keys(locale)
        .filter((k) => /(status|state)[._]/.test(k) && !family.has(k) && /\.(new|ongoing|progress_reported|reported|transferred|draft|submitted|approved)$/.test(k));
      expect(statusLike, locale).toEqual([]);
    }
  });
});

describe.each(engines)('the same status word on every page and export, on %s', (engine) => {
  const h = useFixture(async () => {
    const h = await organisationApp(engine, ['strategist'] as const);
    const council = await buildBody(h.db, { organisationId: h.org.id, name: 'Kommunfullmäktige', kind: 'council' });
    const committee = await buildBody(h.db, { organisationId: h.org.id, name: 'Servicenämnden', kind: 'committee' });
    const period = await buildPeriod(h.db, { organisationId: h.org.id, year: 2018, name: 'Tertial 1 2018', startsOn: '2018-01-01', endsOn: '2018-04-30' });
    const ids: Record<string, string> = {};
    for (const status of ASSIGNMENT_STATUSES) {
      const a = await buildAssignment(h.db, { organisationId: h.org.id, year: 2018, issuerBodyId: council.id, leadBodyId: committee.id, title: `Uppdraget i läge ${status}`, reference: `T-${status}`, status });
      ids[status] = a.id;
    }
    // A status report in each state on the open assignments; "none" is the one without a report.
    const reports: [string, (typeof REPORT_STATES)[number], (typeof PROGRESS_VALUES)[number]][] = [
      ['ongoing', 'draft', 'on_track'],
      ['progress_reported', 'submitted', 'at_risk'],
      ['reported', 'approved', 'completed'],
    ];
    for (const [status, state, progress] of reports) {
      await h.db
        .insertInto('status_reports')
        .values({
          organisation_id: h.org.id,
          period_id: period.id,
          body_id: committee.id,
          assignment_id: ids[status]!,
          progress,
          comment: 'Enligt plan.',
          state,
          return_comment: '',
          submitted_at: state === 'draft' ? null : new Date(),
          submitted_by: null,
          approved_at: state === 'approved' ? new Date() : null,
          approved_by: null,
          archived_at: null,
        })
        .execute();
    }
    return Object.assign(h, { ids, committee, period });
  });

  const slug = 'testkommun';
  const label = (locale: Locale, status: string) => t(locale, `assignment.status.${status}`);
  /** The table row that holds `title`. */
  const rowWith = (html: string, title: string) => [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((row) => row.includes(title)) ?? '';
  const csvLine = (csv: string, text: string) => csv.split(/\r?\n/).find((line) => line.includes(text)) ?? '';

  for (const locale of LOCALES) {
    it(`labels each assignment status alike on the list, the assignment page, the overview and the follow-up table (${locale})`, async () => {
      const list = (await h.strategist.get(`/o/${slug}/assignments?lang=${locale}`)).body;
      const overview = (await h.strategist.get(`/o/${slug}?year=2018&lang=${locale}`)).body;
      const followUp = (await h.strategist.get(`/o/${slug}/follow-up?period=${h.period.id}&body=${h.committee.id}&lang=${locale}`)).body;
      let inFollowUp = 0;
      for (const status of ASSIGNMENT_STATUSES) {
        const word = label(locale, status);
        const title = `Uppdraget i läge ${status}`;
        expect(rowWith(list, title), `list ${status}`).toContain(`>${word}</span>`);
        const page = (await h.strategist.get(`/o/${slug}/assignments/${h.ids[status]}?lang=${locale}`)).body;
        expect(page, `page ${status}`).toContain(`<dt>${t(locale, 'assignments.status')}</dt><dd>${word}`);
        // The overview counts each status under its word, and links the count with it.
        expect(overview, `overview ${status}`).toContain(`${t(locale, 'dashboard.count_link', { count: 1, status: word })}"`);
        const row = rowWith(followUp, title);
        if (row) {
          inFollowUp++;
          expect(row, `follow-up ${status}`).toContain(word);
        }
      }
      // The follow-up table lists the open assignments at least.
      expect(inFollowUp).toBeGreaterThanOrEqual(4);
      // Report states: each row says its report's state with the report-state word.
      expect(rowWith(followUp, 'Uppdraget i läge new')).toContain(t(locale, 'followup.state.none'));
      expect(rowWith(followUp, 'Uppdraget i läge ongoing')).toContain(t(locale, 'followup.state.draft'));
      expect(rowWith(followUp, 'Uppdraget i läge progress_reported')).toContain(t(locale, 'followup.state.submitted'));
      expect(rowWith(followUp, 'Uppdraget i läge reported')).toContain(t(locale, 'followup.state.approved'));
    });

    it(`says the same words in the CSV exports (${locale})`, async () => {
      const assignments = (await h.strategist.get(`/o/${slug}/assignments.csv?lang=${locale}`)).body;
      const overview = (await h.strategist.get(`/o/${slug}/dashboard.csv?year=2018&lang=${locale}`)).body;
      const followUp = (await h.strategist.get(`/o/${slug}/follow-up.csv?period=${h.period.id}&body=${h.committee.id}&lang=${locale}`)).body;
      for (const status of ASSIGNMENT_STATUSES) {
        const word = label(locale, status);
        expect(csvLine(assignments, `Uppdraget i läge ${status}`).split(','), `assignments.csv ${status}`).toContain(word);
        expect(csvLine(overview, `,${status},`).split(','), `dashboard.csv ${status}`).toContain(word);
      }
      expect(csvLine(followUp, 'Uppdraget i läge new').split(',')).toContain(t(locale, 'followup.state.none'));
      expect(csvLine(followUp, 'Uppdraget i läge ongoing').split(',')).toContain(t(locale, 'followup.state.draft'));
      expect(csvLine(followUp, 'Uppdraget i läge progress_reported').split(',')).toContain(t(locale, 'followup.state.submitted'));
      expect(csvLine(followUp, 'Uppdraget i läge reported').split(',')).toContain(t(locale, 'followup.state.approved'));
      expect(csvLine(followUp, 'Uppdraget i läge reported').split(',')).toContain(t(locale, 'followup.progress.completed'));
    });
  }
});
