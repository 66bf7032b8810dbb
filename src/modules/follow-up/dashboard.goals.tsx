// The list behind the overview's count of goals by latest assessment: the goals of a year whose
// latest assessment is met, partly met, not met, not assessed or missing, each with a link to the
// goal and to the assessment counted. The same query counts them, so the list shows that many.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isMember } from '../../core/context';
import { Badge, Empty, ErrorSummary, FilterForm, type Option, PageHeader, Select, Table } from '../../core/html/components';
import { Layout } from '../../core/html/layout';
import { sendHtml, view } from '../../core/html/view';
import { parseFilters, routeOrg } from '../../core/http/routes';
import type { Messages } from '../../core/i18n';
import { year } from '../../core/validation';
import { listBodies } from '../organisations';
import { defaultYear, goalsWithLatestAssessment, todayInSweden } from './dashboard.queries';
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

  app.get('/o/:org/follow-up/goals', async (req, reply) => {
    const org = await routeOrg(req);
    const { filters: f, errors } = parseFilters(goalListFilters, req.query, req.ctx.t);
    const publicOnly = !isMember(req.actor, org.id);
    const [years, bodies, focusAreas] = await Promise.all([listYears(db, org.id), listBodies(db, org.id, { locale: req.locale }), listFocusAreas(db, org.id)]);
    const chosenYear = f.year ?? defaultYear(years, todayInSweden());
    const body = f.body ? await findBodyRef(db, org.id, f.body) : undefined;
    const goals =
      chosenYear === undefined
        ? []
        : await goalsWithLatestAssessment(db, { organisationId: org.id, year: chosenYear, body, focusAreaId: f.focusArea, publicOnly, readBy: req.actor, today: todayInSweden() }, f.assessment);
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
  },
};
