// The confirmation step before anything that cannot simply be undone (closing a year or a period,
// archiving, a bulk change): a page that says in words what will happen, a primary button that
// posts again with `confirm=yes`, and a way back. Plain HTML forms, so it works without JavaScript.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Child } from 'hono/jsx';
import { formShape } from '../http/forms';
import { Form, Hidden } from './components';
import { Layout } from './layout';
import { sendHtml, view, type OrgRef, type View } from './view';

/** The field the confirming form sends; a POST without it shows the confirmation instead of acting. */
export const CONFIRM_FIELD = 'confirm';
export const CONFIRMED = 'yes';

/** Whether a posted form carries the confirmation. */
export const isConfirmed = (body: unknown): boolean => !!body && typeof body === 'object' && (body as Record<string, unknown>)[CONFIRM_FIELD] === CONFIRMED;

export interface Confirmation {
  /** The question, e.g. "Stäng 2018?". */
  title: string;
  /** What will happen, one sentence each, with the specifics (names, counts). */
  consequences: string[];
  /** The primary button, saying the act itself ("Ja, stäng 2018"). */
  confirmLabel: string;
  /** Where "Avbryt" leads: the page the person came from. */
  cancel: string;
  /** Where the confirming form posts; the address the unconfirmed form posted to when not given. */
  action?: string;
  /** Values the confirming form sends besides what the first form posted, which it carries on as it was. */
  fields?: Record<string, string | readonly string[]>;
  /** More to show before the button (the list of records a bulk change touches). */
  details?: Child;
}

/**
 * The confirmation page. The heading is the question; the list says what happens; the button is the
 * page's one primary action and the cancel link leads back without changing anything. Focus order is
 * the reading order, so a keyboard user reads the consequences before reaching the button.
 */
export function ConfirmPage(props: { v: View; confirmation: Confirmation; action: string; carry?: Record<string, string | readonly string[]> }) {
  const { v, confirmation: c } = props;
  const fields = { ...props.carry, ...c.fields };
  return (
    <Layout v={v} title={c.title}>
      <div class="page-header">
        <h1>{c.title}</h1>
      </div>
      <section class="confirm" aria-labelledby="confirm-what">
        <h2 id="confirm-what">{v.t('confirm.what_happens')}</h2>
        <ul>
          {c.consequences.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        {c.details}
      </section>
      <Form v={v} action={c.action ?? props.action} class="form">
        {Object.entries(fields).map(([name, value]) => (typeof value === 'string' ? <Hidden name={name} value={value} /> : value.map((item) => <Hidden name={name} value={item} />)))}
        <Hidden name={CONFIRM_FIELD} value={CONFIRMED} />
        <div class="form-actions">
          <button type="submit" class="button">
            {c.confirmLabel}
          </button>
          <a href={c.cancel}>{v.t('form.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

/** The usual confirmation of archiving one record: what archiving means, and that nothing is lost. */
export function archiveConfirmation(t: View['t'], what: { name: string; cancel: string; more?: string[] }): Confirmation {
  return {
    title: t('confirm.archive.title', { name: what.name }),
    consequences: [t('confirm.archive.hidden', { name: what.name }), ...(what.more ?? []), t('confirm.archive.kept')],
    confirmLabel: t('confirm.archive.button', { name: what.name }),
    cancel: what.cancel,
  };
}

/**
 * Answers an unconfirmed POST with the confirmation page: what the form posted is carried on (the
 * version the person saw, the ticked records), without the CSRF token, which the page makes anew.
 */
export function sendConfirmation(req: FastifyRequest, reply: FastifyReply, org: OrgRef, confirmation: Confirmation): FastifyReply {
  const { _csrf: _token, [CONFIRM_FIELD]: _confirm, ...carry } = formShape(req.body);
  return sendHtml(reply, <ConfirmPage v={view(req, reply, org)} confirmation={confirmation} action={req.url} carry={carry} />);
}
