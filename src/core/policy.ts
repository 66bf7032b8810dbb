// Turning a policy's answer into the right refusal: sign in first if anonymous, else forbidden.
import type { Actor } from './context';
import { AppError } from './errors';

export function authorize(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
}
