// The list behind the overview's count of goals by latest assessment: the goals of a year whose
// latest assessment is met, partly met, not met, not assessed or missing, each with a link to the
// goal and to the assessment counted. The same query counts them, so the list shows that many.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMember } from '../../core/context';
import { Badge, Empty, ErrorSummary, FilterForm, type Option, PageHeader, Select, Table } from '../../core/html/components';
import { Layout } from '../../core/html/layout';
import { exportRoutes, sendTable } from '../../core/export';
import { DownloadLinks } from '../../core/html/downloads';
import { sendHtml, view, type OrgRef } from '../../core/html/view';
import { parseFilters, routeOrg } from '../../core/http/routes';
import type { Messages } from '../../core/i18n';
import { year } from '../../core/validation';
import { listBodies } from '../organisations';
import { defaultYear, goalsWithLatestAssessment, todayInSweden, type GoalWithAssessment } from './dashboard.queries';
import { valueTone } from './follow-up.presenter';
import { findBodyRef, listFocusAreas, listYears } from './follow-up.queries';
import { ASSESSMENTS } from './follow-up.tables';

const ASSESSMENT_FILTER = [...ASSESSMENTS, 'none'] as const;

export const goalListFilters = z.object({
  year: year().optional(),
  body: z.uuid().optional(),
  focusArea: z.uuid().optional(),
  assessment: z.enum(ASSESSMENT_FILTER).optional(),
});

const assessmentLabelKey = (a: string): string => `followup.assessment.${a}`;

export function goalListRoutes(app: FastifyInstance): void {
  const db = app.database.db;

  /** The goals the filters select, as the overview counted them, with the year shown (by default the overview's). */
  async function load(req: FastifyRequest, org: OrgRef) {
    const parsed = parseFilters(goalListFilters, req.query, req.ctx.t);
    const f = parsed.filters;
    const publicOnly = !isMember(req.actor, org.id);
    const [years, bodies, focusAreas] = await Promise.all([listYears(db, org.id), listBodies(db, org.id, { locale: req.locale }), listFocusAreas(db, org.id)]);
    const chosenYear = f.year ?? defaultYear(years, todayInSweden());
    const body = f.body ? await findBodyRef(db, org.id, f.body) : undefined;
    const goals =
      chosenYear === undefined
        ? []
        : await goalsWithLatestAssessment(db, { organisationId: org.id, year: chosenYear, body, focusAreaId: f.focusArea, publicOnly, readBy: req.actor, today: todayInSweden() }, f.assessment);
    return { f, errors: parsed.errors, publicOnly, years, bodies, focusAreas, chosenYear, goals };
  }

  app.get('/o/:org/follow-up/goals', async (req, reply) => {
    const org = await routeOrg(req);
    const { f, errors, publicOnly, years, bodies, focusAreas, chosenYear, goals } = await load(req, org);
    const v = view(req, reply, org);
    const t = v.t;
    const option = (value: string, label: string): Option => ({ value, label });
    const title = chosenYear === undefined ? t('followup.goal_list.title_no_year') : t('followup.goal_list.title', { year: chosenYear });
    return sendHtml(
      reply,
      <Layout v={v} title={title} wide>
        <PageHeader title={title} lead={t('followup.goal_list.lead')}>
          <a href={`/o/${org.slug}${chosenYear === undefined ? '' : `?year=${chosenYear}`}`}>{t('followup.goal_list.to_overview')}</a>
        </PageHeader>
        {publicOnly ? <p class="hint">{t('dashboard.public_note')}</p> : null}
        <ErrorSummary v={v} errors={errors} />
        {chosenYear === undefined ? null : (
          <p>
            <DownloadLinks v={v} href={`/o/${org.slug}/follow-up/goals`} query={new URLSearchParams(Object.entries({ year: String(chosenYear), assessment: f.assessment, body: f.body, focusArea: f.focusArea }).filter((e): e is [string, string] => Boolean(e[1]))).toString()} label={title} />
          </p>
        )}
        <FilterForm v={v} action={`/o/${org.slug}/follow-up/goals`}>
          <Select name="year" label={t('dashboard.year')} value={chosenYear === undefined ? undefined : String(chosenYear)} options={years.map((y) => option(String(y), String(y)))} />
          <Select name="assessment" label={t('followup.assessment')} value={f.assessment} empty={t('list.all')} options={ASSESSMENT_FILTER.map((a) => option(a, t(assessmentLabelKey(a))))} />
          <Select name="body" label={t('followup.body')} value={f.body} empty={t('list.all')} options={bodies.map((b) => option(b.id, b.name))} />
          <Select name="focusArea" label={t('dashboard.focus_area')} value={f.focusArea} empty={t('list.all')} options={focusAreas.map((a) => option(a.id, a.name))} />
        </FilterForm>
        {goals.length ? (
          <Table caption={t('followup.goal_list.caption', { count: goals.length })} columns={[t('followup.goal'), t('followup.goal_list.owner'), t('followup.assessment'), t('followup.goal_list.assessed')]}>
            {goals.map((g) => (
              <tr>
                <th scope="row">
                  <a href={`/o/${org.slug}/goals/${g.id}`}>{[g.reference, g.title].filter(Boolean).join(' ')}</a>
                </th>
                <td>{g.owner_name}</td>
                <td>
                  <Badge tone={g.assessment === 'none' ? 'muted' : valueTone(g.assessment)}>{t(assessmentLabelKey(g.assessment))}</Badge>
                </td>
                <td>
                  {g.assessment_id ? (
                    <a href={`/o/${org.slug}/follow-up/goal-assessments/${g.assessment_id}`}>{t('followup.goal_list.assessed_by', { body: g.assessed_by ?? '', period: g.period_name ?? '' })}</a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <Empty>{t('followup.goal_list.empty')}</Empty>
        )}
      </Layout>,
    );
  });

  exportRoutes(app, 'follow-up/goals', async (req, reply, format) => {
    const org = await routeOrg(req);
    const { chosenYear, goals } = await load(req, org);
    const t = req.ctx.t;
    return sendTable<GoalWithAssessment>(reply, format, `${org.slug}-goals-by-assessment-${chosenYear ?? ''}`, [
      { header: t('dashboard.year'), value: () => chosenYear, kind: 'number' },
      { header: t('followup.csv.reference'), value: (g) => g.reference },
      { header: t('followup.csv.title'), value: (g) => g.title },
      { header: t('followup.goal_list.owner'), value: (g) => g.owner_name },
      { header: t('followup.assessment'), value: (g) => t(assessmentLabelKey(g.assessment)) },
      { header: t('followup.goal_list.assessed_body'), value: (g) => g.assessed_by ?? '' },
      { header: t('followup.period'), value: (g) => g.period_name ?? '' },
    ], goals, { sheetName: t('dashboard.goals_title', { year: chosenYear ?? '' }) });
  });
}

export const goalListMessages: Messages = {
  sv: {
    'followup.goal_list.title': 'Mål {year} efter senaste bedömning',
    'followup.goal_list.title_no_year': 'Mål efter senaste bedömning',
    'followup.goal_list.lead': 'Varje mål med den senaste bedömningen under året. Bedömer flera organ samma mål gäller målägarens bedömning.',
    'followup.goal_list.to_overview': 'Till översikten',
    'followup.goal_list.caption': { zero: 'Inga mål', one: '1 mål', other: '{count} mål' },
    'followup.goal_list.owner': 'Målägare',
    'followup.goal_list.assessed': 'Senaste bedömning',
    'followup.goal_list.assessed_by': '{body}, {period}',
    'followup.goal_list.empty': 'Inga mål matchar urvalet.',
    'followup.goal_list.assessed_body': 'Bedömt av',
  },
  en: {
    'followup.goal_list.title': 'Goals {year} by latest assessment',
    'followup.goal_list.title_no_year': 'Goals by latest assessment',
    'followup.goal_list.lead': "Each goal with its latest assessment in the year. Where several bodies assess a goal, the goal owner's assessment counts.",
    'followup.goal_list.to_overview': 'To the overview',
    'followup.goal_list.caption': { zero: 'No goals', one: '1 goal', other: '{count} goals' },
    'followup.goal_list.owner': 'Goal owner',
    'followup.goal_list.assessed': 'Latest assessment',
    'followup.goal_list.assessed_by': '{body}, {period}',
    'followup.goal_list.empty': 'No goals match the selection.',
    'followup.goal_list.assessed_body': 'Assessed by',
  },
};
