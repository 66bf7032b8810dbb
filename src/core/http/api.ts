// Declares a JSON API route: Zod schemas document it in OpenAPI and parse its input in one place.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, STATUS, type FieldErrors } from '../errors';
import type { Translate } from '../i18n';
import { parseInput } from '../validation';

export interface ApiRouteDef<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  tags: string[];
  /** Public routes answer anonymous callers (with published data only). */
  access: 'public' | 'signed-in';
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType;
  /** Status of a successful answer; 200 unless given. */
  status?: number;
}

type In<S> = S extends z.ZodType ? z.output<S> : undefined;

export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

export function apiRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  def: ApiRouteDef<Q, B, P>,
  handler: (req: FastifyRequest, input: { query: In<Q>; body: In<B>; params: In<P> }, reply: FastifyReply) => Promise<unknown>,
): void {
  const okStatus = def.status ?? 200;
  const errorSchema = { $ref: 'ApiError#' };
  app.route({
    method: def.method,
    url: def.url,
    schema: {
      operationId: def.operationId,
      summary: def.summary,
      tags: def.tags,
      ...(def.access === 'signed-in' ? { security: [{ bearer: [] }] } : {}),
      ...(def.params ? { params: toJsonSchema(def.params, 'input') } : {}),
      ...(def.query ? { querystring: toJsonSchema(def.query, 'input') } : {}),
      ...(def.body ? { body: toJsonSchema(def.body, 'input') } : {}),
      response: {
        [okStatus]: toJsonSchema(def.response, 'output'),
        400: errorSchema,
        ...(def.access === 'signed-in' ? { 401: errorSchema, 403: errorSchema } : {}),
        404: errorSchema,
        ...(def.method !== 'GET' ? { 409: errorSchema } : {}),
      },
    },
    handler: async (req, reply) => {
      if (def.access === 'signed-in' && req.actor.kind === 'anonymous') throw new AppError('unauthenticated');
      const input = {
        params: def.params ? parseOrThrow(def.params, req.params, req.ctx.t) : undefined,
        query: def.query ? parseOrThrow(def.query, req.query, req.ctx.t) : undefined,
        body: def.body ? parseOrThrow(def.body, req.body ?? {}, req.ctx.t) : undefined,
      } as { query: In<Q>; body: In<B>; params: In<P> };
      const result = await handler(req, input, reply);
      if (reply.sent) return reply;
      return reply.status(okStatus).send(result);
    },
  });
}

function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, t: Translate): z.output<S> {
  const parsed = parseInput(schema, data, t);
  if (!parsed.ok) throw validationError(parsed.fieldErrors);
  return parsed.data;
}

export function validationError(fieldErrors: FieldErrors): AppError {
  return new AppError('validation', 'error.validation', { fieldErrors });
}

/** Sends a command's field errors as the API's 400 answer. */
export function sendFieldErrors(reply: FastifyReply, t: Translate, fieldErrors: FieldErrors): FastifyReply {
  return reply.status(STATUS.validation).send({ error: 'validation', message: t('error.validation'), fieldErrors });
}

export const apiErrorSchema = {
  $id: 'ApiError',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', enum: Object.keys(STATUS).concat(['internal', 'rate_limited']) },
    message: { type: 'string' },
    fieldErrors: { type: 'object', additionalProperties: { type: 'string' } },
    current: { type: 'object' },
    changedFields: { type: 'array', items: { type: 'string' } },
  },
} as const;

// Paging shared by every collection.
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
