// View parts shared by the module's pages.
import type { View } from '../../../core/html/view';

/** Shown when a one-click action (archive, a status step, a reorder) was based on a page someone else has since changed. */
export function StaleNotice(props: { v: View; message: string }) {
  return (
    <div class="conflict" role="alert">
      <h2>{props.v.t('conflict.title')}</h2>
      <p>{props.message}</p>
    </div>
  );
}
