// Recognises "the database is not there" among errors, so users get a 503 page rather than a 500.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// SQLSTATE class 08 (connection exception) and 57P0x (admin shutdown, crash shutdown, cannot connect now).
const SQLSTATES = /^(08\d{3}|57P0[1-3])$/;

export function isDatabaseDown(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATES.test(e.code))) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(message)) return true;
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseDown)) return true;
  return e.cause ? isDatabaseDown(e.cause) : false;
}

/**
 * A database refusal caused by the input (class 22 data exceptions such as a malformed uuid or date,
 * class 23 constraint violations), so the user gets a 400/409 rather than a 500. Commands check
 * these cases themselves with field messages; this is the net under them.
 */
export function inputRefusal(err: unknown): { kind: 'bad_request' | 'conflict'; key: string } | undefined {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  if (code === '23505') return { kind: 'conflict', key: 'error.duplicate' };
  if (code === '23503') return { kind: 'bad_request', key: 'error.reference' };
  return { kind: 'bad_request', key: 'error.bad_request' };
}
