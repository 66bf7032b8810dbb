// The goals' section on a body's page (manifest `panels`): the goals the body has adopted, each a link,
// and the way on to the body's goals and direction texts in their lists.
import { isMember, type Ctx } from '../../core/context';
import { Badge, Empty, Section } from '../../core/html/components';
import type { OrgRef } from '../../core/html/view';
import type { RecordPanel } from '../../core/manifest';
import { goalsOfBody } from './goals.panels.queries';
import { yearsLabel } from './goals.presenter';

const bodyGoals: RecordPanel = {
  id: 'goals-of-body',
  on: 'body',
  order: 20,
  async render(ctx: Ctx, org: OrgRef, bodyId: string) {
    const { t } = ctx;
    const member = isMember(ctx.actor, org.id);
    const rows = await goalsOfBody(ctx.db, org.id, bodyId, !member, ctx.locale);
    return (
      <Section id="goals-of-body" title={t('goals.panel.body_title')}>
        {rows.length ? (
          <ul>
            {rows.map((g) => (
              <li>
                <a href={`/o/${org.slug}/goals/${g.id}`}>{[g.reference, g.title].filter(Boolean).join(' ')}</a>{' '}
                <span class="muted">· {yearsLabel(t, g.year_from, g.year_to)}</span>
                {member && !g.published ? (
                  <>
                    {' '}
                    <Badge tone="muted">{t('goals.status.draft')}</Badge>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('goals.panel.body_none')}</Empty>
        )}
        <p>
          {rows.length ? (
            <>
              <a href={`/o/${org.slug}/goals?body=${bodyId}`}>{t('goals.panel.body_list')}</a> ·{' '}
            </>
          ) : null}
          <a href={`/o/${org.slug}/directions?body=${bodyId}`}>{t('goals.panel.body_directions')}</a>
        </p>
      </Section>
    );
  },
};

export const goalPanels: RecordPanel[] = [bodyGoals];
