// The opening every command shares: authorize, parse the write's one schema, then one transaction for its writes and audit row.
import type { z } from 'zod';
import type { Ctx } from './context';
import type { Trx } from './db/schema';
import { notFound, type CommandResult } from './errors';
import { authorize } from './policy';
import { isUuid, parseInput, type Parsed } from './validation';

export interface Opening<S extends z.ZodType> {
  /** The policy's answer for this actor; checked first, so a refused caller learns nothing about the input. */
  allowed: boolean;
  schema: S;
  input: unknown;
  /** The record's id, when the command acts on one: a value that cannot be an id is a record that does not exist. */
  id?: string;
}

/**
 * Authorizes, then parses: field errors, or the data. For a command with work outside its
 * transaction (hashing a password, queueing after commit, answering a unique violation).
 */
export function openCommand<S extends z.ZodType>(ctx: Ctx, opening: Opening<S>): Parsed<z.output<S>> {
  authorize(ctx.actor, opening.allowed);
  const parsed = parseInput(opening.schema, opening.input, ctx.t);
  if (parsed.ok && opening.id !== undefined && !isUuid(opening.id)) throw notFound();
  return parsed;
}

/** openCommand, then `body` with the data in one transaction; an error it throws rolls back all it wrote. */
export async function runCommand<S extends z.ZodType, T>(
  ctx: Ctx,
  opening: Opening<S>,
  body: (trx: Trx, data: z.output<S>) => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  const parsed = openCommand(ctx, opening);
  if (!parsed.ok) return parsed;
  return ctx.db.transaction().execute((trx) => body(trx, parsed.data));
}
