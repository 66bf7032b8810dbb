// Pages for user accounts (admins only): the list, the new-account form, one account with its edit
// form and actions, and the page that shows a generated password once.
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, Badge, Choices, ConflictNotice, ErrorSummary, Fact, Facts, FilterForm, Form, FormActions, FormPage, Hidden, LinkButton, PageHeader, Pagination, RecordHeader, Section, Select, Table, TextField } from '../../../core/html/components';
import { Layout } from '../../../core/html/layout';
import { DownloadLinks } from '../../../core/html/downloads';
import type { OrgRef, View } from '../../../core/html/view';
import type { Role } from '../../../core/context';
import type { UserView } from '../organisations.presenter';

export const USER_STATES = ['active', 'archived', 'all'] as const;

export interface UserFilterValues {
  role?: Role | undefined;
  state: (typeof USER_STATES)[number];
}

const filterQuery = (f: UserFilterValues, offset?: number) => {
  const p = new URLSearchParams();
  if (f.role) p.set('role', f.role);
  p.set('state', f.state);
  if (offset) p.set('offset', String(offset));
  return `?${p.toString()}`;
};

export function UsersPage(props: { v: View; org: OrgRef; users: UserView[]; total: number; limit: number; offset: number; filter: UserFilterValues }) {
  const { v, org, filter } = props;
  return (
    <Layout v={v} title={v.t('users.title')}>
      <PageHeader title={v.t('users.title')} lead={v.t('users.lead')}>
        <LinkButton href={`/o/${org.slug}/users/new`}>{v.t('users.new')}</LinkButton>
        <DownloadLinks v={v} href={`/o/${org.slug}/users`} query={filterQuery(filter)} label={v.t('users.title')} />
      </PageHeader>
      <FilterForm v={v} action={`/o/${org.slug}/users`}>
        <Select name="role" label={v.t('users.role')} value={filter.role} empty={v.t('list.all')} options={roleOptions(v)} />
        <Select name="state" label={v.t('users.state')} value={filter.state} options={USER_STATES.map((s) => ({ value: s, label: v.t(`users.state.${s}`) }))} />
      </FilterForm>
      {props.users.length ? (
        <Table caption={v.t('users.caption', { count: props.total })} columns={[v.t('users.name'), v.t('users.email'), v.t('users.role'), v.t('users.bodies'), v.t('users.state')]}>
              {props.users.map((u) => (
                <tr>
                  <th scope="row">
                    <a href={`/o/${org.slug}/users/${u.id}`}>{u.name}</a>
                  </th>
                  <td>{u.email}</td>
                  <td>{u.roleLabel}</td>
                  <td>{u.bodies.length ? u.bodies.map((b) => b.name).join(', ') : '—'}</td>
                  <td>{u.archived ? <Badge tone="warn">{v.t('users.state.archived')}</Badge> : <Badge tone="ok">{v.t('users.state.active')}</Badge>}</td>
                </tr>
              ))}
        </Table>
      ) : (
        <p class="empty">{v.t('list.empty')}</p>
      )}
      <Pagination v={v} total={props.total} limit={props.limit} offset={props.offset} href={(offset) => `/o/${org.slug}/users${filterQuery(filter, offset)}`} />
    </Layout>
  );
}

export interface UserFormValues {
  name?: string;
  email?: string;
  role?: string;
  bodyIds?: string | string[];
  version?: number | string;
}

type BodyOption = { value: string; label: string };

function UserFields(props: { v: View; values: UserFormValues; errors?: FieldErrors | undefined; bodies: BodyOption[] }) {
  const { v, values, errors } = props;
  return (
    <>
      <TextField name="name" label={v.t('users.name')} value={values.name} error={errors?.name} autocomplete="off" required />
      <Select name="role" label={v.t('users.role')} hint={v.t('users.role_hint')} value={values.role} error={errors?.role} required empty={v.t('form.choose')} options={roleOptions(v)} />
      <Choices name="bodyIds" label={v.t('users.bodies')} hint={v.t('users.bodies_hint')} value={values.bodyIds} error={errors?.bodyIds} options={props.bodies} />
    </>
  );
}

export function NewUserPage(props: { v: View; org: OrgRef; values: UserFormValues; bodies: BodyOption[]; errors?: FieldErrors }) {
  const { v, org, values, errors } = props;
  return (
    <FormPage v={v} title={v.t('users.new')} lead={v.t('users.new_lead')} action={`/o/${org.slug}/users`} cancel={`/o/${org.slug}/users`} errors={errors} submit={v.t('users.create')}>
      <TextField name="email" type="email" label={v.t('users.email')} value={values.email} error={errors?.email} autocomplete="off" required />
      <UserFields v={v} values={values} errors={errors} bodies={props.bodies} />
      <TextField name="password" type="password" label={v.t('users.password')} hint={v.t('users.password_hint')} error={errors?.password} autocomplete="new-password" />
    </FormPage>
  );
}

export function UserPage(props: {
  v: View;
  org: OrgRef;
  user: UserView;
  values: UserFormValues;
  bodies: BodyOption[];
  errors?: FieldErrors;
  conflict?: { label: string; current: string }[];
}) {
  const { v, org, user, errors } = props;
  const base = `/o/${org.slug}/users/${user.id}`;
  return (
    <Layout v={v} title={user.name}>
      <RecordHeader v={v} title={user.name} lead={`${user.email} · ${user.roleLabel}`} history={`/o/${org.slug}/history/user/${user.id}`} />
      {user.archived ? (
        <p>
          <Badge tone="warn">{v.t('users.state.archived')}</Badge> {v.t('users.archived_note')}
        </p>
      ) : null}
      {props.conflict ? <ConflictNotice v={v} changed={props.conflict} /> : null}
      <ErrorSummary v={v} errors={errors} />
      {user.can.update ? (
        <Section id="edit-title" title={v.t('users.edit')}>
          <p class="hint">{v.t('form.required_note')}</p>
          <Form v={v} action={`/o/${org.slug}/users/${user.id}`}>
            <Hidden name="version" value={props.values.version ?? user.version} />
            <UserFields v={v} values={props.values} errors={errors} bodies={props.bodies} />
            <FormActions v={v} cancel={`/o/${org.slug}/users`} />
          </Form>
        </Section>
      ) : null}
      <Section id="account-title" title={v.t('users.account')}>
        {user.can.resetPassword ? <ActionForm v={v} action={`${base}/reset-password`} version={user.version} hint={v.t('users.reset_hint')} secondary label={v.t('users.reset_password')} /> : null}
        {user.can.archive ? <ActionForm v={v} action={`${base}/archive`} version={user.version} hint={v.t('users.archive_hint')} secondary label={v.t('form.archive')} /> : null}
        {user.can.restore ? <ActionForm v={v} action={`${base}/restore`} version={user.version} secondary label={v.t('form.restore')} /> : null}
        {user.isSelf ? <p class="hint">{v.t('users.self_note')}</p> : null}
      </Section>
    </Layout>
  );
}

/** The one time a password is shown. The page is not cached (sendHtml sends no-store) and the password is kept nowhere. */
export function PasswordOncePage(props: { v: View; org: OrgRef; user: { id: string; name: string; email: string }; password: string; reason: 'created' | 'reset' }) {
  const { v, org, user } = props;
  const title = v.t(props.reason === 'created' ? 'users.created_title' : 'users.reset_title');
  return (
    <Layout v={v} title={title}>
      <PageHeader title={title} lead={v.t('users.once_lead', { name: user.name, email: user.email })} />
      <Facts>
        <Fact label={v.t('users.email')}>{user.email}</Fact>
        <Fact label={v.t('users.password')}>
          <code class="secret">{props.password}</code>
        </Fact>
      </Facts>
      <p>
        <strong>{v.t('users.once_warning')}</strong>
      </p>
      <p>
        <a href={`/o/${org.slug}/users/${user.id}`}>{v.t('users.to_account')}</a>
      </p>
    </Layout>
  );
}

/** Every role this app knows: the core's and those its modules declare. */
const roleOptions = (v: View) => v.roles.map((r) => ({ value: r.name, label: v.t(r.labelKey) }));
