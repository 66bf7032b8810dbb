// The few kinds of failure the application knows, each with an HTTP status and a stable id.
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'unavailable';

export const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 400,
  unavailable: 503,
};

/** Field name → message already in the reader's language. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** An i18n key; the message shown is its translation. */
    readonly messageKey: string = `error.${kind}`,
    readonly details?: Record<string, unknown>,
    /** Values for the message's placeholders ("{year} är avslutat"). */
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
  }
}

export const notFound = (key = 'error.not_found') => new AppError('not_found', key);
export const forbidden = (key = 'error.forbidden') => new AppError('forbidden', key);

/**
 * A write based on a stale version. Carries the record as it is now and the fields that differ,
 * so the user can see what changed and nothing they typed is lost.
 */
export class ConflictError extends AppError {
  constructor(
    readonly current: Record<string, unknown>,
    readonly changedFields: string[],
  ) {
    super('conflict', 'error.conflict', { current, changedFields });
  }
}

export type CommandResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const invalid = (fieldErrors: FieldErrors): { ok: false; fieldErrors: FieldErrors } => ({
  ok: false,
  fieldErrors,
});
