// Shared, accessible form and page parts. Errors sit next to their field and in a summary at the top.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../errors';
import { Layout } from './layout';
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
  props: FieldBase & {
    value?: string | number | null | undefined;
    type?: string;
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search' | 'text';
    size?: 'short' | 'long';
    placeholder?: string;
    pattern?: string;
  },
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
        placeholder={props.placeholder}
        pattern={props.pattern}
        class={props.size ? `input-${props.size}` : undefined}
      />
    </FieldFrame>
  );
}

/**
 * A date: the browser's date picker where it has one, ÅÅÅÅ-MM-DD typed by hand where it has none (the
 * value is the same either way). The hint always says the format, before any hint of the field's own.
 */
/**
 * A date typed as ÅÅÅÅ-MM-DD. A text field, not the browser's date picker: a picker shows the date in
 * the browser's own locale (mm/dd/yyyy in an American one), so the field would not read as the hint
 * and every list says. Officials type dates from decisions; the server checks them.
 */
export function DateField(props: FieldBase & { v: View; value?: string | null | undefined }) {
  const { v, ...field } = props;
  const format = v.t('form.date_format');
  return <TextField {...field} type="text" autocomplete="off" hint={props.hint ? `${format}. ${props.hint}` : format} placeholder={format} pattern="\d{4}-\d{2}-\d{2}" size="short" />;
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

/**
 * A drop-down list. `empty` is the first option, with no value: "Välj …" (`form.choose`) where a choice
 * is still to be made, so the form never sends the first option unasked, or a label for "none"/"all".
 */
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

export function Checkbox(props: { name: string; label: string; checked?: boolean | undefined; hint?: string; value?: string }) {
  return (
    <div class="field choice">
      <input type="checkbox" id={`f-${props.name}`} name={props.name} checked={props.checked} value={props.value ?? 'on'} />
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

/** A form's save button and, where there is somewhere to go back to, its cancel link. */
export function FormActions(props: { v: View; label?: string; cancel?: string | undefined }) {
  return (
    <div class="form-actions">
      <Submit label={props.label ?? props.v.t('form.save')} />
      {props.cancel ? <a href={props.cancel}>{props.v.t('form.cancel')}</a> : null}
    </div>
  );
}

/**
 * A page whose point is one form (a record's new or edit form): the header, the conflict notice,
 * the errors, the required-fields note, then the form with the version the edit is based on, its
 * fields, save and cancel. `notes` stand between the required-fields note and the form.
 */
export function FormPage(props: {
  v: View;
  title: string;
  lead?: string | undefined;
  action: string;
  cancel: string;
  version?: string | number | undefined;
  errors?: FieldErrors | undefined;
  conflict?: { label: string; current: string }[] | undefined;
  submit?: string;
  /** Links in the header, beside the title (the history link). */
  actions?: Child;
  notes?: Child;
  children?: Child;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={props.title}>
      <PageHeader title={props.title} lead={props.lead}>
        {props.actions}
      </PageHeader>
      {props.conflict ? <ConflictNotice v={v} changed={props.conflict} /> : null}
      <ErrorSummary v={v} errors={props.errors} />
      <p class="hint">{v.t('form.required_note')}</p>
      {props.notes}
      <Form v={v} action={props.action}>
        {props.version !== undefined ? <Hidden name="version" value={props.version} /> : null}
        {props.children}
        <FormActions v={v} label={props.submit} cancel={props.cancel} />
      </Form>
    </Layout>
  );
}

/**
 * A one-button action on a record (publish, archive, a workflow step): a small POST form that names
 * the version the user saw, with an optional hint before the button and fields of its own.
 */
export function ActionForm(props: {
  v: View;
  action: string;
  label: string;
  version?: string | number | null | undefined;
  secondary?: boolean;
  hint?: string;
  /** Extra fields (hidden values, a comment); the form is then a full-width form, not an inline one. */
  children?: Child;
}) {
  return (
    <Form v={props.v} action={props.action} class={props.children ? 'form' : 'inline-form'}>
      {props.version !== undefined ? <Hidden name="version" value={props.version ?? ''} /> : null}
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {props.children}
      <Submit label={props.label} secondary={props.secondary} />
    </Form>
  );
}

/** A list page's filter form: GET, so the filtered list has an address of its own. */
export function FilterForm(props: { v: View; action: string; label?: string; children?: Child }) {
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.label}>
      {props.children}
      <button type="submit" class="button secondary">
        {props.v.t('list.filter')}
      </button>
    </form>
  );
}

/** The header of one record's page: its name, a lead, the edit button, other actions, then the history link. */
export function RecordHeader(props: { v: View; title: string; lead?: string | undefined; edit?: string | false | undefined; history?: string | false | undefined; children?: Child }) {
  return (
    <PageHeader title={props.title} lead={props.lead}>
      {props.edit ? <LinkButton href={props.edit}>{props.v.t('form.edit')}</LinkButton> : null}
      {props.children}
      {props.history ? <a href={props.history}>{props.v.t('history.link')}</a> : null}
    </PageHeader>
  );
}

/** A record's facts as a definition list; each `Fact` is one term and its value. */
export function Facts(props: { children?: Child }) {
  return <dl class="facts">{props.children}</dl>;
}

export function Fact(props: { label: string; children?: Child }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** A titled part of a page: a section named by its heading. */
export function Section(props: { id: string; title: string; level?: 2 | 3; children?: Child }) {
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby={props.id}>
      <H id={props.id}>{props.title}</H>
      {props.children}
    </section>
  );
}

/** Items as a bulleted list, or a sentence saying there are none. */
export function ListOrEmpty<T>(props: { items: readonly T[]; empty: string; item: (item: T) => Child; class?: string }) {
  if (!props.items.length) return <Empty>{props.empty}</Empty>;
  return (
    <ul class={props.class}>
      {props.items.map((i) => (
        <li>{props.item(i)}</li>
      ))}
    </ul>
  );
}

export type Column = Child | { label: Child; num: true };

const isNum = (c: Column): c is { label: Child; num: true } => !!c && typeof c === 'object' && 'num' in c;

/** A right-aligned number column. */
export const num = (label: Child): Column => ({ label, num: true });

/**
 * A data table as every page draws it: a wrapper that scrolls on a narrow screen, the caption,
 * the column headers (numbers right-aligned; `null` columns left out), the rows and an optional total row.
 */
export function Table(props: { caption: Child; hiddenCaption?: boolean; columns: (Column | null | false | undefined)[]; foot?: Child; children?: Child; id?: string | undefined }) {
  return (
    <div class="table-wrap" id={props.id}>
      <table>
        {props.hiddenCaption ? <caption class="visually-hidden">{props.caption}</caption> : <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) =>
              c === null || c === false || c === undefined ? null : isNum(c) ? (
                <th scope="col" class="num">
                  {c.label}
                </th>
              ) : (
                <th scope="col">{c}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
        {props.foot ? <tfoot>{props.foot}</tfoot> : null}
      </table>
    </div>
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
