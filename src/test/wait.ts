// Waiting for a condition instead of sleeping a fixed time: a test goes on the moment the condition
// holds, and on a slow machine it waits longer rather than failing.

export interface WaitOptions {
  /** How long to wait at most, in milliseconds (default 10 s). */
  timeout?: number;
  /** How often to look, in milliseconds (default 50). */
  interval?: number;
  /** What is awaited, for the error on a timeout; a function is asked only then (e.g. for a child's stderr). */
  what?: string | (() => string);
}

/**
 * Polls `condition` until it returns something truthy, and returns that. An error thrown by the
 * condition ends the wait at once (e.g. "the server exited"); a timeout throws with `what`.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, { timeout = 10_000, interval = 50, what = 'the condition' }: WaitOptions = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
