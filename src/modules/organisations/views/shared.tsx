// View parts shared by the module's pages.
import type { FieldErrors } from '../../../core/errors';
import { ActionForm, ErrorSummary } from '../../../core/html/components';
import type { OrgRef, View } from '../../../core/html/view';

/** Shown when a one-click action (archive, a status step, a reorder) was based on a page someone else has since changed. */
export function StaleNotice(props: { v: View; message: string }) {
  return (
    <div class="conflict" role="alert">
      <h2>{props.v.t('conflict.title')}</h2>
      <p>{props.message}</p>
    </div>
  );
}

/** Why a one-button action on a record's page did not happen: it was stale, or refused for a reason. */
export function ActionRefusal(props: { v: View; errors?: FieldErrors | undefined; conflict?: boolean | undefined }) {
  return (
    <>
      {props.conflict ? <StaleNotice v={props.v} message={props.v.t('organisations.stale')} /> : null}
      <ErrorSummary v={props.v} errors={props.errors} />
    </>
  );
}

/** Archive or restore a record of /o/:org/<path>/:id, based on the version the page shows. */
export function ArchiveButton(props: { v: View; org: OrgRef; path: string; record: { id: string; version: number; archived: boolean } }) {
  const { v, record } = props;
  return (
    <ActionForm v={v} action={`/o/${props.org.slug}/${props.path}/${record.id}/${record.archived ? 'restore' : 'archive'}`} version={record.version} secondary label={v.t(record.archived ? 'form.restore' : 'form.archive')} />
  );
}
