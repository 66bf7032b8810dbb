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

const formScalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * A body in the shape a browser's form sends: each field a text or a list of texts. A JSON client
 * posting to a form route gets the same treatment; a nested object or null there is no field at all,
 * so the form shows a field error and never tries to print an object back into an input.
 */
export function formShape(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) out[key] = value.map(formScalar).filter((x): x is string => x !== undefined);
    else {
      const scalar = formScalar(value);
      if (scalar !== undefined) out[key] = scalar;
    }
  }
  return out;
}

/** The changed fields of a conflict as label/current-value pairs for ConflictNotice. */
export function conflictFields(conflict: ConflictError, labels: Record<string, string>, t: (key: string) => string): { label: string; current: string }[] {
  return conflict.changedFields
    .filter((f) => f in labels)
    .map((f) => {
      const value = conflict.current[f];
      return { label: t(labels[f]!), current: value === null || value === undefined ? '' : String(value) };
    });
}
