// Helpers for HTML form routes: run a command and answer with a redirect, the form with errors, or a conflict.
import type { FastifyReply } from 'fastify';
import { ConflictError, type CommandResult, type FieldErrors } from '../errors';
import { redirectWith, sendHtml } from '../html/view';

export interface FormOutcome<T> {
  /** Where to go after success, and the message to show there. */
  success: (value: T) => { to: string; flash?: string };
  /** The form again with the user's values and field errors, or on a conflict with the current record. */
  rerender: (errors: FieldErrors, conflict?: ConflictError) => unknown;
}

export async function handleForm<T>(reply: FastifyReply, run: () => Promise<CommandResult<T>>, outcome: FormOutcome<T>): Promise<FastifyReply> {
  try {
    const result = await run();
    if (result.ok) {
      const { to, flash } = outcome.success(result.value);
      return redirectWith(reply, to, flash ?? 'form.saved');
    }
    return sendHtml(reply, await outcome.rerender(result.fieldErrors), 400);
  } catch (err) {
    if (err instanceof ConflictError) return sendHtml(reply, await outcome.rerender({}, err), 409);
    throw err;
  }
}

/** The form body as a plain object ({} when there is none). */
export const formBody = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' ? (body as Record<string, unknown>) : {});

/** The changed fields of a conflict as label/current-value pairs for ConflictNotice. */
export function conflictFields(conflict: ConflictError, labels: Record<string, string>, t: (key: string) => string): { label: string; current: string }[] {
  return conflict.changedFields
    .filter((f) => f in labels)
    .map((f) => {
      const value = conflict.current[f];
      return { label: t(labels[f]!), current: value === null || value === undefined ? '' : String(value) };
    });
}
