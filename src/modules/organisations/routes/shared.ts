// Small pieces every route file of the module uses: the organisation in the URL and common API shapes.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../core/db/schema';
import type { OrgRef } from '../../../core/html/view';
import { requireOrg } from '../../../core/orgs';

/** The organisation named by /o/:org/…; 404 when there is none. */
export const orgOf = (db: Db, req: FastifyRequest): Promise<OrgRef> => requireOrg(db, (req.params as { org: string }).org);

export const idParam = (req: FastifyRequest): string => (req.params as { id: string }).id;

export const orgQuery = z.object({ organisation: z.string().max(63).optional() });

export const versionBody = z.object({ version: z.number().int() });

/** A filter value from a list page's GET form: anything not among `allowed` means "all". */
export function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A whole-number query value such as ?year=2018, or undefined. */
export function wholeNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Errors from a one-button form (archive, a status step) as one message at the top: the page has no
 * field for them to sit beside.
 */
export function asFormErrors(errors: Record<string, string>): Record<string, string> {
  const messages = Object.values(errors);
  return messages.length ? { _form: messages.join(' ') } : {};
}
