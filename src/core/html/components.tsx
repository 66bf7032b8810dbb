// Shared, accessible form and page parts. Errors sit next to their field and in a summary at the top.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../errors';
import type { View } from './view';

export function PageHeader(props: { title: string; lead?: string; children?: Child }) {
  return (
    <div class="page-header">
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.children ? <div class="actions">{props.children}</div> : null}
    </div>
  );
}

export function ErrorSummary(props: { v: View; errors: FieldErrors | undefined }) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{props.v.t('form.errors_title')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#f-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function Form(props: { v: View; action: string; children?: Child; class?: string; novalidate?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'form'} novalidate={props.novalidate ?? true}>
      <input type="hidden" name="_csrf" value={props.v.csrf()} />
      {props.children}
    </form>
  );
}

interface FieldBase {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}

function describedBy(p: FieldBase): string | undefined {
  const ids = [p.hint ? `f-${p.name}-hint` : '', p.error ? `f-${p.name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and error, each with the id its control's aria-describedby names. */
function HintAndError(props: FieldBase) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`f-${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`f-${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

function FieldFrame(props: FieldBase & { children?: Child }) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={`f-${props.name}`}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      <HintAndError {...props} />
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldBase & { value?: string | number | null | undefined; type?: string; autocomplete?: string; inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search' | 'text'; size?: 'short' | 'long' },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={`f-${props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === null || props.value === undefined ? '' : String(props.value)}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        class={props.size ? `input-${props.size}` : undefined}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value?: string | null | undefined; rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        rows={props.rows ?? 6}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(
  props: FieldBase & { options: Option[]; value?: string | string[] | null | undefined; multiple?: boolean; empty?: string },
) {
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <FieldFrame {...props}>
      <select
        id={`f-${props.name}`}
        name={props.name}
        multiple={props.multiple}
        size={props.multiple ? Math.min(8, Math.max(3, props.options.length)) : undefined}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={selected.has(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes (or radios) in a fieldset with a legend. */
export function Choices(
  props: FieldBase & { options: Option[]; value?: string | string[] | null | undefined; type?: 'checkbox' | 'radio' },
) {
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <fieldset class={props.error ? 'field choices has-error' : 'field choices'} id={`f-${props.name}`} aria-describedby={describedBy(props)}>
      <legend>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </legend>
      <HintAndError {...props} />
      {props.options.map((o, i) => (
        <div class="choice">
          <input
            type={props.type ?? 'checkbox'}
            id={`f-${props.name}-${i}`}
            name={props.name}
            value={o.value}
            checked={selected.has(o.value)}
          />
          <label for={`f-${props.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(props: { name: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="field choice">
      <input type="checkbox" id={`f-${props.name}`} name={props.name} checked={props.checked} value="on" />
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
    </div>
  );
}

export function Hidden(props: { name: string; value: string | number }) {
  return <input type="hidden" name={props.name} value={String(props.value)} />;
}

export function Submit(props: { label: string; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button type="submit" class={props.secondary ? 'button secondary' : 'button'} name={props.name} value={props.value}>
      {props.label}
    </button>
  );
}

/** Shown when a save was refused because someone else saved first; the user's input stays in the form. */
export function ConflictNotice(props: { v: View; changed: { label: string; current: string }[] }) {
  const { t } = props.v;
  return (
    <div class="conflict" role="alert">
      <h2>{t('conflict.title')}</h2>
      <p>{t('conflict.body')}</p>
      {props.changed.length ? (
        <dl>
          {props.changed.map((c) => (
            <>
              <dt>{c.label}</dt>
              <dd>{c.current || '—'}</dd>
            </>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

export function Pagination(props: { v: View; total: number; limit: number; offset: number; href: (offset: number) => string }) {
  const { total, limit, offset, v } = props;
  if (total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <nav class="pagination" aria-label={v.t('list.pages')}>
      <p>{v.t('list.showing', { from, to, total })}</p>
      <ul>
        {offset > 0 ? (
          <li>
            <a href={props.href(Math.max(0, offset - limit))} rel="prev">
              {v.t('list.previous')}
            </a>
          </li>
        ) : null}
        {to < total ? (
          <li>
            <a href={props.href(offset + limit)} rel="next">
              {v.t('list.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function Badge(props: { tone: string; children?: Child }) {
  return <span class={`badge badge-${props.tone}`}>{props.children}</span>;
}

export function Empty(props: { children?: Child }) {
  return <p class="empty">{props.children}</p>;
}

/** A link styled as a button. */
export function LinkButton(props: { href: string; children?: Child; secondary?: boolean }) {
  return (
    <a class={props.secondary ? 'button secondary' : 'button'} href={props.href}>
      {props.children}
    </a>
  );
}
