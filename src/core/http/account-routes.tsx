// The signed-in user's own account: details, changing the password, and signing out everywhere.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { UserActor } from '../context';
import { narrowTenant } from '../db/tenant';
import { findOwnAccount, type OwnAccount } from '../auth/account';
import { changeOwnPassword } from '../auth/change-own-password';
import { PASSWORD_LIMITS } from '../auth/password-policy';
import { countActiveSessions, revokeAllSessions } from '../auth/sessions';
import { AppError, type FieldErrors } from '../errors';
import { ActionForm, ErrorSummary, Fact, Facts, Form, FormActions, PageHeader, Section, TextField } from '../html/components';
import { Layout } from '../html/layout';
import { sendHtml, setFlash, view, type View } from '../html/view';
import { compareText } from '../i18n';
import { formBody, handleForm } from './forms';

export async function registerAccountRoutes(app: FastifyInstance, deps: { config: Config }) {
  const { config } = deps;
  const db = app.database.db;
  const sessionSettings = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };

  const signedIn = (req: FastifyRequest): UserActor => {
    if (req.actor.kind !== 'user') throw new AppError('unauthenticated');
    // One's own account lies in one's own organisation; row-level security holds the queries to it.
    narrowTenant(req.actor.organisationId);
    return req.actor;
  };
  const sessionToken = (req: FastifyRequest): string | undefined => {
    const sid = req.cookies.sid ? req.unsignCookie(req.cookies.sid) : undefined;
    return sid?.valid && sid.value ? sid.value : undefined;
  };

  async function page(req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status = 200) {
    const actor = signedIn(req);
    const account = await findOwnAccount(db, actor.id, app.catalogue.userBodies);
    if (!account) throw new AppError('unauthenticated');
    const sessions = await countActiveSessions(db, actor.id, sessionSettings);
    const v = view(req, reply, account.organisation);
    return sendHtml(reply, <AccountPage v={v} account={account} sessions={sessions} errors={errors} />, status);
  }

  app.get('/account', async (req, reply) => page(req, reply));

  app.post('/account/password', async (req, reply) => {
    const actor = signedIn(req);
    return handleForm(reply, () => changeOwnPassword(req.ctx, { sessionToken: sessionToken(req), clientAddress: req.ip }, formBody(req.body)), {
      success: (change) => {
        req.log.info({ event: 'password_changed', userId: actor.id, sessionsRevoked: change.sessionsRevoked }, 'password changed by its user');
        return { to: '/account', flash: 'account.password_changed' };
      },
      rerender: (errors) => page(req, reply, errors, 400),
    });
  });

  // Also this session: someone who fears their account is in other hands starts again from nothing.
  app.post('/account/sign-out-everywhere', async (req, reply) => {
    const actor = signedIn(req);
    const ended = await revokeAllSessions(db, actor.id);
    req.log.info({ event: 'signed_out_everywhere', userId: actor.id, sessionsRevoked: ended }, 'user signed out everywhere');
    reply.clearCookie('sid', { path: '/' });
    setFlash(reply, 'account.signed_out_everywhere');
    return reply.redirect('/', 303);
  });
}

function AccountPage(props: { v: View; account: OwnAccount; sessions: number; errors: FieldErrors | undefined }) {
  const { v, account, errors } = props;
  const bodies = [...account.bodies].sort(compareText(v.locale));
  return (
    <Layout v={v} title={v.t('account.title')}>
      <PageHeader title={v.t('account.title')} lead={v.t('account.lead')} />
      <Section id="details-title" title={v.t('account.details')}>
        <Facts>
          <Fact label={v.t('account.name')}>{account.name}</Fact>
          <Fact label={v.t('auth.email')}>{account.email}</Fact>
          <Fact label={v.t('account.role')}>{v.t(`role.${account.role}`)}</Fact>
          <Fact label={v.t('account.organisation')}>
            <a href={`/o/${account.organisation.slug}`}>{account.organisation.name}</a>
          </Fact>
          <Fact label={v.t('account.bodies')}>{bodies.length ? bodies.join(', ') : v.t('account.no_bodies')}</Fact>
        </Facts>
        <p class="hint">{v.t('account.details_note')}</p>
      </Section>
      <Section id="password-title" title={v.t('account.change_password')}>
        <ErrorSummary v={v} errors={errors} />
        <Form v={v} action="/account/password">
          {/* A hidden user name lets password managers file the new password under the right account. */}
          <input type="text" name="username" value={account.email} autocomplete="username" readonly hidden />
          <TextField name="currentPassword" type="password" label={v.t('account.current_password')} autocomplete="current-password" error={errors?.currentPassword} required />
          <TextField
            name="newPassword"
            type="password"
            label={v.t('account.new_password')}
            hint={v.t('account.new_password_hint', PASSWORD_LIMITS)}
            autocomplete="new-password"
            error={errors?.newPassword}
            required
          />
          <TextField name="confirmPassword" type="password" label={v.t('account.confirm_password')} autocomplete="new-password" error={errors?.confirmPassword} required />
          <FormActions v={v} label={v.t('account.change_password')} />
        </Form>
      </Section>
      <Section id="sessions-title" title={v.t('account.sessions_title')}>
        <p>{v.t('account.sessions_active', { count: props.sessions })}</p>
        <p>{v.t('account.sign_out_everywhere_lead')}</p>
        <ActionForm v={v} action="/account/sign-out-everywhere" secondary label={v.t('account.sign_out_everywhere')} />
      </Section>
    </Layout>
  );
}
